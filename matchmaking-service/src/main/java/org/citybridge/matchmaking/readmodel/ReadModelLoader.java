package org.citybridge.matchmaking.readmodel;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;
import org.citybridge.matchmaking.partnership.Partnership;
import org.citybridge.matchmaking.proposal.Proposal;
import org.citybridge.matchmaking.ranking.MatchEngine;
import org.citybridge.matchmaking.scoring.DevelopingEconomies;
import org.citybridge.matchmaking.scoring.MatchSettings;
import org.hibernate.jpa.HibernateHints;

import java.util.List;
import java.util.Set;
import java.util.UUID;
import java.util.stream.Stream;

/**
 * Builds an engine from the read model's tables: the live one at start (ranked, and compared with the stored
 * open proposals: see {@link MatchEngine#reconcile}), or one for fitting weights (not ranked, some partnerships left out as what the fit
 * should predict). Runs inside the caller's transaction.
 */
@ApplicationScoped
public class ReadModelLoader {

    private final DevelopingEconomies developing = DevelopingEconomies.load();

    @Inject
    EntityManager em;

    /**
     * @param leftOut partnerships (by id) the engine must not know
     * @param rank    false leaves the engine in bulk mode: a graph to score on, no rankings kept
     */
    public MatchEngine load(MatchSettings settings, Set<UUID> leftOut, boolean rank) {
        MatchEngine fresh = new MatchEngine(settings, developing);
        fresh.beginBulk();
        for (City city : City.<City>listAll()) {
            fresh.upsertCity(city.facts());
            if (city.retired) {
                fresh.retireCity(city.id);
            }
        }
        for (Interest interest : Interest.<Interest>listAll()) {
            fresh.expressInterest(interest.cityId, interest.facts());
        }
        for (Cluster cluster : Cluster.<Cluster>listAll()) {
            fresh.nameCluster(cluster.id, cluster.name);
        }
        @SuppressWarnings("unchecked")
        List<Object[]> memberships = em.createNativeQuery("select cluster_id, city_id from mm_membership")
                .getResultList();
        for (Object[] row : memberships) {
            fresh.joinCluster((UUID) row[0], (UUID) row[1]);
        }
        for (Exchange exchange : Exchange.<Exchange>list("held", true)) {
            fresh.exchangeHeld(exchange.id, exchange.title, exchange.startDate, exchange.participants);
        }
        @SuppressWarnings("unchecked")
        List<Object[]> answers = em.createNativeQuery(
                        "select exchange_id, city_id, wants_partnership from mm_survey_answer")
                .getResultList();
        for (Object[] row : answers) {
            fresh.surveyAnswered((UUID) row[0], (UUID) row[1], (Boolean) row[2]);
        }
        for (Partnership partnership : Partnership.<Partnership>listAll()) {
            if (!leftOut.contains(partnership.id)) {
                fresh.partnershipFormed(partnership.cityA, partnership.cityB);
            }
        }
        if (!rank) {
            return fresh; // declined pairs stay scorable: a fit learns from them as what cities did not want
        }
        for (Proposal declined : Proposal.<Proposal>list("status", Proposal.Status.DECLINED)) {
            fresh.declined(declined.cityA, declined.cityB, declined.kind, declined.area());
        }
        fresh.endBulk();
        if (settings.exposureCap() > 0) {
            // proposals derive from every city's exact audience: rank them all (open proposals cannot restore it)
            fresh.rescoreAll();
        } else {
            // each city's list as its stored proposals left it: a list missing entries is ranked at its next event
            try (Stream<MatchEngine.StoredProposal> open = openProposals(List.of(Proposal.Origin.RANKING))) {
                open.forEach(proposal -> fresh.restoreListed(proposal.cityA(), proposal.cityB()));
            }
        }
        // the stored proposals this ranking does not propose as they stand, for the caller to set right
        try (Stream<MatchEngine.StoredProposal> open = openProposals(List.of(Proposal.Origin.values()))) {
            fresh.reconcile(open.iterator());
        }
        return fresh;
    }

    /**
     * The open proposals of these origins as stored, streamed: their cities, scores and whether they stay open unproposed, without
     * their reasons (a large world has over a million).
     */
    private Stream<MatchEngine.StoredProposal> openProposals(List<Proposal.Origin> origins) {
        return em.createQuery(
                        "select p.cityA, p.cityB, p.score, p.status, p.origin from Proposal p"
                                + " where p.status in ?1 and p.origin in ?2",
                        Object[].class)
                .setParameter(1, Proposal.OPEN)
                .setParameter(2, origins)
                .setHint(HibernateHints.HINT_FETCH_SIZE, 10_000)
                .getResultStream()
                .map(row -> new MatchEngine.StoredProposal(
                        (UUID) row[0],
                        (UUID) row[1],
                        (Double) row[2],
                        row[3] == Proposal.Status.ACCEPTED_BY_ONE || row[4] != Proposal.Origin.RANKING));
    }
}
