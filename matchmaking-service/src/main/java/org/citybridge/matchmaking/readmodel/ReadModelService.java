package org.citybridge.matchmaking.readmodel;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;
import org.citybridge.contracts.events.CityProfile;
import org.citybridge.contracts.events.CityRegistered;
import org.citybridge.contracts.events.CityRetired;
import org.citybridge.contracts.events.CityUpdated;
import org.citybridge.contracts.events.ClusterLaunched;
import org.citybridge.contracts.events.ExchangeCancelled;
import org.citybridge.contracts.events.ExchangeHeld;
import org.citybridge.contracts.events.ExchangeScheduled;
import org.citybridge.contracts.events.HeritageAsset;
import org.citybridge.contracts.events.InterestExpressed;
import org.citybridge.contracts.events.InterestWithdrawn;
import org.citybridge.contracts.events.MemberJoined;
import org.citybridge.contracts.events.MemberLeft;
import org.citybridge.contracts.events.SurveyResponseRecorded;
import org.citybridge.contracts.vocabulary.MemberKind;
import org.citybridge.kit.inbox.EventHandlers;
import org.citybridge.kit.inbox.ReceivedEvent;
import org.citybridge.kit.time.Clock;
import org.citybridge.matchmaking.proposal.ProposalSync;
import org.citybridge.matchmaking.ranking.MatchEngine;
import org.citybridge.matchmaking.scoring.CityFacts;
import org.citybridge.matchmaking.scoring.InterestFacts;
import org.jboss.logging.Logger;

import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.function.Consumer;

/**
 * Applies city and cluster events to the read model (database and engine) and then to the
 * proposals. Runs inside the inbox transaction and under the {@link MatchmakingState} lock. Every
 * effect is a "set" (upsert, delete, add to a set), so the same fact arriving twice, even under a
 * new event id, changes nothing.
 */
@ApplicationScoped
public class ReadModelService {

    private static final Logger LOG = Logger.getLogger(ReadModelService.class);

    @Inject
    MatchmakingState state;

    @Inject
    ProposalSync proposals;

    @Inject
    EntityManager em;

    /**
     * Applies a batch of events in order, then writes the proposals of every pair whose ranking changed,
     * once: a pair that several events of the batch touch is read and written once, and a pair listed
     * and unlisted within the batch is never announced. The engine re-ranks each city the batch changed
     * once, after the last event: a city's registration and interests arrive together.
     */
    public void applyAll(List<ReceivedEvent> events) {
        Batch batch = new Batch(state.engine(), Clock.now(), events);
        EventHandlers handlers = batch.handlers();
        batch.engine.applyTogether(() -> handlers.handleAll(events));
        proposals.apply(batch.engine.drainChanges(), batch.now);
    }

    /** The facts the engine would hold after this profile. */
    private static CityFacts facts(CityProfile profile) {
        City city = new City();
        city.id = profile.cityId();
        fill(city, profile);
        return city.facts();
    }

    /** The profile's facts into the row (all but its version and time). */
    private static void fill(City city, CityProfile profile) {
        city.name = profile.name();
        city.country = profile.country() == null ? null : profile.country().toUpperCase(Locale.ROOT);
        city.region = profile.region();
        city.subRegion = profile.subRegion();
        city.population = profile.population();
        city.latitude = profile.latitude();
        city.longitude = profile.longitude();
        city.worldHeritage = new ArrayList<>(profile.heritageAssets().stream()
                .filter(ReadModelService::isWorldHeritage)
                .map(HeritageAsset::name)
                .toList());
        city.associations = new ArrayList<>(profile.associations());
        city.languages = new ArrayList<>(profile.languages() == null ? List.of() : profile.languages());
        city.partners = new ArrayList<>(profile.partners());
    }

    static boolean isWorldHeritage(HeritageAsset asset) {
        return asset.kind() != null && asset.kind().toLowerCase(Locale.ROOT).contains("world heritage");
    }

    /** One batch of events: the rows they name, read up front, and one handler per event type. */
    private final class Batch {

        private final MatchEngine engine;
        private final Instant now;
        private final Map<UUID, City> cities = new HashMap<>();
        /** The cities looked up so far: for these, absent from {@link #cities} means not stored. */
        private final Set<UUID> cityIds = new HashSet<>();

        private final Map<UUID, Interest> interests = new HashMap<>();

