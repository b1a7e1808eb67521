package org.citybridge.contracts.events;

import org.citybridge.contracts.vocabulary.CooperationArea;
import org.citybridge.contracts.vocabulary.ExchangeFormat;

import java.time.Instant;
import java.time.LocalDate;
import java.util.List;
import java.util.UUID;

/** An exchange took place; carries who took part and on which topics. Key: exchange id. */
public record ExchangeHeld(
        UUID exchangeId,
        UUID clusterId,
        String title,
        ExchangeFormat format,
        LocalDate startDate,
        LocalDate endDate,
        List<UUID> participantCityIds,
        List<CooperationArea> topics,
        String outcomeNotes,
        Instant heldAt)
        implements EventPayload {

    public ExchangeHeld {
        participantCityIds = participantCityIds == null ? List.of() : List.copyOf(participantCityIds);
        topics = topics == null ? List.of() : List.copyOf(topics);
    }

    @Override
    public UUID aggregateId() {
        return exchangeId;
    }
}
