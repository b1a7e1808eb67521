package org.citybridge.contracts.events;

import org.citybridge.contracts.vocabulary.CooperationArea;
import org.citybridge.contracts.vocabulary.ExchangeFormat;

import java.time.LocalDate;
import java.util.List;
import java.util.UUID;

/** An exchange was planned (or its plan changed). Key: exchange id. */
public record ExchangeScheduled(
        UUID exchangeId,
        UUID clusterId,
        String title,
        ExchangeFormat format,
        LocalDate startDate,
        LocalDate endDate,
        List<UUID> facilitatorIds,
        List<UUID> participantCityIds,
        List<CooperationArea> topics)
        implements EventPayload {

    public ExchangeScheduled {
        facilitatorIds = facilitatorIds == null ? List.of() : List.copyOf(facilitatorIds);
        participantCityIds = participantCityIds == null ? List.of() : List.copyOf(participantCityIds);
        topics = topics == null ? List.of() : List.copyOf(topics);
    }

    @Override
    public UUID aggregateId() {
        return exchangeId;
    }
}
