package org.citybridge.matchmaking.stats;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;
import jakarta.persistence.Query;
import jakarta.transaction.Transactional;
import org.citybridge.contracts.vocabulary.RegionNames;

import java.time.LocalDate;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.UUID;

/**
 * The programme's figures for its staff, read from matchmaking's own tables (proposals, partnerships, and
 * the read model of cities, clusters, exchanges, surveys and interests): how many proposals in which state,
 * how many accepted and how fast, partnerships by region pair, cluster and month, exchanges held and how many
 * answered their survey, interests by area. Every figure honours the same filters.
 */
@ApplicationScoped
public class ProgrammeStats {

    /**
     * What to count: facts of the period (inclusive dates; null: open), involving a city of the region (M49
     * region or sub-region) or a member city of the cluster (null: any).
     */
    public record Filter(LocalDate from, LocalDate to, String region, UUID clusterId) {}

    /** One row of a breakdown. */
    public record Count(String key, long count) {}

    @Inject
    EntityManager em;

    @Transactional
    public Map<String, Object> summary(Filter filter) {
        Map<String, Object> summary = new LinkedHashMap<>();
        Map<String, Object> filters = new LinkedHashMap<>();
        filters.put("from", filter.from());
        filters.put("to", filter.to());
        filters.put("region", filter.region());
        filters.put("clusterId", filter.clusterId());
        summary.put("filters", filters);
        summary.put("proposals", proposals(filter));
        summary.put("partnerships", partnerships(filter));
        summary.put("exchanges", exchanges(filter));
        summary.put(
                "interests",
                Map.of(
                        "byArea",
                        counts(
                                "select i.area, count(*) from mm_interest i where " + cityFilter("i.city_id", filter)
                                        + period("i.expressed_at", filter) + " group by 1 order by 2 desc, 1",
                                filter)));
        return summary;
    }

    private Map<String, Object> proposals(Filter filter) {
        String where = " where " + pairFilter("p", filter) + period("p.created_at", filter);
        Map<String, Object> proposals = new LinkedHashMap<>();
        List<Count> byStatus =
                counts("select p.status, count(*) from mm_proposal p" + where + " group by 1 order by 1", filter);
        proposals.put("total", byStatus.stream().mapToLong(Count::count).sum());
        proposals.put("byStatus", byStatus);
        proposals.put(
                "byKind",
                counts("select p.kind, count(*) from mm_proposal p" + where + " group by 1 order by 1", filter));
        long agreed = count(byStatus, "AGREED");
        long declined = count(byStatus, "DECLINED");
        proposals.put("acceptanceRate", agreed + declined == 0 ? null : (double) agreed / (agreed + declined));
        Object median = query(
                        "select percentile_cont(0.5) within group (order by extract(epoch from "
                                + "t.recorded_at - p.created_at) / 86400) from mm_partnership t join mm_proposal p "
                                + "on p.id = t.proposal_id" + where,
                        filter)
                .getSingleResult();
        proposals.put("medianDaysToAgreement", median == null ? null : ((Number) median).doubleValue());
        return proposals;
    }

    private Map<String, Object> partnerships(Filter filter) {
        String where = " where " + pairFilter("t", filter) + period("t.formed_on", filter);
        Map<String, Object> partnerships = new LinkedHashMap<>();
        List<Count> byKind =
                counts("select t.kind, count(*) from mm_partnership t" + where + " group by 1 order by 1", filter);
        partnerships.put("total", byKind.stream().mapToLong(Count::count).sum());
        partnerships.put("byKind", byKind);
        partnerships.put(
                "byRegionPair",
                counts(
                        "select least(coalesce(a.region, '?'), coalesce(b.region, '?')) || '"
                                + RegionNames.PAIR_SEPARATOR + "' || "
                                + "greatest(coalesce(a.region, '?'), coalesce(b.region, '?')), count(*) from mm_partnership t "
                                + "left join mm_city a on a.id = t.city_a left join mm_city b on b.id = t.city_b"
                                + where
                                + " group by 1 order by 2 desc, 1",
                        filter));
        partnerships.put(
                "byCluster",
                counts(
                        "select c.name, count(distinct t.id) from mm_partnership t join mm_membership m on m.city_id "
                                + "in (t.city_a, t.city_b) join mm_cluster c on c.id = m.cluster_id" + where
                                + " group by 1 order by 2 desc, 1",
                        filter));
        partnerships.put(
                "byMonth",
                counts(
                        "select to_char(t.formed_on, 'YYYY-MM'), count(*) from mm_partnership t" + where
                                + " group by 1 order by 1",
                        filter));
        return partnerships;
    }

