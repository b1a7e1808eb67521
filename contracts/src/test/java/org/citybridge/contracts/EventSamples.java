package org.citybridge.contracts;

import org.citybridge.contracts.events.*;
import org.citybridge.contracts.vocabulary.*;

import java.time.Instant;
import java.time.LocalDate;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.function.Supplier;

/** One fully populated sample of every payload, taken from the seed story. */
final class EventSamples {

    static final UUID MEXICO_CITY = UUID.fromString("6f1c5c0e-0d1a-4f43-9a5f-1b2f3c4d5e01");
    static final UUID LUOYANG = UUID.fromString("6f1c5c0e-0d1a-4f43-9a5f-1b2f3c4d5e02");
    static final UUID CLUSTER = UUID.fromString("7a000000-0000-4000-8000-000000000002");
    static final UUID EXCHANGE = UUID.fromString("8b000000-0000-4000-8000-000000000001");
    static final Instant AT = Instant.parse("2022-02-22T09:00:00Z");

    private EventSamples() {}

    static CityProfile luoyang() {
        return new CityProfile(
                LUOYANG,
                "Luoyang",
                "洛阳",
                "CN",
                "Asia",
                "Eastern Asia",
                7_056_700L,
                34.6197,
                112.454,
                List.of("zh"),
                "Ancient capital on the Luo river.",
                List.of(new HeritageAsset(
                        "Longmen Grottoes",
                        "UNESCO World Heritage site",
                        2000,
                        List.of("Late Northern Wei to Tang dynasties (316-907)"))),
                List.of(),
                List.of(MEXICO_CITY),
                3);
    }

    static Map<EventType, EventPayload> all() {
        UUID proposal = PairIds.of(MEXICO_CITY, LUOYANG, ProposalKind.SISTER_CITY, null);
        PartnerPreferences latinAmerica =
                new PartnerPreferences(List.of("Latin America and the Caribbean"), List.of("MX"));
        Map<EventType, Supplier<EventPayload>> samples = Map.ofEntries(
                Map.entry(EventType.CITY_REGISTERED, () -> new CityRegistered(luoyang(), AT)),
                Map.entry(EventType.CITY_UPDATED, () -> new CityUpdated(luoyang(), AT)),
                Map.entry(EventType.CITY_RETIRED, () -> new CityRetired(LUOYANG, AT)),
                Map.entry(
                        EventType.INTEREST_EXPRESSED,
                        () -> new InterestExpressed(
                                LUOYANG,
                                UUID.randomUUID(),
                                CooperationArea.TOURISM,
                                Stance.MUTUAL,
                                Intent.SISTER_CITY,
                                latinAmerica,
                                "50th anniversary",
                                "profile",
                                AT)),
                Map.entry(
                        EventType.INTEREST_WITHDRAWN,
                        () -> new InterestWithdrawn(
                                LUOYANG,
                                UUID.randomUUID(),
                                CooperationArea.TRADE,
                                Stance.SEEK,
                                Intent.THEMATIC_PARTNERSHIP,
                                AT)),
                Map.entry(
                        EventType.CLUSTER_LAUNCHED,
                        () -> new ClusterLaunched(
                                CLUSTER,
                                "renewable-energy",
                                "Renewable Energy Development",
                                List.of(CooperationArea.RENEWABLE_ENERGY),
                                AT)),
                Map.entry(
                        EventType.MEMBER_JOINED,
                        () -> new MemberJoined(
                                CLUSTER,
                                UUID.randomUUID(),
                                MemberKind.CITY,
                                LUOYANG,
                                "Luoyang",
                                MemberRole.MEMBER,
                                AT)),
                Map.entry(
                        EventType.MEMBER_LEFT,
                        () -> new MemberLeft(CLUSTER, UUID.randomUUID(), MemberKind.CITY, LUOYANG, AT)),
                Map.entry(
                        EventType.EXCHANGE_SCHEDULED,
                        () -> new ExchangeScheduled(
                                EXCHANGE,
                                CLUSTER,
                                "Mexico City - Luoyang video conference",
                                ExchangeFormat.VIDEO_CONFERENCE,
                                LocalDate.of(2022, 2, 22),
                                LocalDate.of(2022, 2, 22),
                                List.of(UUID.randomUUID()),
                                List.of(MEXICO_CITY, LUOYANG),
                                List.of(CooperationArea.TOURISM, CooperationArea.TRADE))),
                Map.entry(
                        EventType.EXCHANGE_HELD,
                        () -> new ExchangeHeld(
                                EXCHANGE,
                                CLUSTER,
                                "Mexico City - Luoyang video conference",
                                ExchangeFormat.VIDEO_CONFERENCE,
                                LocalDate.of(2022, 2, 22),
                                LocalDate.of(2022, 2, 22),
                                List.of(MEXICO_CITY, LUOYANG),
                                List.of(CooperationArea.TOURISM),
                                "Regular conversations agreed",
                                AT)),
                Map.entry(EventType.EXCHANGE_CANCELLED, () -> new ExchangeCancelled(EXCHANGE, "Rescheduled", AT)),
                Map.entry(
                        EventType.SURVEY_RESPONSE_RECORDED,
                        () -> new SurveyResponseRecorded(
                                UUID.randomUUID(),
                                EXCHANGE,
                                LUOYANG,
                                List.of(new StatedInterest(
                                        CooperationArea.TOURISM, Stance.OFFER, Intent.SISTER_CITY, latinAmerica)),
                                true,
                                5,
                                AT)),
                Map.entry(
                        EventType.PROPOSAL_CREATED,
                        () -> new ProposalCreated(
                                proposal,
                                MEXICO_CITY,
                                LUOYANG,
                                ProposalKind.SISTER_CITY,
                                null,
                                0.82,
                                List.of(new MatchReason(
                                        "complementary-interest", "Luoyang offers tourism; Mexico City seeks it", 0.3)),
                                AT)),
                Map.entry(
                        EventType.PROPOSAL_ACCEPTED,
                        () -> new ProposalAccepted(proposal, MEXICO_CITY, LUOYANG, LUOYANG, AT)),
                Map.entry(
                        EventType.PROPOSAL_DECLINED,
                        () -> new ProposalDeclined(proposal, MEXICO_CITY, LUOYANG, MEXICO_CITY, AT)),
                Map.entry(
                        EventType.PARTNERSHIP_FORMED,
                        () -> new PartnershipFormed(
                                UUID.randomUUID(),
                                proposal,
                                proposal,
                                MEXICO_CITY,
                                LUOYANG,
                                ProposalKind.SISTER_CITY,
                                CooperationArea.TOURISM,
                                LocalDate.of(2022, 3, 1),
                                "proposal",
                                AT)),
                Map.entry(
                        EventType.MODEL_ACTIVATED,
                        () -> new ModelActivated(2, Map.of("complementary", 3.0, "proximity", 1.2), "FIT", AT)));
        Map<EventType, EventPayload> built = new java.util.EnumMap<>(EventType.class);
        samples.forEach((type, supplier) -> built.put(type, supplier.get()));
        return built;
    }
}
