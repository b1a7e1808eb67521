package org.citybridge.cities.rest;

import org.citybridge.cities.domain.City;
import org.citybridge.cities.domain.CityPartner;
import org.citybridge.contracts.events.HeritageAsset;
import org.citybridge.contracts.vocabulary.CooperationArea;
import org.citybridge.contracts.vocabulary.ProposalKind;
import org.eclipse.microprofile.openapi.annotations.media.Schema;

import java.time.Instant;
import java.time.LocalDate;
import java.util.List;
import java.util.UUID;

/** A city as the API shows it. Officials' email and phone appear only for admins and the city's own officers. */
@Schema(name = "City")
public record CityResponse(
        UUID id,
        String name,
        String localName,
        String country,
        @Schema(example = "Asia") String region,
        @Schema(example = "Eastern Asia") String subRegion,
        Long population,
        CityRequest.Coordinates coordinates,
        List<String> languages,
        String description,
        List<HeritageAsset> heritageAssets,
        List<String> associations,
        List<OfficialView> officials,
        List<PartnerView> partners,
        boolean retired,
        long version,
        Instant createdAt,
        Instant updatedAt) {

    /**
     * The view of a city.
     *
     * @param partners     the city's partners, in the order of {@link CityPartner#ofCity}
     * @param showContacts whether the caller may see officials' email and phone
     */
    static CityResponse of(City city, List<CityPartner> partners, boolean showContacts) {
        return new CityResponse(
                city.id,
                city.name,
                city.localName,
                city.country,
                city.region,
                city.subRegion,
                city.population,
                city.latitude == null ? null : new CityRequest.Coordinates(city.latitude, city.longitude),
                city.languages,
                city.description,
                city.heritageAssets,
                city.associations,
                city.officials.stream()
                        .map(o -> showContacts
                                ? new OfficialView(o.name(), o.title(), o.office(), o.email(), o.phone())
                                : new OfficialView(o.name(), o.title(), o.office(), null, null))
                        .toList(),
                partners.stream()
                        .map(p -> new PartnerView(p.partnerId, p.partnershipId, p.kind, p.area, p.formedOn))
                        .toList(),
                city.retired,
                city.version,
                city.createdAt,
                city.updatedAt);
    }

    /** An official; email and phone are null unless the caller may see personal data. */
    public record OfficialView(String name, String title, String office, String email, String phone) {}

    /** A formed partnership of this city. */
    public record PartnerView(
            UUID cityId, UUID partnershipId, ProposalKind kind, CooperationArea area, LocalDate formedOn) {}
}