    private Map<String, Object> exchanges(Filter filter) {
        String where = " where e.held" + period("e.start_date", filter)
                + (filter.region() == null && filter.clusterId() == null
                        ? ""
                        : " and exists (select 1 from jsonb_array_elements_text(e.participants::jsonb) x where "
                                + cityFilter("x::uuid", filter) + ")");
        Object[] held = (Object[]) query(
                        "select count(*), coalesce(sum(jsonb_array_length(e.participants::jsonb)), 0)"
                                + " from mm_exchange e" + where,
                        filter)
                .getSingleResult();
        Object[] answers = (Object[]) query(
                        "select count(*), avg(s.rating), count(*) filter (where s.wants_partnership)"
                                + " from mm_survey_answer s join mm_exchange e on e.id = s.exchange_id" + where,
                        filter)
                .getSingleResult();
        long participants = ((Number) held[1]).longValue();
        long answered = ((Number) answers[0]).longValue();
        Map<String, Object> exchanges = new LinkedHashMap<>();
        exchanges.put("held", ((Number) held[0]).longValue());
        exchanges.put("participants", participants);
        exchanges.put("surveyAnswers", answered);
        exchanges.put("surveyUptake", participants == 0 ? null : (double) answered / participants);
        exchanges.put("averageRating", answers[1] == null ? null : ((Number) answers[1]).doubleValue());
        exchanges.put("wantPartnership", ((Number) answers[2]).longValue());
        return exchanges;
    }

    /** True for a pair (alias.city_a, alias.city_b) with a city that passes the region and cluster filters. */
    private static String pairFilter(String alias, Filter filter) {
        return "(" + cityFilter(alias + ".city_a", filter) + " or " + cityFilter(alias + ".city_b", filter) + ")";
    }

    private static String cityFilter(String city, Filter filter) {
        List<String> conditions = new ArrayList<>();
        if (filter.region() != null) {
            conditions.add(city + " in (select r.id from mm_city r where lower(r.region) = :region or "
                    + "lower(r.sub_region) = :region)");
        }
        if (filter.clusterId() != null) {
            conditions.add(city + " in (select k.city_id from mm_membership k where k.cluster_id = :cluster)");
        }
        return conditions.isEmpty() ? "true" : String.join(" and ", conditions);
    }

    private static String period(String column, Filter filter) {
        return (filter.from() == null ? "" : " and " + column + " >= :from")
                + (filter.to() == null ? "" : " and " + column + " < :until");
    }

    /** The native query with the filter's values bound to the parameters it names. */
    private Query query(String sql, Filter filter) {
        Query query = em.createNativeQuery(sql);
        if (sql.contains(":region")) {
            query.setParameter("region", filter.region().strip().toLowerCase(Locale.ROOT));
        }
        if (sql.contains(":cluster")) {
            query.setParameter("cluster", filter.clusterId());
        }
        if (sql.contains(":from")) {
            query.setParameter("from", filter.from());
        }
        if (sql.contains(":until")) {
            query.setParameter("until", filter.to().plusDays(1));
        }
        return query;
    }

    @SuppressWarnings("unchecked")
    private List<Count> counts(String sql, Filter filter) {
        List<Object[]> rows = query(sql, filter).getResultList();
        return rows.stream()
                .map(row -> new Count(String.valueOf(row[0]), ((Number) row[1]).longValue()))
                .toList();
    }

    private static long count(List<Count> counts, String key) {
        return counts.stream()
                .filter(c -> c.key().equals(key))
                .mapToLong(Count::count)
                .sum();
    }
}
