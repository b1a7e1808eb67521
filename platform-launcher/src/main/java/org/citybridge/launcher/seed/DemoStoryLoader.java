package org.citybridge.launcher.seed;

import com.fasterxml.jackson.databind.JsonNode;
import org.citybridge.launcher.http.ApiClient;

import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import java.util.function.Consumer;
import java.util.logging.Logger;

/**
 * Tells the demo story of clusters-service through its public REST API: the organisations of the
 * UNOSSC Cities Project, the December 2020 study course "Promoting Inclusive and Sustainable Tourism
 * Development" with its post-course survey, and the 22 February 2022 Mexico City - Luoyang video
 * conference, inaugural exchange of the renewable energy cluster.
 *
 * <p>Cities are never invented here: they are looked up in cities-service ({@link CityDirectory});
 * Mexico City and Luoyang are required, the other course participants are used when registered.
 * The loader is repeatable: everything is looked up before it is created, and every create carries
 * a stable {@code Idempotency-Key}, so a second run (or a run after a crash) creates nothing twice.
 * Where the article is silent (exact course dates, Chinese counterparts besides Luoyang, individual
 * survey answers) the data says it is illustrative.
 *
 * <p>The launcher runs it in-process once the cities are seeded ({@link Seeder}), with a
 * {@code platform-admin} token; it needs nothing of clusters-service but its public API.
 */
public final class DemoStoryLoader {

    private static final Logger LOG = Logger.getLogger(DemoStoryLoader.class.getName());

    public static final String UNOSSC = "United Nations Office for South-South Cooperation (UNOSSC)";
    public static final String UNESCO_MEXICO = "UNESCO Office in Mexico";
    public static final String MWHCA = "Mexican World Heritage Cities Association (MWHCA)";

    public static final String COURSE_TITLE = "Promoting Inclusive and Sustainable Tourism Development";
    public static final String VIDEO_CONFERENCE_TITLE = "Mexico City - Luoyang video conference for friendly exchanges";

    static final String TOURISM_CLUSTER = "sustainable-tourism-heritage-creative-economy";
    static final String RENEWABLE_ENERGY_CLUSTER = "renewable-energy-development";
    static final String LATIN_AMERICA = "Latin America and the Caribbean";

    /** Mexican cities with UNESCO World Heritage historic centres (Mexico City first). */
    public static final List<String> MEXICAN_CITIES = List.of(
            "Mexico City",
            "Puebla",
            "Oaxaca",
            "Guanajuato",
            "Morelia",
            "Zacatecas",
            "Querétaro",
            "Tlacotalpan",
            "Campeche",
            "San Miguel de Allende");
    /** Luoyang, and illustrative Chinese counterparts with World Heritage sites. */
    public static final List<String> CHINESE_CITIES = List.of("Luoyang", "Xi'an", "Dengfeng", "Anyang");

    /** What the story consists of after a run. */
    public record Result(
            Map<String, UUID> organisations,
            UUID courseId,
            UUID videoConferenceId,
            List<UUID> courseParticipants,
            int created) {}

    private final ApiClient api;
    private final CityDirectory cities;
    private final Duration projectionWait;
    private final Consumer<String> log;
    private int created;

    /**
     * @param api            client of clusters-service, with a platform-admin token
     * @param cities         where cities are looked up (cities-service)
     * @param projectionWait how long to retry when clusters-service has not yet consumed a city's
     *                       registration (its projection follows city-events asynchronously)
     */
    public DemoStoryLoader(ApiClient api, CityDirectory cities, Duration projectionWait) {
        this(api, cities, projectionWait, LOG::info);
    }

    /** As above, with the loader's progress notes sent to {@code log} (the launcher keeps them in a file). */
    public DemoStoryLoader(ApiClient api, CityDirectory cities, Duration projectionWait, Consumer<String> log) {
        this.api = api;
        this.cities = cities;
        this.projectionWait = projectionWait;
        this.log = log;
    }

