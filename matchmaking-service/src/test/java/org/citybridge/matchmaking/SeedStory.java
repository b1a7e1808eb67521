package org.citybridge.matchmaking;

import org.citybridge.contracts.events.EventPayload;
import org.citybridge.contracts.vocabulary.CooperationArea;
import org.citybridge.contracts.vocabulary.ExchangeFormat;
import org.citybridge.contracts.vocabulary.Intent;
import org.citybridge.contracts.vocabulary.Stance;

import java.nio.charset.StandardCharsets;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;

import static org.citybridge.contracts.vocabulary.CooperationArea.CULTURE;
import static org.citybridge.contracts.vocabulary.CooperationArea.ECONOMIC_DEVELOPMENT;
import static org.citybridge.contracts.vocabulary.CooperationArea.EDUCATION;
import static org.citybridge.contracts.vocabulary.CooperationArea.HERITAGE_PROTECTION;
import static org.citybridge.contracts.vocabulary.CooperationArea.SOCIAL_INTEGRATION;
import static org.citybridge.contracts.vocabulary.CooperationArea.TECHNOLOGY;
import static org.citybridge.contracts.vocabulary.CooperationArea.TOURISM;
import static org.citybridge.contracts.vocabulary.CooperationArea.TRADE;
import static org.citybridge.contracts.vocabulary.CooperationArea.TRANSPORT;
import static org.citybridge.matchmaking.Scenario.LATAM;
import static org.citybridge.matchmaking.Scenario.heritage;
import static org.citybridge.matchmaking.Scenario.interest;

/**
 * The story the platform was born from (the seed article): Mexico City and Luoyang, the December 2020
 * study course with Mexican World Heritage cities and Chinese counterparts, the February 2022 video
 * conference, and the clusters. Puebla, Oaxaca, Xi'an and Dengfeng are illustrative counterparts.
 * Ids are fixed so that the rebuild test can find the same cities.
 */
final class SeedStory {

    static final UUID MEXICO_CITY = id("Mexico City");
    static final UUID LUOYANG = id("Luoyang");
    static final UUID PUEBLA = id("Puebla");
    static final UUID OAXACA = id("Oaxaca");
    static final UUID XIAN = id("Xi'an");
    static final UUID DENGFENG = id("Dengfeng");
    static final UUID TOURISM_CLUSTER = id("cluster:tourism");
    static final UUID ENERGY_CLUSTER = id("cluster:renewable-energy");
    static final UUID STUDY_COURSE = id("exchange:2020-12");
    static final UUID VIDEO_CONFERENCE = id("exchange:2022-02-22");
    static final String MWHCA = "Mexican World Heritage Cities Association";

    private SeedStory() {}

    static List<UUID> cities() {
        return List.of(MEXICO_CITY, LUOYANG, PUEBLA, OAXACA, XIAN, DENGFENG);
    }

