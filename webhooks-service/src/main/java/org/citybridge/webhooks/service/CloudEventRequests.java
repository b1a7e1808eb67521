package org.citybridge.webhooks.service;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import jakarta.enterprise.context.ApplicationScoped;
import org.citybridge.webhooks.domain.DeliveryMode;

import java.net.URI;
import java.net.http.HttpRequest;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;

/**
 * A delivery as an HTTP request in the CloudEvents HTTP binding the subscription asks for, signed by
 * the Standard Webhooks scheme over the exact body sent.
 */
@ApplicationScoped
public class CloudEventRequests {

    public static final String STRUCTURED_TYPE = "application/cloudevents+json";
    static final String USER_AGENT = "CityBridge-Webhooks/1";

    private final ObjectMapper mapper;

    public CloudEventRequests(ObjectMapper mapper) {
        this.mapper = mapper;
    }

    public HttpRequest build(DueDelivery delivery, Instant now, Duration timeout) {
        byte[] body;
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(delivery.url()))
                .timeout(timeout)
                .header("User-Agent", USER_AGENT);
        if (delivery.mode() == DeliveryMode.STRUCTURED) {
            body = structured(delivery);
            request.header("Content-Type", STRUCTURED_TYPE);
        } else {
            body = delivery.eventData().getBytes(StandardCharsets.UTF_8);
            request.header("Content-Type", "application/json")
                    .header("ce-specversion", "1.0")
                    .header("ce-id", delivery.eventId())
                    .header("ce-type", delivery.eventType())
                    .header("ce-source", delivery.eventSource())
                    .header("ce-subject", delivery.eventSubject())
                    .header("ce-time", delivery.eventTime().toString());
        }
        String id = delivery.id().toString();
        long timestamp = now.getEpochSecond();
        return request.header("webhook-id", id)
                .header("webhook-timestamp", Long.toString(timestamp))
                .header("webhook-signature", Signatures.header(delivery.secrets(), id, timestamp, body))
                .POST(HttpRequest.BodyPublishers.ofByteArray(body))
                .build();
    }

    private byte[] structured(DueDelivery delivery) {
        ObjectNode event = mapper.createObjectNode()
                .put("specversion", "1.0")
                .put("id", delivery.eventId())
                .put("type", delivery.eventType())
                .put("source", delivery.eventSource())
                .put("subject", delivery.eventSubject())
                .put("time", delivery.eventTime().toString())
                .put("datacontenttype", "application/json");
        try {
            event.set("data", mapper.readTree(delivery.eventData()));
            return mapper.writeValueAsBytes(event);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("Event " + delivery.eventId() + " holds data that is not JSON", e);
        }
    }
}