    /** Loads (or completes) the story; returns the ids involved and how many things were created now. */
    public Result load() {
        created = 0;
        UUID tourism = clusterId(TOURISM_CLUSTER);
        UUID renewable = clusterId(RENEWABLE_ENERGY_CLUSTER);

        Map<String, UUID> organisations = new LinkedHashMap<>();
        organisations.put(UNOSSC, organisation(UNOSSC, "UN_AGENCY", null));
        organisations.put(UNESCO_MEXICO, organisation(UNESCO_MEXICO, "UN_AGENCY", "MX"));
        organisations.put(MWHCA, organisation(MWHCA, "ASSOCIATION", "MX"));

        UUID mexicoCity = requiredCity("Mexico City", "MX");
        UUID luoyang = requiredCity("Luoyang", "CN");
        Map<UUID, String> courseCities = new LinkedHashMap<>();
        for (String name : MEXICAN_CITIES) {
            cities.find(name, "MX")
                    .ifPresentOrElse(
                            id -> courseCities.put(id, "MX"),
                            () -> log.accept(
                                    "Demo story: " + name + " (MX) is not registered with cities-service; left out"));
        }
        for (String name : CHINESE_CITIES) {
            cities.find(name, "CN")
                    .ifPresentOrElse(
                            id -> courseCities.put(id, "CN"),
                            () -> log.accept(
                                    "Demo story: " + name + " (CN) is not registered with cities-service; left out"));
        }

        // the joint pilot project of UNOSSC, UNESCO Mexico and MWHCA lives in the tourism cluster
        member(tourism, "ORGANISATION", organisations.get(UNOSSC), "LEAD");
        member(tourism, "ORGANISATION", organisations.get(UNESCO_MEXICO), "FACILITATOR");
        member(tourism, "ORGANISATION", organisations.get(MWHCA), "FACILITATOR");
        for (UUID city : courseCities.keySet()) {
            member(tourism, "CITY", city, "MEMBER");
        }
        member(renewable, "ORGANISATION", organisations.get(UNOSSC), "FACILITATOR");
        member(renewable, "CITY", mexicoCity, "MEMBER");
        member(renewable, "CITY", luoyang, "MEMBER");

        UUID course = heldExchange(
                COURSE_TITLE,
                "STUDY_COURSE",
                "2020-12-08",
                "2020-12-09",
                tourism,
                List.of(organisations.get(UNOSSC)),
                new ArrayList<>(courseCities.keySet()),
                List.of("tourism", "heritage-protection"),
                "Two-day online study course and experience exchange under the UNOSSC Cities Project on good "
                        + "practices in developing regional attractiveness and achieving sustainable tourism, "
                        + "including rediscovering historical and world heritage assets and partnership brokering "
                        + "among stakeholders from the global South. Twelve Mexican cities joined with Chinese "
                        + "counterparts, including Luoyang; in the post-webinar survey many cities expressed strong "
                        + "interest in cooperation and partnerships. The exact dates within December 2020 and the "
                        + "Chinese counterparts other than Luoyang are illustrative.");
        for (Map.Entry<UUID, String> city : courseCities.entrySet()) {
            surveyResponse(course, city.getKey(), courseAnswer(city.getKey(), city.getValue(), mexicoCity, luoyang));
        }

        UUID videoConference = heldExchange(
                VIDEO_CONFERENCE_TITLE,
                "VIDEO_CONFERENCE",
                "2022-02-22",
                "2022-02-22",
                renewable,
                List.of(organisations.get(UNOSSC)),
                List.of(mexicoCity, luoyang),
                List.of("renewable-energy", "trade", "technology", "education", "tourism"),
                "Facilitated by UNOSSC, in continuation of the December 2020 study course; also the inaugural "
                        + "exchange of the renewable energy cities cluster. Luoyang expressed strong interest in "
                        + "collaborating with Mexico City on trade, technology, education and tourism, and seeks a "
                        + "sister-city relationship with Latin American cities (2022 marks 50 years of China-Mexico "
                        + "diplomatic ties). Mexico City wishes to learn from successful economic development, social "
                        + "integration and cultural enhancement. Both look forward to regular conversations.");
        surveyResponse(
                videoConference,
                luoyang,
                answer(
                        true,
                        5,
                        "Interests as stated at the meeting: trade, technology, education and tourism with Mexico City; "
                                + "a sister-city relationship with Latin American cities.",
                        interest("trade", "MUTUAL", "SISTER_CITY", List.of(LATIN_AMERICA), List.of("MX")),
                        interest("technology", "MUTUAL", "SISTER_CITY", List.of(LATIN_AMERICA), List.of("MX")),
                        interest("education", "MUTUAL", "SISTER_CITY", List.of(LATIN_AMERICA), List.of("MX")),
                        interest("tourism", "MUTUAL", "SISTER_CITY", List.of(LATIN_AMERICA), List.of("MX"))));
        surveyResponse(
                videoConference,
                mexicoCity,
                answer(
                        true,
                        5,
                        "Wishes to learn from successful experiences of economic development, social integration and "
                                + "cultural enhancement; shares its investment in transport infrastructure.",
                        interest("economic-development", "SEEK", "SISTER_CITY", List.of(), List.of("CN")),
                        interest("social-integration", "SEEK", "KNOWLEDGE_EXCHANGE", List.of(), List.of("CN")),
                        interest("culture", "SEEK", "KNOWLEDGE_EXCHANGE", List.of(), List.of("CN")),
                        interest("transport", "OFFER", "KNOWLEDGE_EXCHANGE", List.of(), List.of())));

        Result result =
                new Result(organisations, course, videoConference, new ArrayList<>(courseCities.keySet()), created);
        log.accept("Demo story: " + created + " item(s) created");
        return result;
    }