    static List<EventPayload> cityEvents() {
        List<EventPayload> events = new ArrayList<>();
        events.add(city(
                MEXICO_CITY, "Mexico City", "MX", 9_209_944, "Historic Centre of Mexico City and Xochimilco", 1987));
        events.add(city(LUOYANG, "Luoyang", "CN", 7_079_000, "Longmen Grottoes", 2000));
        events.add(city(PUEBLA, "Puebla", "MX", 1_692_181, "Historic Centre of Puebla", 1987));
        events.add(city(
                OAXACA,
                "Oaxaca",
                "MX",
                270_955,
                "Historic Centre of Oaxaca and Archaeological Site of Monte Albán",
                1987));
        events.add(city(XIAN, "Xi'an", "CN", 12_952_907, "Mausoleum of the First Qin Emperor", 1987));
        events.add(city(DENGFENG, "Dengfeng", "CN", 720_000, "Historic Monuments of Dengfeng", 2010));

        // Luoyang: trade, technology, education and tourism, a sister city in Latin America; it can share
        // its experience of economic development, social integration and cultural enhancement.
        List<String> latam = List.of(LATAM);
        events.add(interest(LUOYANG, TRADE, Stance.MUTUAL, Intent.SISTER_CITY, latam));
        events.add(interest(LUOYANG, TECHNOLOGY, Stance.MUTUAL, Intent.SISTER_CITY, latam));
        events.add(interest(LUOYANG, EDUCATION, Stance.SEEK, Intent.SISTER_CITY, latam));
        events.add(interest(LUOYANG, TOURISM, Stance.MUTUAL, Intent.SISTER_CITY, latam));
        events.add(interest(LUOYANG, ECONOMIC_DEVELOPMENT, Stance.OFFER, Intent.KNOWLEDGE_EXCHANGE));
        events.add(interest(LUOYANG, SOCIAL_INTEGRATION, Stance.OFFER, Intent.KNOWLEDGE_EXCHANGE));
        events.add(interest(LUOYANG, CULTURE, Stance.OFFER, Intent.KNOWLEDGE_EXCHANGE));
        // Mexico City: learn from economic development, social integration, cultural enhancement;
        // offers its experience of transport infrastructure and education.
        events.add(interest(MEXICO_CITY, ECONOMIC_DEVELOPMENT, Stance.SEEK, Intent.THEMATIC_PARTNERSHIP));
        events.add(interest(MEXICO_CITY, SOCIAL_INTEGRATION, Stance.SEEK, Intent.THEMATIC_PARTNERSHIP));
        events.add(interest(MEXICO_CITY, CULTURE, Stance.SEEK, Intent.THEMATIC_PARTNERSHIP));
        events.add(interest(MEXICO_CITY, TRANSPORT, Stance.OFFER, Intent.KNOWLEDGE_EXCHANGE));
        events.add(interest(MEXICO_CITY, EDUCATION, Stance.OFFER, Intent.KNOWLEDGE_EXCHANGE));
        events.add(interest(MEXICO_CITY, TOURISM, Stance.MUTUAL, Intent.SISTER_CITY));
        // illustrative counterparts
        events.add(interest(PUEBLA, TOURISM, Stance.MUTUAL, Intent.THEMATIC_PARTNERSHIP));
        events.add(interest(PUEBLA, HERITAGE_PROTECTION, Stance.OFFER, Intent.THEMATIC_PARTNERSHIP));
        events.add(interest(OAXACA, TOURISM, Stance.SEEK, Intent.THEMATIC_PARTNERSHIP));
        events.add(interest(OAXACA, CULTURE, Stance.OFFER, Intent.THEMATIC_PARTNERSHIP));
        events.add(interest(XIAN, TOURISM, Stance.OFFER, Intent.THEMATIC_PARTNERSHIP));
        events.add(interest(XIAN, TECHNOLOGY, Stance.OFFER, Intent.THEMATIC_PARTNERSHIP));
        events.add(interest(DENGFENG, TOURISM, Stance.MUTUAL, Intent.THEMATIC_PARTNERSHIP));
        events.add(interest(DENGFENG, CULTURE, Stance.OFFER, Intent.KNOWLEDGE_EXCHANGE));
        return events;
    }

    static List<EventPayload> clusterEvents() {
        List<EventPayload> events = new ArrayList<>();
        events.add(Scenario.cluster(
                TOURISM_CLUSTER,
                "Sustainable Tourism Recovery, Heritage Protection and Creative Economy",
                TOURISM,
                HERITAGE_PROTECTION,
                CooperationArea.CREATIVE_ECONOMY));
        events.add(Scenario.cluster(ENERGY_CLUSTER, "Renewable Energy Development", CooperationArea.RENEWABLE_ENERGY));
        for (UUID city : List.of(MEXICO_CITY, LUOYANG, PUEBLA, OAXACA, XIAN)) {
            events.add(Scenario.joined(TOURISM_CLUSTER, city));
        }
        events.add(Scenario.joined(ENERGY_CLUSTER, MEXICO_CITY));
        events.add(Scenario.joined(ENERGY_CLUSTER, LUOYANG));
        events.add(Scenario.held(
                STUDY_COURSE,
                TOURISM_CLUSTER,
                "Promoting Inclusive and Sustainable Tourism Development",
                ExchangeFormat.STUDY_COURSE,
                LocalDate.of(2020, 12, 8),
                cities(),
                TOURISM));
        events.add(Scenario.survey(STUDY_COURSE, MEXICO_CITY, true));
        events.add(Scenario.survey(STUDY_COURSE, LUOYANG, true));
        events.add(Scenario.survey(STUDY_COURSE, PUEBLA, true));
        events.add(Scenario.held(
                VIDEO_CONFERENCE,
                ENERGY_CLUSTER,
                "Mexico City – Luoyang friendly exchange",
                ExchangeFormat.VIDEO_CONFERENCE,
                LocalDate.of(2022, 2, 22),
                List.of(MEXICO_CITY, LUOYANG),
                TOURISM,
                TRADE,
                TECHNOLOGY,
                EDUCATION,
                CooperationArea.RENEWABLE_ENERGY));
        return events;
    }

    /** A city with one World Heritage site; the Mexican ones are members of the MWHCA. */
    private static EventPayload city(UUID id, String name, String country, long population, String site, int year) {
        List<String> associations = country.equals("MX") ? List.of(MWHCA) : List.of();
        return Scenario.registered(Fixtures.profile(
                id, name, country, population, List.of(heritage(site, year)), associations, List.of(), 1));
    }

    private static UUID id(String name) {
        return UUID.nameUUIDFromBytes(("citybridge-test-seed-story:" + name).getBytes(StandardCharsets.UTF_8));
    }
}
