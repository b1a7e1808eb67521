package org.citybridge.webhooks.rest;

import org.eclipse.microprofile.openapi.annotations.media.Schema;

import java.time.Instant;

/** What a replay queued. */
@Schema(name = "Replay")
public record ReplayView(Instant from, int queued) {}
