package org.citybridge.webhooks.rest;

import org.eclipse.microprofile.openapi.annotations.media.Schema;

import java.time.Instant;

/** A new signing secret, shown this once; the previous one still signs, as a second signature, until the time given. */
@Schema(name = "WebhookSecret")
public record SecretView(String secret, Instant previousSecretValidUntil) {}
