package org.citybridge.matchmaking.rest;

import org.citybridge.matchmaking.model.ModelVersion;
import org.eclipse.microprofile.openapi.annotations.media.Schema;

import java.time.Instant;
import java.util.Map;

/** A version of the matchmaking model as the API shows it. */
@Schema(name = "Model", description = "A version of the matchmaking model: its weights and how it was made")
public record ModelView(
        int version,
        @Schema(description = "Feature key to weight") Map<String, Double> weights,
        @Schema(enumeration = {"CONFIGURATION", "FIT"}) String source,
        boolean active,

        @Schema(description = "Country pairs the model learned twinning counts for")
        int countryPairs,

        @Schema(description = "How it was fitted and evaluated (fits only)")
        Map<String, Object> report,

        Instant createdAt,
        Instant activatedAt) {

    static ModelView of(ModelVersion model) {
        return new ModelView(
                model.version,
                model.weights,
                model.source.name(),
                model.active,
                model.countryPairs.size(),
                model.report,
                model.createdAt,
                model.activatedAt);
    }
}
