package org.citybridge.e2e;

import org.citybridge.client.cities.api.CitiesApi;
import org.citybridge.client.cities.model.City;
import org.citybridge.client.cities.model.PartnerView;
import org.citybridge.client.cities.model.Problem;
import org.citybridge.client.clusters.api.ExchangesApi;
import org.citybridge.client.clusters.model.Exchange;
import org.citybridge.client.clusters.model.ExchangeStatus;
import org.citybridge.client.matchmaking.ApiResponse;
import org.citybridge.client.matchmaking.api.PartnershipsApi;
import org.citybridge.client.matchmaking.api.ProposalsApi;
import org.citybridge.client.matchmaking.model.PartnershipView;
import org.citybridge.client.matchmaking.model.ProposalView;
import org.citybridge.launcher.Platform;
import org.citybridge.launcher.seed.SeedContext;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.util.List;
import java.util.UUID;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

/**
 * A partner system integrates through the Java clients generated from the committed OpenAPI documents
 * (module {@code clients}), and nothing else: it finds the story's cities and the exchanges they held
 * together, registers two cities of its own, states their interests, waits for matchmaking to propose
 * them to each other, accepts for both sides with the ETag it read (If-Match), and sees the partnership
 * in matchmaking and on both profiles. Errors arrive as the documented problem.
 */
class GeneratedClientE2ETest {

    private static Platform platform;
    private static SeedContext seed;

    @BeforeAll
    static void platform() {
        platform = E2E.platform();
        seed = E2E.seed();
    }

    @Test
    void shouldRunTheStoryThroughTheGeneratedClients() throws Exception {
        String admin = seed.adminToken();
        CitiesApi cities = new CitiesApi(GeneratedClients.cities(platform, admin));
        ExchangesApi exchanges = new ExchangesApi(GeneratedClients.clusters(platform));
        ProposalsApi proposals = new ProposalsApi(GeneratedClients.matchmaking(platform, admin));
        PartnershipsApi partnerships = new PartnershipsApi(GeneratedClients.matchmaking(platform, admin));

        // the story's cities, found by name, and the exchanges they held together
        City luoyang = cities.listCities(null, "CN", null, 0, "Luoyang", null, null, 10, null, null)
                .getItems()
                .get(0);
        assertThat(luoyang.getId()).isEqualTo(E2E.luoyang());
        List<Exchange> held = exchanges
                .listCityExchanges(luoyang.getId(), null, 0, 100, null, ExchangeStatus.HELD, null)
                .getItems();
        assertThat(held)
                .filteredOn(exchange -> exchange.getParticipantCityIds().contains(E2E.mexicoCity()))
                .hasSizeGreaterThanOrEqualTo(2);

        // two cities of the partner's own, each seeking the other's country, proposed to each other
        GeneratedClients.ProposedPair pair = GeneratedClients.proposedPair(platform, admin);
        City kathmandu = pair.first();
        City valparaiso = pair.second();
        ProposalView proposed = pair.proposal();
        assertThat(proposed.getReasons())
                .isNotEmpty()
                .allSatisfy(reason -> assertThat(reason.getText()).isNotBlank());

        // both sides accept, each with the ETag it read; a stale ETag is refused
        ApiResponse<ProposalView> read = proposals.getProposalWithHttpInfo(proposed.getId());
        String etag = read.getHeaders().get("ETag").get(0);
        ProposalView once = proposals.acceptProposal(proposed.getId(), kathmandu.getId(), etag);
        assertThat(once.getStatus()).isEqualTo(ProposalView.StatusEnum.ACCEPTED_BY_ONE);
        assertThatThrownBy(() -> proposals.acceptProposal(proposed.getId(), valparaiso.getId(), etag))
                .isInstanceOfSatisfying(
                        org.citybridge.client.matchmaking.ApiException.class,
                        e -> assertThat(e.getCode()).isEqualTo(412));
        String fresh = proposals
                .getProposalWithHttpInfo(proposed.getId())
                .getHeaders()
                .get("ETag")
                .get(0);
        ProposalView agreed = proposals.acceptProposal(proposed.getId(), valparaiso.getId(), fresh);
        assertThat(agreed.getStatus()).isEqualTo(ProposalView.StatusEnum.AGREED);

        // the partnership in matchmaking, and on both profiles once cities-service has the event
        List<PartnershipView> formed = partnerships
                .listPartnerships(kathmandu.getId(), null, 0, 20, null)
                .getItems();
        assertThat(formed)
                .anySatisfy(p -> assertThat(List.of(p.getCityA(), p.getCityB()))
                        .containsExactlyInAnyOrder(kathmandu.getId(), valparaiso.getId()));
        await("both profiles list the partner")
                .atMost(Duration.ofSeconds(60))
                .pollInterval(Duration.ofMillis(500))
                .untilAsserted(() -> {
                    assertThat(cities.getCity(kathmandu.getId()).getPartners())
                            .extracting(PartnerView::getCityId)
                            .contains(valparaiso.getId());
                    assertThat(cities.getCity(valparaiso.getId()).getPartners())
                            .extracting(PartnerView::getCityId)
                            .contains(kathmandu.getId());
                });

        // an unknown city is a 404 whose body is the documented problem
        UUID unknown = UUID.randomUUID();
        assertThatThrownBy(() -> cities.getCity(unknown))
                .isInstanceOfSatisfying(org.citybridge.client.cities.ApiException.class, e -> {
                    assertThat(e.getCode()).isEqualTo(404);
                    Problem problem = readProblem(e.getResponseBody());
                    assertThat(problem.getStatus()).isEqualTo(404);
                    assertThat(problem.getDetail()).contains(unknown.toString());
                });
    }

    private static Problem readProblem(String body) {
        try {
            // the client's own mapper: the one it reads every answer with
            return org.citybridge.client.cities.ApiClient.createDefaultObjectMapper()
                    .readValue(body, Problem.class);
        } catch (java.io.IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
    }
}
