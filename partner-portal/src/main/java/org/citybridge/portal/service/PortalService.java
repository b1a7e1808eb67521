package org.citybridge.portal.service;

import jakarta.enterprise.context.RequestScoped;
import jakarta.inject.Inject;
import jakarta.ws.rs.WebApplicationException;
import org.citybridge.contracts.vocabulary.RegionNames;
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

    @Inject
    CityNames cityNames;

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

    /**
     * The story of Mexico City and Luoyang as the platform holds it, if it holds both cities: the exchanges both
     * attended (oldest first), their partnership if they formed one, else Luoyang's proposal with Mexico City.
     */
    public Optional<Views.Story> story() {
        Optional<City> mexicoCity = find("Mexico City", "MX");
        Optional<City> luoyang = find("Luoyang", "CN");
        if (mexicoCity.isEmpty() || luoyang.isEmpty()) {
            return Optional.empty();
        }
        UUID mexico = mexicoCity.get().id();
        UUID luoyangId = luoyang.get().id();
        List<Exchange> together = clusters.exchanges(luoyangId, null, 50, "startDate").items().stream()
                .filter(x ->
                        x.participantCityIds() != null && x.participantCityIds().contains(mexico))
                .toList();
        Partner partnership = luoyang.get().partnerList().stream()
                .filter(p -> p.cityId().equals(mexico))
                .findFirst()
                .orElse(null);
        Integer rank = null;
        String status = null;
        boolean answered = true;
        if (partnership == null) {
            try {
                Optional<RankedProposal> proposal = matchmaking.proposals(luoyangId).stream()
                        .filter(p -> p.partnerCityId().equals(mexico))
                        .findFirst();
                rank = proposal.map(RankedProposal::rank).orElse(null);
                status = proposal.map(p -> p.proposal().status()).orElse(null);
            } catch (jakarta.ws.rs.ProcessingException | WebApplicationException unavailable) {
                // the story is still worth telling while matchmaking is away
                answered = false;
            }
        }
        return Optional.of(
                new Views.Story(mexicoCity.get(), luoyang.get(), together, partnership, answered, rank, status));
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
                blankToNull(RegionNames.english(filter.region())),
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
        boolean actsFor = viewer.actsFor(id);
        try {
            proposals = matchmaking.proposals(id).stream()
                    .map(ranked -> row(id, ranked, actsFor, name(ranked.partnerCityId())))
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
                proposalsAvailable,
                actsFor);
    }

    private PartnerRow named(Partner partner) {
        return name(partner.cityId())
                .map(other -> new PartnerRow(partner, other.name(), other.localName(), other.language()))
                .orElseGet(() -> new PartnerRow(partner, partner.cityId().toString(), null, ""));
    }

    /** Another city's name, from the names kept a few minutes (see {@link CityNames}). */
    private Optional<CityNames.Name> name(UUID id) {
        return cityNames.of(id, key -> {
            try {
                return Optional.of(cities.city(key));
            } catch (WebApplicationException gone) {
                return Optional.empty();
            }
        });
    }

    private static ProposalRow row(
            UUID city, RankedProposal ranked, boolean actsFor, Optional<CityNames.Name> partner) {
        Proposal proposal = ranked.proposal();
        boolean answered = proposal.acceptedBy(city);
        return new ProposalRow(
                ranked.rank(),
                ranked.partnerCityId(),
                ranked.partnerName(),
                partner.map(CityNames.Name::localName).orElse(null),
                partner.map(CityNames.Name::language).orElse(""),
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

    /** At most this many pages of 100 are read for the map (cities, partnerships, proposals each). */
    private static final int MAP_PAGES = 20;

    /**
     * The map: every city with coordinates, and the partnerships and open proposals between them that the
     * filter keeps (both cities in the cluster, the area's thematic links only).
     */
    public WorldMap map(WorldMap.Filter filter) {
        boolean[] truncated = {false};
        java.util.Map<UUID, City> located = new java.util.LinkedHashMap<>();
        pages(page -> cities.cities(null, null, null, null, null, null, page, 100, "name"), truncated, city -> {
            if (city.coordinates() != null) {
                located.put(city.id(), city);
            }
        });
        java.util.Set<UUID> members = filter.cluster() == null
                ? null
                : clusters.members(filter.cluster(), 100).items().stream()
                        .filter(m -> m.active() && "CITY".equals(m.memberKind()))
                        .map(m -> m.memberId())
                        .collect(java.util.stream.Collectors.toSet());
        java.util.function.BiPredicate<UUID, UUID> shown = (a, b) -> located.containsKey(a)
                && located.containsKey(b)
                && (members == null || (members.contains(a) && members.contains(b)));
        List<WorldMap.Line> lines = new java.util.ArrayList<>();
        if (filter.partnerships()) {
            pages(page -> matchmaking.partnerships(page, 100), truncated, p -> {
                if (shown.test(p.cityA(), p.cityB())
                        && (filter.area() == null || filter.area().equals(p.area()))) {
                    lines.add(WorldMap.line(
                            located.get(p.cityA()), located.get(p.cityB()), "partnership", p.kind(), p.area()));
                }
            });
        }
        if (filter.proposals()) {
            for (String status : List.of("PROPOSED", "ACCEPTED_BY_ONE")) {
                pages(page -> matchmaking.proposalList(status, filter.area(), page, 100), truncated, p -> {
                    if (shown.test(p.cityA(), p.cityB())) {
                        lines.add(WorldMap.line(
                                located.get(p.cityA()), located.get(p.cityB()), "proposal", p.kind(), p.area()));
                    }
                });
            }
        }
        List<WorldMap.Dot> dots = located.values().stream()
                .filter(c -> members == null || members.contains(c.id()))
                .map(WorldMap::dot)
                .toList();
        return new WorldMap(filter, dots, lines, truncated[0]);
    }

    /** Reads pages of a list until its end or {@link #MAP_PAGES}, handing each item to {@code each}. */
    private static <T> void pages(
            java.util.function.IntFunction<Page<T>> read, boolean[] truncated, java.util.function.Consumer<T> each) {
        for (int page = 0; page < MAP_PAGES; page++) {
            Page<T> result = read.apply(page);
            result.items().forEach(each);
            if (page + 1 >= result.totalPages()) {
                return;
            }
        }
        truncated[0] = true;
    }

    public List<Cluster> clusterList() {
        return clusters.clusters(100, "name").items();
    }

    /**
     * Every cluster with its members and exchanges, each exchange with its participants by name and, for
     * people who may read them (admins; an officer for their own city), its survey answers summed up.
     */
    public List<Views.ClusterDetail> clusterDetails(boolean withSurveys) {
        java.util.Map<UUID, String> names = new java.util.HashMap<>();
        List<Views.ClusterDetail> details = new java.util.ArrayList<>();
        for (Cluster cluster : clusterList()) {
            var members = clusters.members(cluster.id(), 100).items().stream()
                    .filter(m -> m.active())
                    .toList();
            members.forEach(m -> names.put(m.memberId(), m.memberName()));
            List<Views.ExchangeRow> exchanges =
                    clusters.exchanges(null, cluster.id(), 50, "-startDate").items().stream()
                            .map(x -> new Views.ExchangeRow(
                                    x,
                                    x.participantCityIds() == null
                                            ? List.of()
                                            : x.participantCityIds().stream()
                                                    .map(id -> names.computeIfAbsent(id, this::cityName))
                                                    .toList(),
                                    withSurveys && "HELD".equals(x.status()) ? survey(x.id(), names) : null))
                            .toList();
            details.add(new Views.ClusterDetail(cluster, members, exchanges));
        }
        return details;
    }

    private String cityName(UUID id) {
        return name(id).map(CityNames.Name::name).orElse(id.toString());
    }

    private Views.SurveySummary survey(UUID exchange, java.util.Map<UUID, String> names) {
        var answers = clusters.surveyResponses(exchange, 100).items();
        var ratings = answers.stream()
                .filter(a -> a.rating() != null)
                .mapToInt(a -> a.rating())
                .summaryStatistics();
        return new Views.SurveySummary(
                answers.size(),
                ratings.getCount() == 0 ? null : ratings.getAverage(),
                answers.stream()
                        .filter(a -> a.wantsPartnership())
                        .map(a -> names.computeIfAbsent(a.cityId(), this::cityName))
                        .sorted()
                        .toList());
    }

    /** Programme figures (the API allows platform-admins only). */
    public org.citybridge.portal.client.ApiModels.Stats stats(Views.StatsFilter filter) {
        return matchmaking.stats(
                blankToNull(filter.from()),
                blankToNull(filter.to()),
                blankToNull(RegionNames.english(filter.region())),
                filter.cluster());
    }

    public String statsCsv(Views.StatsFilter filter) {
        return matchmaking.statsCsv(
                blankToNull(filter.from()),
                blankToNull(filter.to()),
                blankToNull(RegionNames.english(filter.region())),
                filter.cluster());
    }

    public void stateInterest(UUID city, org.citybridge.portal.client.ApiModels.InterestRequest interest) {
        cities.stateInterest(city, interest);
    }

    public void withdrawInterest(UUID city, UUID interest) {
        cities.withdrawInterest(city, interest);
    }

    /**
     * Runs a pairing round between two groups of cities (by country, cluster, area); the id of the stored round,
     * or empty when it is large enough to run as a job.
     */
    public Optional<UUID> pairingRound(org.citybridge.portal.client.ApiModels.PairingRoundRequest request) {
        try (jakarta.ws.rs.core.Response created = matchmaking.createRound(request)) {
            if (created.getStatus() == 202) {
                return Optional.empty();
            }
            return Optional.of(created.readEntity(org.citybridge.portal.client.ApiModels.PairingRound.class)
                    .id());
        }
    }

    public org.citybridge.portal.client.ApiModels.PairingRound round(UUID id) {
        return matchmaking.round(id);
    }

    public int proposeRound(UUID id) {
        return matchmaking.roundProposals(id).size();
    }

    /** A selector from a form's fields: blank ones left out. */
    public static org.citybridge.portal.client.ApiModels.GroupSelector group(
            String country, String cluster, String area) {
        return new org.citybridge.portal.client.ApiModels.GroupSelector(
                blankToNull(country), optionalId(cluster), blankToNull(area));
    }

    /** An optional id from a form or query string: blank is none, anything else must be a UUID (else 400). */
    public static UUID optionalId(String value) {
        if (value == null || value.isBlank()) {
            return null;
        }
        try {
            return UUID.fromString(value.trim());
        } catch (IllegalArgumentException e) {
            throw new jakarta.ws.rs.BadRequestException("not an id: " + value);
        }
    }

    private static String blankToNull(String value) {
        return value == null || value.isBlank() ? null : value.trim();
    }
}
