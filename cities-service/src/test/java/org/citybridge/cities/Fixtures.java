package org.citybridge.cities;

import io.quarkus.narayana.jta.QuarkusTransaction;
import io.restassured.response.ValidatableResponse;
import org.citybridge.cities.domain.City;
import org.citybridge.cities.domain.M49Regions;
import org.citybridge.cities.domain.Official;
import org.citybridge.contracts.events.PairIds;
import org.citybridge.contracts.events.PartnershipFormed;
import org.citybridge.contracts.vocabulary.ProposalKind;
import org.citybridge.testing.JsonApi;

import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;

/** Test data: every test makes its own, with unique names, so tests never depend on each other. */
final class Fixtures {

    private Fixtures() {}

    static String unique(String prefix) {
        return prefix + " " + UUID.randomUUID().toString().substring(0, 8);
    }

    /** A complete, valid city request body. */
    static Map<String, Object> cityBody(String name, String country) {
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("name", name);
        body.put("localName", "洛阳");
        body.put("country", country);
        body.put("population", 7_056_700);
        body.put("coordinates", Map.of("latitude", 34.6197, "longitude", 112.454));
        body.put("languages", List.of("zh"));
        body.put("description", "Ancient capital on the Luo river.");
        body.put(
                "heritageAssets",
                List.of(Map.of(
                        "name",
                        "Longmen Grottoes",
                        "kind",
                        "UNESCO World Heritage site",
                        "inscribedYear",
                        2000,
                        "facts",
                        List.of("Late Northern Wei to Tang dynasties (316-907)"))));
        body.put("associations", List.of());
        body.put(
                "officials",
                List.of(Map.of(
                        "name",
                        "Bai Zhibin",
                        "title",
                        "Deputy Director",
                        "office",
                        "Foreign Affairs Office",
                        "email",
                        "bai@example.org",
                        "phone",
                        "+86 379 0000 0000")));
        return body;
    }

    /** Registers a city through the API; the calling test must run as a platform-admin. */
    static UUID register(Map<String, Object> body) {
        String id = JsonApi.createdId(JsonApi.post("/api/v1/cities", body));
        return UUID.fromString(id);
    }

    static ValidatableResponse get(UUID id) {
        return JsonApi.get("/api/v1/cities/" + id);
    }

    /**
     * Makes sure a city with this fixed id exists, for tests whose officer token names it (token
     * claims are fixed at compile time, ids are not); arranged directly in the database.
     */
    static UUID ensureCity(UUID id, String name, String country) {
        QuarkusTransaction.requiringNew().run(() -> {
            if (City.findById(id) != null) {
                return;
            }
            M49Regions.Placement placement = M49Regions.of(country);
            City city = new City();
            city.id = id;
            city.name = name;
            city.country = placement.country();
            city.region = placement.region();
            city.subRegion = placement.subRegion();
            city.officials = new ArrayList<>(List.of(new Official(
                    "Diana Alarcon",
                    "General Coordinator",
                    "International Affairs",
                    "diana@example.org",
                    "+52 55 0000 0000")));
            city.createdAt = Instant.now();
            city.updatedAt = city.createdAt;
            city.persist();
        });
        return id;
    }

    static String etagOf(UUID id) {
        return get(id).statusCode(200).extract().header("ETag");
    }

    /** A sister-city partnership of a and b as matchmaking announces it (keyed by its pair id). */
    static PartnershipFormed sisterCities(UUID a, UUID b, LocalDate formedOn) {
        UUID pair = PairIds.of(a, b, ProposalKind.SISTER_CITY, null);
        return new PartnershipFormed(
                UUID.randomUUID(),
                pair,
                pair,
                a,
                b,
                ProposalKind.SISTER_CITY,
                null,
                formedOn,
                "proposal",
                Instant.now());
    }
}
