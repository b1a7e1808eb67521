package org.citybridge.portal.service;

import org.citybridge.portal.client.ApiModels.City;
import org.citybridge.portal.client.ApiModels.Cluster;
import org.citybridge.portal.client.ApiModels.Exchange;
import org.citybridge.portal.client.ApiModels.Membership;
import org.citybridge.portal.client.ApiModels.Partner;
import org.citybridge.portal.client.ApiModels.Proposal;
import org.citybridge.portal.client.ApiModels.Reason;

import java.util.List;
import java.util.UUID;

/** What the pages show, assembled from the APIs' answers. */
public final class Views {

    private Views() {}

    /** How many reasons a proposal shows before "more reasons": the largest ones. */
    static final int REASONS_SHOWN = 4;

    public record ClusterCard(Cluster cluster, List<Membership> members, List<Exchange> latestExchanges) {}

    /** A partner with its name (the city's profile lists partners by id). */
    public record PartnerRow(Partner partner, String name, String localName, String localLanguage) {}

    /**
     * A ranked proposal as the city sees it: the partner, the reasons with their share of the largest one (for
     * the bars), and whether this person may answer for the city.
     */
    public record ProposalRow(
            int rank,
            UUID partnerId,
            String partnerName,
            String partnerLocalName,
            String partnerLanguage,
            Proposal proposal,
            boolean canAnswer,
            boolean answered) {

        public List<Reason> reasons() {
            return proposal.reasons() == null ? List.of() : proposal.reasons();
        }

        /** The reasons shown at once; the others are one click away. */
        public List<Reason> topReasons() {
            return reasons().subList(0, Math.min(REASONS_SHOWN, reasons().size()));
        }

        public List<Reason> moreReasons() {
            return reasons()
                    .subList(
                            Math.min(REASONS_SHOWN, reasons().size()), reasons().size());
        }

        /** The bars' scale: the largest contribution of this proposal. */
        public double largest() {
            return reasons().stream()
                    .mapToDouble(r -> Math.abs(r.contribution()))
                    .max()
                    .orElse(1.0);
        }
    }

    /** An exchange with its participants' names and, where the reader may see it, its survey summed up. */
    public record ExchangeRow(Exchange exchange, List<String> participants, SurveySummary survey) {}

    /**
     * How many answered, the average rating (null without ratings), how many want a partnership and which
     * cities they are.
     */
    public record SurveySummary(int answers, Double averageRating, List<String> wantingPartnership) {

        public int wantPartnership() {
            return wantingPartnership.size();
        }
    }

    /**
     * The home page's story as the data tell it: the exchanges both cities took part in, and where matchmaking
     * stands between them (Luoyang's proposal with Mexico City, its rank and status; or their partnership).
     * {@code matchmakingAnswered} is false when matchmaking could not be asked: nothing is known of a proposal.
     */
    public record Story(
            City mexicoCity,
            City luoyang,
            List<Exchange> together,
            Partner partnership,
            boolean matchmakingAnswered,
            Integer proposalRank,
            String proposalStatus) {}

    public record ClusterDetail(Cluster cluster, List<Membership> members, List<ExchangeRow> exchanges) {}

    /** The dashboard's filters; blank means any. */
    public record StatsFilter(String from, String to, String region, UUID cluster) {}

    public record CityPage(
            City city,
            List<org.citybridge.portal.client.ApiModels.Interest> interests,
            List<Exchange> exchanges,
            List<PartnerRow> partners,
            List<ProposalRow> proposals,
            boolean proposalsAvailable,
            boolean actsFor) {}
}
