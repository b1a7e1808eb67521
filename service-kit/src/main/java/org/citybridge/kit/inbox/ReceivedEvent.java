package org.citybridge.kit.inbox;

import org.citybridge.contracts.events.CloudEventHeaders;
import org.citybridge.contracts.events.EventPayload;
import org.citybridge.contracts.events.EventType;

/** A decoded incoming event. */
public record ReceivedEvent(CloudEventHeaders headers, EventType type, EventPayload payload) {}
