package org.citybridge.cities.rest;

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

    /** An official; email and phone are null unless the caller may see personal data. */
    public record OfficialView(String name, String title, String office, String email, String phone) {
    }

    /** A formed partnership of this city. */
    public record PartnerView(UUID cityId, UUID partnershipId, ProposalKind kind, CooperationArea area, LocalDate formedOn) {
    }
}