        /**
         * Reads the city and interest rows the batch's events name with one query per table: most events
         * of a backlog name a city or interest not stored yet, and looking each up alone cost a round
         * trip per event. A profile the engine holds as it stands is not read: one restated only for partners
         * recorded here changes nothing (those marked as such are mostly passed over before the lock already).
         */
        Batch(MatchEngine engine, Instant now, List<ReceivedEvent> events) {
            this.engine = engine;
            this.now = now;
            Set<UUID> interestIds = new HashSet<>();
            EventHandlers.builder()
                    .on(CityRegistered.class, e -> lookUpUnlessRestated(e.city()))
                    .on(CityUpdated.class, e -> lookUpUnlessRestated(e.city()))
                    .on(CityRetired.class, e -> cityIds.add(e.cityId()))
                    .on(InterestExpressed.class, e -> interestIds.add(e.interestId()))
                    .build()
                    .handleAll(events);
            if (!cityIds.isEmpty()) {
                City.<City>list("id in ?1", cityIds).forEach(city -> cities.put(city.id, city));
            }
            if (!interestIds.isEmpty()) {
                Interest.<Interest>list("id in ?1", interestIds).forEach(i -> interests.put(i.id, i));
            }
        }

        private void lookUpUnlessRestated(CityProfile profile) {
            if (!engine.restates(facts(profile))) {
                cityIds.add(profile.cityId());
            }
        }

        /**
         * The stored row of a city, or null. A profile the batch did not read up front restated the city,
         * and only an earlier event of the same city, whose row was read, can change that: the lookup here
         * is a safety net for event types to come.
         */
        private City row(UUID cityId) {
            if (cityIds.add(cityId)) {
                City found = City.findById(cityId);
                if (found != null) {
                    cities.put(cityId, found);
                }
            }
            return cities.get(cityId);
        }

        EventHandlers handlers() {
            return EventHandlers.builder()
                    .on(CityRegistered.class, e -> profile(e.city()))
                    .on(CityUpdated.class, e -> profile(e.city()))
                    .on(CityRetired.class, this::retired)
                    .on(InterestExpressed.class, this::interestExpressed)
                    .on(InterestWithdrawn.class, this::interestWithdrawn)
                    .on(ClusterLaunched.class, this::clusterLaunched)
                    .on(MemberJoined.class, this::memberJoined)
                    .on(MemberLeft.class, this::memberLeft)
                    .on(ExchangeScheduled.class, this::exchangeScheduled)
                    .on(ExchangeHeld.class, this::exchangeHeld)
                    .on(ExchangeCancelled.class, this::exchangeCancelled)
                    .on(SurveyResponseRecorded.class, this::surveyAnswered)
                    .build();
        }

        private void profile(CityProfile profile) {
            if (engine.restates(facts(profile))) {
                // held and ranked already; its version is passed over too. A city's events arrive in order
                // (keyed by city, published in commit order), so a version after it that differs replaces it,
                // and one before it that differs is older than the stored one.
                return;
            }
            City city = row(profile.cityId());
            boolean stored = city != null;
            if (!stored) {
                city = new City();
                city.id = profile.cityId();
            } else if (profile.version() < city.profileVersion) {
                LOG.debugf("Stale profile version %d of city %s skipped", profile.version(), profile.cityId());
                return;
            }
            fill(city, profile);
            city.profileVersion = profile.version();
            city.updatedAt = now;
            if (!stored) {
                // persisted whole: a row persisted first and filled after is inserted, then updated
                city.persist();
                cities.put(city.id, city);
            }
            if (!city.retired) {
                engine.upsertCity(city.facts());
            }
        }

        private void retired(CityRetired retired) {
            City city = row(retired.cityId());
            if (city == null) {
                LOG.warnf("Retirement of unknown city %s skipped", retired.cityId());
                return;
            }
            city.retired = true;
            city.updatedAt = now;
            proposals.withdrawOpen(retired.cityId(), now);
            engine.retireCity(retired.cityId());
        }

