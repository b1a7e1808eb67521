package org.citybridge.webhooks.rest;

import jakarta.validation.constraints.NotNull;
import org.eclipse.microprofile.openapi.annotations.media.Schema;

import java.time.Instant;

/** Send again every kept event of the subscription's types from this time on. */
@Schema(name = "ReplayRequest")
public record ReplayRequest(
        @NotNull @Schema(example = "2026-12-01T00:00:00Z") Instant from) {}
