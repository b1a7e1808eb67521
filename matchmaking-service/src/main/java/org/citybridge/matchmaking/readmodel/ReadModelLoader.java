package org.citybridge.matchmaking.readmodel;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;
import org.citybridge.matchmaking.partnership.Partnership;
import org.citybridge.matchmaking.proposal.Proposal;
import org.citybridge.matchmaking.ranking.MatchEngine;
import org.citybridge.matchmaking.scoring.DevelopingEconomies;
import org.citybridge.matchmaking.scoring.MatchSettings;

import java.util.List;
import java.util.Set;
import java.util.UUID;

/**
 * Builds an engine from the read model's tables: the live one at start (ranked, with the stored open proposals
 * it does not propose as they stand left in its changes), or one for fitting weights (not ranked, some partnerships left out as what the fit
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
        List<MatchEngine.StoredProposal> open = openProposals();
        if (settings.exposureCap() > 0) {
            // proposals derive from every city's exact audience: rank them all (open proposals cannot restore it)
            fresh.rescoreAll();
        } else {
            for (MatchEngine.StoredProposal proposal : open) {
                fresh.restoreListed(proposal.cityA(), proposal.cityB());
            }
        }
        // what the caller finds in drainChanges: the stored proposals this ranking does not propose as they stand
        fresh.reconcile(open);
        return fresh;
    }

    /** The ranking's open proposals as stored: their cities, scores and whether accepted, without their reasons. */
    private List<MatchEngine.StoredProposal> openProposals() {
        return em.createQuery(
                        "select p.cityA, p.cityB, p.score, p.status from Proposal p"
                                + " where p.status in ?1 and p.origin = ?2",
                        Object[].class)
                .setParameter(1, Proposal.OPEN)
                .setParameter(2, Proposal.Origin.RANKING)
                .getResultStream()
                .map(row -> new MatchEngine.StoredProposal(
                        (UUID) row[0], (UUID) row[1], (Double) row[2], row[3] == Proposal.Status.ACCEPTED_BY_ONE))
                .toList();
    }
}