    // ---- the survey answers (illustrative, consistent with "strong interest in cooperation")

    private Map<String, Object> courseAnswer(UUID city, String country, UUID mexicoCity, UUID luoyang) {
        String note = "Illustrative answer, consistent with the strong interest in cooperation and partnerships "
                + "reported after the course.";
        if (city.equals(luoyang)) {
            return answer(
                    true,
                    5,
                    note,
                    interest("tourism", "MUTUAL", "SISTER_CITY", List.of(LATIN_AMERICA), List.of()),
                    interest("heritage-protection", "OFFER", "KNOWLEDGE_EXCHANGE", List.of(LATIN_AMERICA), List.of()));
        }
        if (city.equals(mexicoCity)) {
            return answer(
                    true,
                    5,
                    note,
                    interest("heritage-protection", "OFFER", "KNOWLEDGE_EXCHANGE", List.of(), List.of()),
                    interest("tourism", "MUTUAL", "THEMATIC_PARTNERSHIP", List.of(), List.of("CN")));
        }
        if ("CN".equals(country)) {
            return answer(
                    true,
                    4,
                    note,
                    interest("tourism", "MUTUAL", "THEMATIC_PARTNERSHIP", List.of(LATIN_AMERICA), List.of()),
                    interest("heritage-protection", "OFFER", "KNOWLEDGE_EXCHANGE", List.of(), List.of()));
        }
        return answer(
                true,
                5,
                note,
                interest("tourism", "SEEK", "THEMATIC_PARTNERSHIP", List.of(), List.of("CN")),
                interest("heritage-protection", "MUTUAL", "KNOWLEDGE_EXCHANGE", List.of(), List.of()),
                interest("creative-economy", "SEEK", "KNOWLEDGE_EXCHANGE", List.of(), List.of()));
    }

    @SafeVarargs
    private static Map<String, Object> answer(
            boolean wantsPartnership, int rating, String comment, Map<String, Object>... interests) {
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("interests", List.of(interests));
        body.put("wantsPartnership", wantsPartnership);
        body.put("rating", rating);
        body.put("comment", comment);
        return body;
    }

    private static Map<String, Object> interest(
            String area, String stance, String intent, List<String> regions, List<String> countries) {
        Map<String, Object> interest = new LinkedHashMap<>();
        interest.put("area", area);
        interest.put("stance", stance);
        interest.put("intent", intent);
        interest.put("preferences", Map.of("regions", regions, "countries", countries));
        return interest;
    }

    // ---- idempotent steps

    private UUID clusterId(String slug) {
        return UUID.fromString(
                api.getOk("/api/v1/clusters/" + slug, Map.of()).path("id").asText());
    }

    private UUID requiredCity(String name, String country) {
        return cities.find(name, country)
                .orElseThrow(() -> new IllegalStateException(name + " (" + country
                        + ") must be registered with cities-service before the clusters demo story is loaded"));
    }

    private UUID organisation(String name, String kind, String country) {
        Optional<UUID> existing = findOrganisation(name);
        if (existing.isPresent()) {
            return existing.get();
        }
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("name", name);
        body.put("kind", kind);
        body.put("country", country);
        ApiClient.Reply reply = api.post("/api/v1/organisations", body, key("organisation:" + name));
        if (reply.is(409)) {
            return findOrganisation(name).orElseThrow(() -> new ApiClient.ApiCallException("POST organisation", reply));
        }
        return createdId("POST /api/v1/organisations", reply);
    }

