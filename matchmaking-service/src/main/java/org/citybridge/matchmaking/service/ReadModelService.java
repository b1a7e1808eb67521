package org.citybridge.matchmaking.service;

import jakarta.enterprise.context.ApplicationScoped;
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
import org.citybridge.kit.inbox.ReceivedEvent;
import org.citybridge.matchmaking.CityRecord;
import org.citybridge.matchmaking.ClusterRecord;
import org.citybridge.matchmaking.ExchangeRecord;
import org.citybridge.matchmaking.InterestRecord;
import org.citybridge.matchmaking.domain.CityFacts;
import org.citybridge.matchmaking.domain.InterestFacts;
import org.citybridge.matchmaking.domain.MatchEngine;
import org.jboss.logging.Logger;

import java.time.Instant;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.UUID;

/**
 * Applies city and cluster events to the read model (database and engine) and then to the
 * proposals. Runs inside the inbox transaction and under the {@link MatchmakingState} lock. Every
 * effect is a "set" (upsert, delete, add to a set), so the same fact arriving twice, even under a
 * new event id, changes nothing.
 */
@ApplicationScoped
public class ReadModelService {

    private static final Logger LOG = Logger.getLogger(ReadModelService.class);

    private final MatchmakingState state;
    private final ProposalService proposals;
    private final Json json;
    private final EntityManager em;

    public ReadModelService(MatchmakingState state, ProposalService proposals, Json json, EntityManager em) {
        this.state = state;
        this.proposals = proposals;
        this.json = json;
        this.em = em;
    }

    /**
     * Applies a batch of events in order, then writes the proposals of every pair whose ranking changed,
     * once: a pair that several events of the batch touch is read and written once, and a pair listed
     * and unlisted within the batch is never announced.
     */
    public void applyAll(List<ReceivedEvent> events) {
        MatchEngine engine = state.engine();
        Instant now = Instant.now();
        Rows rows = Rows.of(events);
        for (ReceivedEvent event : events) {
            apply(engine, event, rows, now);
        }
        proposals.sync(engine.drainChanges(), now);
    }

    /**
     * The city and interest rows a batch's events name, read with one query per table: most events of a
     * backlog name a city or interest not stored yet, and looking each up alone cost a round trip per event.
     */
    private record Rows(Map<UUID, CityRecord> cities, Map<UUID, InterestRecord> interests) {

        static Rows of(List<ReceivedEvent> events) {
            Set<UUID> cityIds = new HashSet<>();
            Set<UUID> interestIds = new HashSet<>();
            for (ReceivedEvent event : events) {
                Object payload = event.payload();
                if (payload instanceof CityRegistered registered) {
                    cityIds.add(registered.city().cityId());
                } else if (payload instanceof CityUpdated updated) {
                    cityIds.add(updated.city().cityId());
                } else if (payload instanceof CityRetired retired) {
                    cityIds.add(retired.cityId());
                } else if (payload instanceof InterestExpressed expressed) {
                    interestIds.add(expressed.interestId());
                }
            }
            // every id an event of the batch looks up is here: absent means not stored
            Map<UUID, CityRecord> cities = new HashMap<>();
            if (!cityIds.isEmpty()) {
                CityRecord.<CityRecord>list("id in ?1", cityIds).forEach(city -> cities.put(city.id, city));
            }
            Map<UUID, InterestRecord> interests = new HashMap<>();
            if (!interestIds.isEmpty()) {
                InterestRecord.<InterestRecord>list("id in ?1", interestIds).forEach(i -> interests.put(i.id, i));
            }
            return new Rows(cities, interests);
        }
    }

