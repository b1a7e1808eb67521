package org.citybridge.matchmaking.rest;

import org.citybridge.contracts.vocabulary.CooperationArea;
import org.citybridge.contracts.vocabulary.ProposalKind;

import java.time.Instant;
import java.time.LocalDate;
import java.util.UUID;

/** A formed partnership. */
public record PartnershipView(UUID id, UUID pairId, UUID cityA, UUID cityB, ProposalKind kind, CooperationArea area,
                              LocalDate formedOn, String source, UUID proposalId, Instant recordedAt) {
}
