package org.citybridge.clusters.rest;

import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Size;
import org.citybridge.clusters.service.ExchangeCommand;
import org.citybridge.contracts.vocabulary.CooperationArea;
import org.citybridge.contracts.vocabulary.ExchangeFormat;
import org.eclipse.microprofile.openapi.annotations.media.Schema;

import java.time.LocalDate;
import java.util.Set;
import java.util.UUID;

/** Plans an exchange, or replaces the plan of a PLANNED one. */
@Schema(name = "ExchangeRequest")
public record ExchangeRequest(
        @NotBlank @Size(max = 300) @Schema(example = "Mexico City - Luoyang video conference")
        String title,

        @NotNull @Schema(example = "VIDEO_CONFERENCE") ExchangeFormat format,
        @NotNull @Schema(example = "2022-02-22") LocalDate startDate,

        @NotNull @Schema(description = "Same as startDate for one-day events", example = "2022-02-22")
        LocalDate endDate,

        @Schema(description = "The cluster it belongs to, if any")
        UUID clusterId,

        @Size(max = 50) Set<@NotNull UUID> facilitatorIds,
        @Size(max = 200) Set<@NotNull UUID> participantCityIds,
        @Size(max = 19) Set<@NotNull CooperationArea> topics,
        @Size(max = 4000) String outcomeNotes) {

    ExchangeCommand toCommand() {
        return new ExchangeCommand(
                title, format, startDate, endDate, clusterId, facilitatorIds, participantCityIds, topics, outcomeNotes);
    }
}
