package org.citybridge.e2e;

import org.citybridge.client.cities.api.CitiesApi;
import org.citybridge.client.cities.api.InterestsApi;
import org.citybridge.client.cities.model.City;
import org.citybridge.client.cities.model.CityRequest;
import org.citybridge.client.cities.model.CooperationArea;
import org.citybridge.client.cities.model.Intent;
import org.citybridge.client.cities.model.InterestRequest;
import org.citybridge.client.cities.model.PartnerPreferencesRequest;
import org.citybridge.client.cities.model.Stance;
import org.citybridge.client.matchmaking.api.ProposalsApi;
import org.citybridge.client.matchmaking.model.ProposalView;
import org.citybridge.client.matchmaking.model.RankedProposalView;
import org.citybridge.launcher.Platform;

import java.time.Duration;
import java.util.List;
import java.util.UUID;

import static org.awaitility.Awaitility.await;

/**
 * The Java clients generated from the committed OpenAPI documents (module {@code clients}), pointed at
 * the running platform with a bearer token, and the steps several end-to-end tests take with them.
 */
final class GeneratedClients {

    private GeneratedClients() {}

    /** Two new cities proposed to each other, and the proposal. */
    record ProposedPair(City first, City second, ProposalView proposal) {}

    static org.citybridge.client.cities.ApiClient cities(Platform platform, String token) {
        org.citybridge.client.cities.ApiClient client = new org.citybridge.client.cities.ApiClient();
        client.updateBaseUri(platform.serviceUrl("cities-service"));
        client.setRequestInterceptor(request -> request.header("Authorization", "Bearer " + token));
        return client;
    }

    static org.citybridge.client.clusters.ApiClient clusters(Platform platform) {
        org.citybridge.client.clusters.ApiClient client = new org.citybridge.client.clusters.ApiClient();
        client.updateBaseUri(platform.serviceUrl("clusters-service"));
        return client;
    }

    static org.citybridge.client.matchmaking.ApiClient matchmaking(Platform platform, String token) {
        org.citybridge.client.matchmaking.ApiClient client = new org.citybridge.client.matchmaking.ApiClient();
        client.updateBaseUri(platform.serviceUrl("matchmaking-service"));
        client.setRequestInterceptor(request -> request.header("Authorization", "Bearer " + token));
        return client;
    }

    static org.citybridge.client.webhooks.ApiClient webhooks(Platform platform, String token) {
        org.citybridge.client.webhooks.ApiClient client = new org.citybridge.client.webhooks.ApiClient();
        client.updateBaseUri(platform.serviceUrl("webhooks-service"));
        client.setRequestInterceptor(request -> request.header("Authorization", "Bearer " + token));
        return client;
    }

    /**
     * Registers two cities (as platform-admin), each seeking the other's country for disaster risk
     * reduction, and waits for matchmaking to propose them to each other.
     */
    static ProposedPair proposedPair(Platform platform, String adminToken) throws Exception {
        CitiesApi cities = new CitiesApi(cities(platform, adminToken));
        InterestsApi interests = new InterestsApi(cities(platform, adminToken));
        ProposalsApi proposals = new ProposalsApi(matchmaking(platform, adminToken));
        String run = UUID.randomUUID().toString().substring(0, 8);
        City first = cities.registerCity(
                new CityRequest().name("Client Kathmandu " + run).country("NP").population(1_400_000L), null);
        City second = cities.registerCity(
                new CityRequest().name("Client Valparaíso " + run).country("CL").population(300_000L), null);
        interests.expressInterest(first.getId(), disasterRiskReduction("CL"), null);
        interests.expressInterest(second.getId(), disasterRiskReduction("NP"), null);
        ProposalView proposal = await("the proposal of the two cities")
                .atMost(Duration.ofSeconds(60))
                .pollInterval(Duration.ofMillis(500))
                .until(
                        () -> proposals.listCityProposals(first.getId()).stream()
                                .filter(ranked -> second.getId().equals(ranked.getPartnerCityId()))
                                .map(RankedProposalView::getProposal)
                                .findFirst()
                                .orElse(null),
                        found -> found != null);
        return new ProposedPair(first, second, proposal);
    }

    private static InterestRequest disasterRiskReduction(String partnerCountry) {
        return new InterestRequest()
                .area(CooperationArea.DISASTER_RISK_REDUCTION)
                .stance(Stance.MUTUAL)
                .intent(Intent.SISTER_CITY)
                .preferences(new PartnerPreferencesRequest().countries(List.of(partnerCountry)));
    }
}
