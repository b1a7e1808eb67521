package org.citybridge.portal.client;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;

import java.time.Instant;
import java.time.LocalDate;
import java.util.List;
import java.util.Map;
import java.util.UUID;

/**
 * What the portal reads of the three APIs: only the fields its pages show, every other field ignored, so a
 * field the APIs add later never breaks a page.
 */
public final class ApiModels {

    private ApiModels() {}

    @JsonIgnoreProperties(ignoreUnknown = true)
    public record Page<T>(List<T> items, int page, int size, long totalItems, int totalPages) {}

    @JsonIgnoreProperties(ignoreUnknown = true)
    public record Coordinates(double latitude, double longitude) {}

    @JsonIgnoreProperties(ignoreUnknown = true)
    public record HeritageAsset(String name, String kind, Integer inscribedYear) {}

    @JsonIgnoreProperties(ignoreUnknown = true)
    public record Partner(UUID cityId, UUID partnershipId, String kind, String area, LocalDate formedOn) {}

    @JsonIgnoreProperties(ignoreUnknown = true)
    public record City(
            UUID id,
            String name,
            String localName,
            String country,
            String region,
            String subRegion,
            Long population,
            Coordinates coordinates,
            List<String> languages,
            String description,
            List<HeritageAsset> heritageAssets,
            List<Partner> partners,
            long version) {

        public List<HeritageAsset> heritage() {
            return heritageAssets == null ? List.of() : heritageAssets;
        }

        public List<Partner> partnerList() {
            return partners == null ? List.of() : partners;
        }

        /** The language of the local name: the city's first official language (for {@code lang=}). */
        public String localLanguage() {
            return languages == null || languages.isEmpty() ? "" : languages.get(0);
        }

        /** Local script beside the Latin name when the profile has one (洛阳 / Luoyang). */
        public boolean hasLocalName() {
            return localName != null && !localName.isBlank() && !localName.equals(name);
        }
    }

    @JsonIgnoreProperties(ignoreUnknown = true)
    public record Interest(
            UUID id, String area, String stance, String intent, Preferences preferences, String note, boolean active) {}

    /** The partners an interest prefers: regions by their English names, countries by ISO code; empty is any. */
    @JsonIgnoreProperties(ignoreUnknown = true)
    public record Preferences(List<String> regions, List<String> countries) {

        public Preferences {
            regions = regions == null ? List.of() : regions;
            countries = countries == null ? List.of() : countries;
        }

        /** Any partner will do (not a bean property: the API refuses fields it does not know). */
        public boolean anyPartner() {
            return regions.isEmpty() && countries.isEmpty();
        }
    }

    @JsonIgnoreProperties(ignoreUnknown = true)
    public record Cluster(UUID id, String slug, String name, String description, List<String> areas, String status) {

        public Cluster {
            areas = areas == null ? List.of() : areas;
        }
    }

    @JsonIgnoreProperties(ignoreUnknown = true)
    public record Membership(UUID memberId, String memberKind, String memberName, String role, boolean active) {}

    @JsonIgnoreProperties(ignoreUnknown = true)
    public record Exchange(
            UUID id,
            String title,
            String format,
            LocalDate startDate,
            LocalDate endDate,
            UUID clusterId,
            List<UUID> participantCityIds,
            String status) {}

    @JsonIgnoreProperties(ignoreUnknown = true)
    public record Reason(String code, String text, double contribution, Map<String, Object> params) {}

    @JsonIgnoreProperties(ignoreUnknown = true)
    public record Proposal(
            UUID id,
            UUID cityA,
            UUID cityB,
            String kind,
            String area,
            double score,
            List<Reason> reasons,
            String status,
            boolean acceptedByA,
            boolean acceptedByB,
            Instant updatedAt,
            long version) {

        /** Whether {@code city}'s side has accepted. */
        public boolean acceptedBy(UUID city) {
            return city.equals(cityA) ? acceptedByA : city.equals(cityB) && acceptedByB;
        }

        public boolean open() {
            return status.equals("PROPOSED") || status.equals("ACCEPTED_BY_ONE");
        }
    }

