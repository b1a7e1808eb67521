package org.citybridge.e2e;

import com.fasterxml.jackson.databind.JsonNode;
import org.citybridge.launcher.http.ApiClient;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;

import static org.citybridge.e2e.FaultPlatform.CITIES;
import static org.citybridge.e2e.FaultPlatform.CLUSTERS;
import static org.citybridge.e2e.FaultPlatform.asAdmin;

/**
 * Deterministic data for one fault test: its own cities (names unique per run) and a reproducible
 * sequence of interest writes, each carrying a unique note so its event can be found on the topic.
 */
final class FaultScenario {

    /** Developing economies from several regions: every pair earns the South-South reason. */
    private static final String[] COUNTRIES = {"MX", "CN", "BR", "IN", "ZA", "KE", "PE", "VN", "EG", "CO", "ID", "MA"};

    private static final String[] AREAS = {
        "tourism", "trade", "renewable-energy", "heritage-protection", "transport", "education"
    };
    private static final String[] STANCES = {"OFFER", "SEEK", "MUTUAL"};
    private static final String[] INTENTS = {"SISTER_CITY", "THEMATIC_PARTNERSHIP", "KNOWLEDGE_EXCHANGE"};
    private static final String[] REGIONS = {"Latin America and the Caribbean", "Asia", "Africa"};

    /** The seven UNOSSC clusters, seeded with fixed ids by clusters-service's first migration. */
    static UUID cluster(int index) {
        return UUID.fromString("5c1a0001-0000-4000-8000-00000000000" + (1 + index % 7));
    }

    /** One interest write: which city, what, and the note that identifies its event. */
    record InterestWrite(
            int index, UUID city, String area, String stance, String intent, List<String> regions, String note) {

        Map<String, Object> body() {
            Map<String, Object> body = new LinkedHashMap<>();
            body.put("area", area);
            body.put("stance", stance);
            body.put("intent", intent);
            body.put("preferences", Map.of("regions", regions));
            body.put("note", note);
            return body;
        }
    }

    final String run;
    final List<UUID> cities = new ArrayList<>();

    /** @param label what the test is, part of every city name and note (with a per-run suffix) */
    FaultScenario(String label) {
        this.run = label + "-" + UUID.randomUUID().toString().substring(0, 8);
    }

    /**
     * A scenario with {@code count} new cities that clusters-service knows already (it accepts memberships
     * only of cities it has heard of).
     */
    static FaultScenario withKnownCities(String label, int count) {
        FaultScenario scenario = new FaultScenario(label).registerCities(count);
        FaultPlatform.events().awaitClustersKnowEveryCity();
        return scenario;
    }

    /** Registers {@code count} cities through cities-service (platform-admin). */
    FaultScenario registerCities(int count) {
        for (int i = 0; i < count; i++) {
            Map<String, Object> city = new LinkedHashMap<>();
            city.put("name", "City " + run + " " + i);
            city.put("country", COUNTRIES[i % COUNTRIES.length]);
            city.put("population", 200_000L + 137_000L * i);
            JsonNode created = asAdmin()
                    .post(FaultPlatform.url(CITIES) + "/api/v1/cities", city)
                    .expect(201)
                    .json();
            cities.add(UUID.fromString(created.get("id").asText()));
        }
        return this;
    }

    /** The i-th interest write of this scenario: the same for the same i in every run (apart from the run name). */
    InterestWrite interest(int i) {
        // multipliers coprime with the array lengths spread the writes over cities and combinations
        UUID city = cities.get((i * 7) % cities.size());
        String area = AREAS[(i * 5 + i / cities.size()) % AREAS.length];
        String stance = STANCES[(i / 2) % STANCES.length];
        String intent = INTENTS[(i / 3) % INTENTS.length];
        List<String> regions = i % 4 == 0 ? List.of(REGIONS[(i / 4) % REGIONS.length]) : List.of();
        return new InterestWrite(i, city, area, stance, intent, regions, "write " + i + " of " + run);
    }

    /** Posts an interest write; the answer as it came. */
    ApiClient.Reply post(InterestWrite write) {
        return post(write, FaultPlatform.url(CITIES));
    }

    /** Posts an interest write to one instance of cities-service; the answer as it came. */
    ApiClient.Reply post(InterestWrite write, String citiesUrl) {
        return asAdmin().post(citiesUrl + "/api/v1/cities/" + write.city() + "/interests", write.body());
    }

    /** Posts the membership of the i-th city in a cluster; the answer as it came. */
    ApiClient.Reply join(int cityIndex) {
        return asAdmin()
                .post(
                        FaultPlatform.url(CLUSTERS) + "/api/v1/clusters/" + cluster(cityIndex) + "/members",
                        Map.of(
                                "memberKind",
                                "CITY",
                                "memberId",
                                cities.get(cityIndex).toString(),
                                "role",
                                "MEMBER"));
    }

    /** The best PROPOSED proposal of a city of this scenario with another of its cities; null if none. */
    JsonNode openProposal(String matchmakingUrl) {
        Set<String> ours = new HashSet<>();
        cities.forEach(c -> ours.add(c.toString()));
        for (UUID city : cities) {
            ApiClient.Reply answer = FaultPlatform.HTTP.get(matchmakingUrl + "/api/v1/cities/" + city + "/proposals");
            if (answer.status() != 200) {
                continue;
            }
            for (JsonNode ranked : answer.json()) {
                JsonNode proposal = ranked.get("proposal");
                if (ours.contains(ranked.get("partnerCityId").asText())
                        && "PROPOSED".equals(proposal.get("status").asText())) {
                    return proposal;
                }
            }
        }
        return null;
    }
}