    private void apply(MatchEngine engine, ReceivedEvent event, Rows rows, Instant now) {
        Object payload = event.payload();
        if (payload instanceof CityRegistered registered) {
            profile(engine, registered.city(), rows, now);
        } else if (payload instanceof CityUpdated updated) {
            profile(engine, updated.city(), rows, now);
        } else if (payload instanceof CityRetired retired) {
            CityRecord city = rows.cities().get(retired.cityId());
            if (city == null) {
                LOG.warnf("Retirement of unknown city %s skipped", retired.cityId());
                return;
            }
            city.retired = true;
            city.updatedAt = now;
            proposals.withdrawOpen(retired.cityId(), now);
            engine.retireCity(retired.cityId());
        } else if (payload instanceof InterestExpressed expressed) {
            interest(engine, expressed, rows, now);
        } else if (payload instanceof InterestWithdrawn withdrawn) {
            InterestRecord.deleteById(withdrawn.interestId());
            rows.interests().remove(withdrawn.interestId()); // expressed again later in the batch: a new row
            engine.withdrawInterest(withdrawn.cityId(), withdrawn.interestId());
        } else if (payload instanceof ClusterLaunched launched) {
            ClusterRecord cluster = ClusterRecord.findById(launched.clusterId());
            if (cluster == null) {
                cluster = new ClusterRecord();
                cluster.id = launched.clusterId();
                cluster.name = launched.name();
                cluster.persist();
            }
            cluster.name = launched.name();
            engine.nameCluster(launched.clusterId(), launched.name());
        } else if (payload instanceof MemberJoined joined) {
            if (joined.memberKind() == MemberKind.CITY) {
                em.createNativeQuery("insert into mm_membership (cluster_id, city_id) values (:c, :m) on conflict do nothing")
                        .setParameter("c", joined.clusterId()).setParameter("m", joined.memberId()).executeUpdate();
                engine.joinCluster(joined.clusterId(), joined.memberId());
            }
        } else if (payload instanceof MemberLeft left) {
            if (left.memberKind() == MemberKind.CITY) {
                em.createNativeQuery("delete from mm_membership where cluster_id = :c and city_id = :m")
                        .setParameter("c", left.clusterId()).setParameter("m", left.memberId()).executeUpdate();
                engine.leaveCluster(left.clusterId(), left.memberId());
            }
        } else if (payload instanceof ExchangeScheduled scheduled) {
            ExchangeRecord exchange = exchange(scheduled.exchangeId());
            exchange.title = scheduled.title();
            exchange.startDate = scheduled.startDate();
        } else if (payload instanceof ExchangeHeld held) {
            ExchangeRecord exchange = exchange(held.exchangeId());
            exchange.title = held.title();
            exchange.startDate = held.startDate();
            exchange.held = true;
            exchange.participants = json.write(held.participantCityIds());
            engine.exchangeHeld(held.exchangeId(), held.title(), held.startDate(), held.participantCityIds());
        } else if (payload instanceof ExchangeCancelled cancelled) {
            ExchangeRecord exchange = exchange(cancelled.exchangeId());
            exchange.held = false;
            exchange.participants = "[]";
            engine.exchangeCancelled(cancelled.exchangeId());
        } else if (payload instanceof SurveyResponseRecorded response) {
            // the stated interests reach us as InterestExpressed from cities-service; here only the wish counts
            em.createNativeQuery("""
                            insert into mm_survey_answer (exchange_id, city_id, wants_partnership, rating)
                            values (:e, :c, :w, :r)
                            on conflict (exchange_id, city_id) do update set wants_partnership = :w, rating = :r""")
                    .setParameter("e", response.exchangeId()).setParameter("c", response.cityId())
                    .setParameter("w", response.wantsPartnership()).setParameter("r", response.rating())
                    .executeUpdate();
            engine.surveyAnswered(response.exchangeId(), response.cityId(), response.wantsPartnership());
        }
        // other events are not used by matchmaking
    }

    private void profile(MatchEngine engine, CityProfile profile, Rows rows, Instant now) {
        CityRecord city = rows.cities().get(profile.cityId());
        if (city == null) {
            city = new CityRecord();
            city.id = profile.cityId();
            city.updatedAt = now;
            city.persist();
            rows.cities().put(city.id, city);
        } else if (profile.version() < city.profileVersion) {
            LOG.debugf("Stale profile version %d of city %s skipped", profile.version(), profile.cityId());
            return;
        }
        city.name = profile.name();
        city.country = profile.country() == null ? null : profile.country().toUpperCase(Locale.ROOT);
        city.region = profile.region();
        city.subRegion = profile.subRegion();
        city.population = profile.population();
        city.latitude = profile.latitude();
        city.longitude = profile.longitude();
        city.worldHeritage = json.write(profile.heritageAssets().stream()
                .filter(ReadModelService::isWorldHeritage).map(HeritageAsset::name).toList());
        city.associations = json.write(profile.associations());
        city.partners = json.write(profile.partners());
        city.profileVersion = profile.version();
        city.updatedAt = now;
        if (!city.retired) {
            engine.upsertCity(facts(city, json));
        }
    }

    private void interest(MatchEngine engine, InterestExpressed expressed, Rows rows, Instant now) {
        InterestRecord interest = rows.interests().get(expressed.interestId());
        if (interest == null) {
            interest = new InterestRecord();
            interest.id = expressed.interestId();
            interest.cityId = expressed.cityId();
            interest.expressedAt = expressed.expressedAt() == null ? now : expressed.expressedAt();
            interest.area = expressed.area().code();
            interest.stance = expressed.stance();
            interest.intent = expressed.intent();
            interest.persist();
            rows.interests().put(interest.id, interest);
        }
        interest.area = expressed.area().code();
        interest.stance = expressed.stance();
        interest.intent = expressed.intent();
        interest.preferredRegions = json.write(expressed.preferences().regions());
        interest.preferredCountries = json.write(expressed.preferences().countries());
        engine.expressInterest(expressed.cityId(), new InterestFacts(expressed.interestId(), expressed.area(),
                expressed.stance(), expressed.intent(), expressed.preferences().regions(),
                expressed.preferences().countries()));
    }

    private ExchangeRecord exchange(UUID id) {
        ExchangeRecord exchange = ExchangeRecord.findById(id);
        if (exchange == null) {
            exchange = new ExchangeRecord();
            exchange.id = id;
            exchange.persist();
        }
        return exchange;
    }

    static boolean isWorldHeritage(HeritageAsset asset) {
        return asset.kind() != null && asset.kind().toLowerCase(Locale.ROOT).contains("world heritage");
    }

    static CityFacts facts(CityRecord city, Json json) {
        List<String> heritage = json.strings(city.worldHeritage);
        return new CityFacts(city.id, city.name, city.country, city.region, city.subRegion, city.population,
                heritage, json.strings(city.associations), json.uuids(city.partners));
    }
}
