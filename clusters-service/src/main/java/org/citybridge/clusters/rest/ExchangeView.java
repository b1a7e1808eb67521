package org.citybridge.clusters.rest;

import org.citybridge.clusters.domain.Exchange;
import org.citybridge.clusters.domain.ExchangeStatus;
import org.citybridge.contracts.vocabulary.CooperationArea;
import org.citybridge.contracts.vocabulary.ExchangeFormat;
import org.eclipse.microprofile.openapi.annotations.media.Schema;

import java.time.Instant;
import java.time.LocalDate;
import java.util.List;
import java.util.UUID;

/** An exchange as the API shows it. */
@Schema(name = "Exchange")
public record ExchangeView(
        UUID id,
        String title,
        ExchangeFormat format,
        LocalDate startDate,
        LocalDate endDate,
        UUID clusterId,
        List<UUID> facilitatorIds,
        List<UUID> participantCityIds,
        List<CooperationArea> topics,
        ExchangeStatus status,
        String outcomeNotes,
        String cancellationReason,
        Instant heldAt,
        Instant cancelledAt,
        Instant createdAt,
        long version) {

    static ExchangeView of(Exchange e) {
        return new ExchangeView(
                e.id,
                e.title,
                e.format,
                e.startDate,
                e.endDate,
                e.clusterId,
                e.facilitatorIds.stream().sorted().toList(),
                e.participantCityIds.stream().sorted().toList(),
                e.topics.stream().sorted().toList(),
                e.status,
                e.outcomeNotes,
                e.cancellationReason,
                e.heldAt,
                e.cancelledAt,
                e.createdAt,
                e.version);
    }
}
