package org.citybridge.portal.service;

import jakarta.enterprise.context.RequestScoped;
import jakarta.inject.Inject;
import jakarta.ws.rs.WebApplicationException;
import org.citybridge.portal.client.ApiModels.City;
import org.citybridge.portal.client.ApiModels.Cluster;
import org.citybridge.portal.client.ApiModels.Exchange;
import org.citybridge.portal.client.ApiModels.Page;
import org.citybridge.portal.client.ApiModels.Partner;
import org.citybridge.portal.client.ApiModels.Proposal;
import org.citybridge.portal.client.ApiModels.RankedProposal;
import org.citybridge.portal.client.CitiesApi;
import org.citybridge.portal.client.ClustersApi;
import org.citybridge.portal.client.MatchmakingApi;
import org.citybridge.portal.service.Views.CityPage;
import org.citybridge.portal.service.Views.ClusterCard;
import org.citybridge.portal.service.Views.PartnerRow;
import org.citybridge.portal.service.Views.ProposalRow;
import org.eclipse.microprofile.rest.client.inject.RestClient;

import java.util.List;
import java.util.Optional;
import java.util.UUID;

/** Assembles the pages from the three APIs, called as the person looking. */
@RequestScoped
public class PortalService {

    /** The directory's page size, and how many partners a city page names. */
    public static final int PAGE_SIZE = 20;

    private static final int PARTNERS_NAMED = 30;

    @Inject
    @RestClient
    CitiesApi cities;

    @Inject
    @RestClient
    ClustersApi clusters;

    @Inject
    @RestClient
    MatchmakingApi matchmaking;

    @Inject
    Viewer viewer;

    /** Every cluster with its active members and latest three exchanges. */
    public List<ClusterCard> clusterCards() {
        return clusters.clusters(100, "name").items().stream().map(this::card).toList();
    }

    private ClusterCard card(Cluster cluster) {
        return new ClusterCard(
                cluster,
                clusters.members(cluster.id(), 100).items().stream()
                        .filter(m -> m.active())
                        .toList(),
                clusters.exchanges(null, cluster.id(), 3, "-startDate").items());
    }

    /** A city of the demo story by name and country, if the platform holds it. */
    public Optional<City> find(String name, String country) {
        return cities.cities(name, country, null, null, null, null, 0, 1, null).items().stream()
                .filter(c -> c.name().equals(name))
                .findFirst();
    }

    public Page<City> directory(Directory.Filter filter) {
        return cities.cities(
                blankToNull(filter.q()),
                blankToNull(filter.country()),
                blankToNull(filter.region()),
                blankToNull(filter.area()),
                blankToNull(filter.stance()),
                blankToNull(filter.intent()),
                Math.max(0, filter.page()),
                PAGE_SIZE,
                "name");
    }

    public CityPage cityPage(UUID id) {
        City city = cities.city(id);
        List<PartnerRow> partners = city.partnerList().stream()
                .limit(PARTNERS_NAMED)
                .map(this::named)
                .toList();
        List<ProposalRow> proposals = List.of();
        boolean proposalsAvailable = true;
        try {
            boolean actsFor = viewer.actsFor(id);
            proposals = matchmaking.proposals(id).stream()
                    .map(ranked -> row(id, ranked, actsFor))
                    .toList();
        } catch (jakarta.ws.rs.ProcessingException | WebApplicationException unavailable) {
            // the profile is still worth showing while matchmaking is away
            proposalsAvailable = false;
        }
        List<Exchange> exchanges =
                clusters.exchanges(id, null, 20, "-startDate").items();
        return new CityPage(
                city,
                cities.interests(id, 100).items().stream()
                        .filter(i -> i.active())
                        .toList(),
                exchanges,
                partners,
                proposals,
                proposalsAvailable);
    }

    private PartnerRow named(Partner partner) {
        try {
            City other = cities.city(partner.cityId());
            return new PartnerRow(partner, other.name(), other.hasLocalName() ? other.localName() : null);
        } catch (WebApplicationException gone) {
            return new PartnerRow(partner, partner.cityId().toString(), null);
        }
    }

    private static ProposalRow row(UUID city, RankedProposal ranked, boolean actsFor) {
        Proposal proposal = ranked.proposal();
        boolean answered = proposal.acceptedBy(city);
        return new ProposalRow(
                ranked.rank(),
                ranked.partnerCityId(),
                ranked.partnerName(),
                proposal,
                actsFor && proposal.open() && !answered,
                answered);
    }

    /** Accepts or declines for {@code city} only what the person saw: the version they saw goes in If-Match. */
    public Proposal answer(UUID city, UUID proposal, boolean accept, long seenVersion) {
        String ifMatch = "\"" + seenVersion + "\"";
        // an officer's side is the city of their token; an admin names it
        UUID side = viewer.admin() ? city : null;
        return accept ? matchmaking.accept(proposal, side, ifMatch) : matchmaking.decline(proposal, side, ifMatch);
    }

    private static String blankToNull(String value) {
        return value == null || value.isBlank() ? null : value.trim();
    }
}
