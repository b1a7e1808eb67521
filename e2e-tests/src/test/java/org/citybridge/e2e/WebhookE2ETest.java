package org.citybridge.e2e;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import org.citybridge.client.matchmaking.api.ProposalsApi;
import org.citybridge.client.webhooks.api.WebhooksApi;
import org.citybridge.client.webhooks.model.Webhook;
import org.citybridge.client.webhooks.model.WebhookDelivery;
import org.citybridge.client.webhooks.model.WebhookRequest;
import org.citybridge.launcher.DemoUsers;
import org.citybridge.launcher.Platform;
import org.citybridge.launcher.seed.SeedContext;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.Base64;
import java.util.List;
import java.util.UUID;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * A UN agency system behind a firewall learns of proposals and partnerships by webhook: it subscribes
 * (client credentials, role partner-system) through the generated client, its endpoint answers 500 for
 * a minute, and when it recovers every event of the story (the proposal, both acceptances, the
 * partnership) arrives once, in order, each signature valid; the delivery log shows the retries.
 */
class WebhookE2ETest {

    private static final String PROPOSAL_CREATED = "org.citybridge.proposal.created.v1";
    private static final String PROPOSAL_ACCEPTED = "org.citybridge.proposal.accepted.v1";
    private static final String PARTNERSHIP_FORMED = "org.citybridge.partnership.formed.v1";
    private static final Duration OUTAGE = Duration.ofMinutes(1);

    private static Platform platform;
    private static SeedContext seed;
    private final ObjectMapper json = new ObjectMapper();

    @BeforeAll
    static void platform() {
        platform = E2E.platform();
        seed = E2E.seed();
    }

    @Test
    void shouldDeliverTheStorysEventsSignedOnceAndInOrderAfterAMinuteOfFailures() throws Exception {
        String partner = seed.keycloak().clientCredentialsToken(DemoUsers.PARTNER_CLIENT, DemoUsers.PARTNER_SECRET);
        String admin = seed.adminToken();
        WebhooksApi webhooks = new WebhooksApi(GeneratedClients.webhooks(platform, partner));
        try (WebhookReceiver receiver = new WebhookReceiver()) {
            Instant recovers = Instant.now().plus(OUTAGE);
            receiver.answer(() -> Instant.now().isBefore(recovers) ? 500 : 204);
            Webhook subscription = webhooks.createWebhook(
                    new WebhookRequest()
                            .url(receiver.url())
                            .eventTypes(List.of(PROPOSAL_CREATED, PROPOSAL_ACCEPTED, PARTNERSHIP_FORMED))
                            .description("agency system"),
                    null);
            String secret = subscription.getSecret();
            assertThat(secret).startsWith("whsec_");

            // the story: two cities proposed to each other, both accept
            GeneratedClients.ProposedPair pair = GeneratedClients.proposedPair(platform, admin);
            UUID proposal = pair.proposal().getId();
            ProposalsApi proposals = new ProposalsApi(GeneratedClients.matchmaking(platform, admin));
            proposals.acceptProposal(proposal, pair.first().getId(), null);
            proposals.acceptProposal(proposal, pair.second().getId(), null);

            // nothing got through during the outage; afterwards everything, once each
            await("the story's four events at the receiver")
                    .atMost(OUTAGE.plusSeconds(60))
                    .pollInterval(Duration.ofMillis(500))
                    .until(() -> about(receiver, proposal).size() >= 4);
            assertThat(receiver.refused()).isPositive();
            List<WebhookReceiver.Received> arrived = about(receiver, proposal);
            assertThat(arrived).hasSize(4);
            assertThat(arrived.stream().map(r -> event(r).path("id").asText()).distinct())
                    .hasSize(4);
            List<String> proposalEvents = arrived.stream()
                    .map(this::event)
                    .filter(e -> e.path("subject").asText().equals(proposal.toString()))
                    .map(e -> e.path("type").asText())
                    .toList();
            // in the order they were published (the partnership too when it is keyed like its proposal)
            assertThat(proposalEvents).startsWith(PROPOSAL_CREATED, PROPOSAL_ACCEPTED, PROPOSAL_ACCEPTED);
            assertThat(arrived).extracting(r -> event(r).path("type").asText()).contains(PARTNERSHIP_FORMED);
            for (WebhookReceiver.Received request : arrived) {
                assertThat(request.header("webhook-signature"))
                        .isEqualTo(sign(
                                secret,
                                request.header("webhook-id"),
                                request.header("webhook-timestamp"),
                                request.body()));
                assertThat(request.header("content-type")).startsWith("application/cloudevents+json");
            }

            // the log, as the partner reads it: delivered, some after failed attempts
            List<WebhookDelivery> log = webhooks.listWebhookDeliveries(subscription.getId(), 0, 100, null, null)
                    .getItems();
            List<String> ids = arrived.stream().map(r -> r.header("webhook-id")).toList();
            assertThat(log)
                    .filteredOn(d -> ids.contains(d.getId().toString()))
                    .hasSize(4)
                    .allSatisfy(d -> assertThat(d.getStatus()).hasToString("DELIVERED"))
                    .anySatisfy(d -> assertThat(d.getAttempts()).isGreaterThan(1));
        }
    }

    /** What arrived about this proposal: its own events and the partnership formed from it. */
    private List<WebhookReceiver.Received> about(WebhookReceiver receiver, UUID proposal) {
        return receiver.accepted().stream()
                .filter(r -> event(r).path("data").path("proposalId").asText().equals(proposal.toString()))
                .toList();
    }

    private JsonNode event(WebhookReceiver.Received request) {
        try {
            return json.readTree(request.body());
        } catch (java.io.IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
    }

    /** The Standard Webhooks signature, computed here as a receiver would, independently of the service. */
    private static String sign(String secret, String id, String timestamp, byte[] body) throws Exception {
        Mac mac = Mac.getInstance("HmacSHA256");
        mac.init(new SecretKeySpec(Base64.getDecoder().decode(secret.substring("whsec_".length())), "HmacSHA256"));
        mac.update((id + "." + timestamp + ".").getBytes(StandardCharsets.UTF_8));
        return "v1," + Base64.getEncoder().encodeToString(mac.doFinal(body));
    }
}