    @JsonIgnoreProperties(ignoreUnknown = true)
    public record RankedProposal(int rank, UUID partnerCityId, String partnerName, Proposal proposal) {}

    @JsonIgnoreProperties(ignoreUnknown = true)
    public record Partnership(UUID id, UUID cityA, UUID cityB, String kind, String area, LocalDate formedOn) {}

    @JsonIgnoreProperties(ignoreUnknown = true)
    public record SurveyResponse(UUID cityId, Integer rating, boolean wantsPartnership) {}

    /** A new interest, as the city page's form sends it. */
    public record InterestRequest(String area, String stance, String intent, Preferences preferences, String note) {}

    /** One figure of the statistics: a key (status, region pair, month…) and its count. */
    @JsonIgnoreProperties(ignoreUnknown = true)
    public record Count(String key, long count) {}

    @JsonIgnoreProperties(ignoreUnknown = true)
    public record ProposalStats(
            long total,
            List<Count> byStatus,
            List<Count> byKind,
            Double acceptanceRate,
            Double medianDaysToAgreement) {}

    @JsonIgnoreProperties(ignoreUnknown = true)
    public record PartnershipStats(
            long total, List<Count> byKind, List<Count> byRegionPair, List<Count> byCluster, List<Count> byMonth) {}

    @JsonIgnoreProperties(ignoreUnknown = true)
    public record ExchangeStats(
            long held,
            long participants,
            long surveyAnswers,
            Double surveyUptake,
            Double averageRating,
            long wantPartnership) {}

    @JsonIgnoreProperties(ignoreUnknown = true)
    public record InterestStats(List<Count> byArea) {

        /** All interests counted (the bars' scale). */
        public long total() {
            return byArea == null ? 0 : byArea.stream().mapToLong(Count::count).sum();
        }
    }

    /** matchmaking's programme statistics (GET /api/v1/stats). */
    @JsonIgnoreProperties(ignoreUnknown = true)
    public record Stats(
            ProposalStats proposals, PartnershipStats partnerships, ExchangeStats exchanges, InterestStats interests) {}

    /** A group of a pairing round by filters; absent filters are left out of the request. */
    @com.fasterxml.jackson.annotation.JsonInclude(com.fasterxml.jackson.annotation.JsonInclude.Include.NON_NULL)
    public record GroupSelector(String country, UUID clusterId, String area) {}

    @com.fasterxml.jackson.annotation.JsonInclude(com.fasterxml.jackson.annotation.JsonInclude.Include.NON_NULL)
    public record PairingRoundRequest(
            GroupSelector groupA, GroupSelector groupB, String kind, String area, Integer capacity, String method) {}

    @JsonIgnoreProperties(ignoreUnknown = true)
    public record RoundPair(
            UUID cityA,
            String cityAName,
            UUID cityB,
            String cityBName,
            String kind,
            String area,
            double score,
            List<Reason> reasons) {

        /** The largest reasons, for the table. */
        public List<Reason> topReasons() {
            return reasons == null ? List.of() : reasons.subList(0, Math.min(3, reasons.size()));
        }
    }

    @JsonIgnoreProperties(ignoreUnknown = true)
    public record Unmatched(UUID cityId, String name, String reason) {}

    @JsonIgnoreProperties(ignoreUnknown = true)
    public record PairingRound(
            UUID id,
            String method,
            String kind,
            String area,
            int capacity,
            List<UUID> groupA,
            List<UUID> groupB,
            List<RoundPair> pairs,
            List<Unmatched> unmatched,
            double totalScore,
            boolean proposalsCreated) {

        public PairingRound {
            pairs = pairs == null ? List.of() : pairs;
            unmatched = unmatched == null ? List.of() : unmatched;
        }
    }

    /** An API's problem+json answer, of which the portal shows the status only (its own sentence per status). */
    @JsonIgnoreProperties(ignoreUnknown = true)
    public record Problem(int status, String title, String detail) {}
}
