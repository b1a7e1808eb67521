package org.citybridge.contracts.events;

import java.time.Instant;
import java.util.UUID;

/** One side accepted a proposal. Key: proposal id. */
public record ProposalAccepted(UUID proposalId, UUID cityA, UUID cityB, UUID acceptedBy, Instant acceptedAt)
        implements EventPayload {

    @Override
    public UUID aggregateId() {
        return proposalId;
    }
}
