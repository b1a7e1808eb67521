package org.citybridge.clusters.service;

import org.citybridge.contracts.vocabulary.CooperationArea;
import org.citybridge.contracts.vocabulary.ExchangeFormat;

import java.time.LocalDate;
import java.util.Set;
import java.util.UUID;

/**
 * The plan of an exchange, as planning or replanning it writes it; null sets mean none.
 *
 * @param clusterId the cluster it belongs to, if any
 */
public record ExchangeCommand(
        String title,
        ExchangeFormat format,
        LocalDate startDate,
        LocalDate endDate,
        UUID clusterId,
        Set<UUID> facilitatorIds,
        Set<UUID> participantCityIds,
        Set<CooperationArea> topics,
        String outcomeNotes) {}
