package org.citybridge.clusters.rest;

import jakarta.validation.Valid;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Size;
import org.citybridge.clusters.service.SurveyResponseCommand;
import org.eclipse.microprofile.openapi.annotations.media.Schema;

import java.util.List;
import java.util.UUID;

/** A participating city answers the survey of a held exchange. */
@Schema(name = "SurveyResponseRequest")
public record SurveyResponseRequest(
        @NotNull @Schema(description = "The answering city; a city officer may answer only for their own city")
        UUID cityId,

        @Size(max = 19) List<@NotNull @Valid StatedInterestRequest> interests,
        @NotNull Boolean wantsPartnership,
        @NotNull @Min(1) @Max(5) @Schema(example = "5") Integer rating,
        @Size(max = 4000) String comment) {

    /** Call after validation: the answer and the rating are required. */
    SurveyResponseCommand toCommand() {
        return new SurveyResponseCommand(
                cityId,
                interests == null
                        ? null
                        : interests.stream()
                                .map(StatedInterestRequest::toCommand)
                                .toList(),
                wantsPartnership,
                rating,
                comment);
    }
}