    private Optional<UUID> findOrganisation(String name) {
        for (JsonNode item : api.getOk("/api/v1/organisations", Map.of("q", name, "size", "100"))
                .path("items")) {
            if (name.equalsIgnoreCase(item.path("name").asText())) {
                return Optional.of(UUID.fromString(item.path("id").asText()));
            }
        }
        return Optional.empty();
    }

    private void member(UUID cluster, String kind, UUID memberId, String role) {
        String path = "/api/v1/clusters/" + cluster + "/members";
        if (api.getOk(path, Map.of("memberId", memberId.toString()))
                        .path("totalItems")
                        .asLong()
                > 0) {
            return;
        }
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("memberKind", kind);
        body.put("memberId", memberId.toString());
        body.put("role", role);
        ApiClient.Reply reply = postWaitingForCity(path, body, key("member:" + cluster + ":" + memberId));
        if (!reply.is(409)) {
            createdId("POST " + path, reply);
        }
    }

    private UUID heldExchange(
            String title,
            String format,
            String start,
            String end,
            UUID cluster,
            List<UUID> facilitators,
            List<UUID> participants,
            List<String> topics,
            String notes) {
        JsonNode exchange = findExchange(title, start, end).orElse(null);
        if (exchange == null) {
            Map<String, Object> body = new LinkedHashMap<>();
            body.put("title", title);
            body.put("format", format);
            body.put("startDate", start);
            body.put("endDate", end);
            body.put("clusterId", cluster.toString());
            body.put("facilitatorIds", facilitators.stream().map(UUID::toString).toList());
            body.put(
                    "participantCityIds",
                    participants.stream().map(UUID::toString).toList());
            body.put("topics", topics);
            ApiClient.Reply reply =
                    postWaitingForCity("/api/v1/exchanges", body, key("exchange:" + title + ":" + start));
            createdId("POST /api/v1/exchanges", reply);
            exchange = reply.json();
        }
        UUID id = UUID.fromString(exchange.path("id").asText());
        if ("PLANNED".equals(exchange.path("status").asText())) {
            ApiClient.Reply current = api.get("/api/v1/exchanges/" + id).expect(200);
            ApiClient.Reply held = api.post(
                    "/api/v1/exchanges/" + id + "/hold",
                    Map.of("outcomeNotes", notes),
                    Map.of("If-Match", current.etag()));
            if (!held.is(200)) {
                throw new ApiClient.ApiCallException("POST /api/v1/exchanges/" + id + "/hold", held);
            }
        }
        return id;
    }

    private Optional<JsonNode> findExchange(String title, String start, String end) {
        JsonNode page = api.getOk("/api/v1/exchanges", Map.of("q", title, "from", start, "to", end, "size", "100"));
        for (JsonNode item : page.path("items")) {
            if (title.equals(item.path("title").asText())
                    && start.equals(item.path("startDate").asText())
                    && !"CANCELLED".equals(item.path("status").asText())) {
                return Optional.of(item);
            }
        }
        return Optional.empty();
    }

    private void surveyResponse(UUID exchange, UUID city, Map<String, Object> answer) {
        String path = "/api/v1/exchanges/" + exchange + "/survey-responses";
        if (api.getOk(path, Map.of("cityId", city.toString()))
                        .path("totalItems")
                        .asLong()
                > 0) {
            return;
        }
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("cityId", city.toString());
        body.putAll(answer);
        ApiClient.Reply reply = api.post(path, body, key("survey:" + exchange + ":" + city));
        if (!reply.is(409)) {
            createdId("POST " + path, reply);
        }
    }

    /** Retries while clusters-service has not yet seen a city that cities-service already has. */
    private ApiClient.Reply postWaitingForCity(String path, Object body, Map<String, String> headers) {
        long deadline = System.nanoTime() + projectionWait.toNanos();
        while (true) {
            ApiClient.Reply reply = api.post(path, body, headers);
            boolean cityNotYetKnown =
                    reply.is(422) && reply.json().path("detail").asText().startsWith("Unknown city");
            if (!cityNotYetKnown || System.nanoTime() > deadline) {
                return reply;
            }
            try {
                Thread.sleep(500);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return reply;
            }
        }
    }

    private UUID createdId(String call, ApiClient.Reply reply) {
        if (!reply.is(201)) {
            throw new ApiClient.ApiCallException(call, reply);
        }
        created++;
        return UUID.fromString(reply.json().path("id").asText());
    }

    private static Map<String, String> key(String what) {
        return Map.of("Idempotency-Key", "demo-story:" + what);
    }
}
