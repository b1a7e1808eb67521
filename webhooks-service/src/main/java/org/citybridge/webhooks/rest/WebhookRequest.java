package org.citybridge.webhooks.rest;

import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotEmpty;
import jakarta.validation.constraints.Size;
import org.citybridge.webhooks.domain.DeliveryMode;
import org.eclipse.microprofile.openapi.annotations.media.Schema;

import java.util.List;

/** A subscription to make: where to, which event types, and in which CloudEvents HTTP binding. */
@Schema(name = "WebhookRequest")
public record WebhookRequest(
        @NotBlank @Size(max = 2000) @Schema(example = "https://partner.example.org/citybridge/events")
        String url,

        @NotEmpty
        @Size(max = 50)
        @Schema(example = "[\"org.citybridge.proposal.created.v1\", \"org.citybridge.partnership.formed.v1\"]")
        List<@NotBlank @Size(max = 200) String> eventTypes,

        @Schema(description = "STRUCTURED (default) or BINARY")
        DeliveryMode mode,

        @Size(max = 500) String description) {}