        private void interestExpressed(InterestExpressed expressed) {
            Interest interest = interests.get(expressed.interestId());
            boolean stored = interest != null;
            if (!stored) {
                interest = new Interest();
                interest.id = expressed.interestId();
                interest.cityId = expressed.cityId();
                interest.expressedAt = expressed.expressedAt() == null ? now : expressed.expressedAt();
            }
            interest.area = expressed.area().code();
            interest.stance = expressed.stance();
            interest.intent = expressed.intent();
            interest.preferredRegions = new ArrayList<>(expressed.preferences().regions());
            interest.preferredCountries =
                    new ArrayList<>(expressed.preferences().countries());
            if (!stored) {
                interest.persist(); // whole, as a city's row
                interests.put(interest.id, interest);
            }
            engine.expressInterest(
                    expressed.cityId(),
                    new InterestFacts(
                            expressed.interestId(),
                            expressed.area(),
                            expressed.stance(),
                            expressed.intent(),
                            expressed.preferences().regions(),
                            expressed.preferences().countries()));
        }

        private void interestWithdrawn(InterestWithdrawn withdrawn) {
            Interest.deleteById(withdrawn.interestId());
            interests.remove(withdrawn.interestId()); // expressed again later in the batch: a new row
            engine.withdrawInterest(withdrawn.cityId(), withdrawn.interestId());
        }

        private void clusterLaunched(ClusterLaunched launched) {
            Cluster cluster = Cluster.findById(launched.clusterId());
            if (cluster == null) {
                cluster = new Cluster();
                cluster.id = launched.clusterId();
                cluster.name = launched.name();
                cluster.persist();
            }
            cluster.name = launched.name();
            engine.nameCluster(launched.clusterId(), launched.name());
        }

        private void memberJoined(MemberJoined joined) {
            if (joined.memberKind() == MemberKind.CITY) {
                em.createNativeQuery(
                                "insert into mm_membership (cluster_id, city_id) values (:c, :m) on conflict do nothing")
                        .setParameter("c", joined.clusterId())
                        .setParameter("m", joined.memberId())
                        .executeUpdate();
                engine.joinCluster(joined.clusterId(), joined.memberId());
            }
        }

        private void memberLeft(MemberLeft left) {
            if (left.memberKind() == MemberKind.CITY) {
                em.createNativeQuery("delete from mm_membership where cluster_id = :c and city_id = :m")
                        .setParameter("c", left.clusterId())
                        .setParameter("m", left.memberId())
                        .executeUpdate();
                engine.leaveCluster(left.clusterId(), left.memberId());
            }
        }

        private void exchangeScheduled(ExchangeScheduled scheduled) {
            exchange(scheduled.exchangeId(), exchange -> {
                exchange.title = scheduled.title();
                exchange.startDate = scheduled.startDate();
            });
        }

        private void exchangeHeld(ExchangeHeld held) {
            exchange(held.exchangeId(), exchange -> {
                exchange.title = held.title();
                exchange.startDate = held.startDate();
                exchange.held = true;
                exchange.participants = new ArrayList<>(held.participantCityIds());
            });
            engine.exchangeHeld(held.exchangeId(), held.title(), held.startDate(), held.participantCityIds());
        }

        private void exchangeCancelled(ExchangeCancelled cancelled) {
            exchange(cancelled.exchangeId(), exchange -> {
                exchange.held = false;
                exchange.participants = new ArrayList<>();
            });
            engine.exchangeCancelled(cancelled.exchangeId());
        }

        /** The stated interests reach us as InterestExpressed from cities-service; here only the wish counts. */
        private void surveyAnswered(SurveyResponseRecorded response) {
            em.createNativeQuery("""
                            insert into mm_survey_answer (exchange_id, city_id, wants_partnership, rating)
                            values (:e, :c, :w, :r)
                            on conflict (exchange_id, city_id) do update set wants_partnership = :w, rating = :r""")
                    .setParameter("e", response.exchangeId())
                    .setParameter("c", response.cityId())
                    .setParameter("w", response.wantsPartnership())
                    .setParameter("r", response.rating())
                    .executeUpdate();
            engine.surveyAnswered(response.exchangeId(), response.cityId(), response.wantsPartnership());
        }

        /** Changes the stored exchange, or stores a new one once changed (whole, as a city's row). */
        private void exchange(UUID id, Consumer<Exchange> change) {
            Exchange exchange = Exchange.findById(id);
            if (exchange != null) {
                change.accept(exchange);
                return;
            }
            exchange = new Exchange();
            exchange.id = id;
            change.accept(exchange);
            exchange.persist();
        }
    }
}
