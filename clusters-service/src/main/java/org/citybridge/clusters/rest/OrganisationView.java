package org.citybridge.clusters.rest;

import org.citybridge.clusters.domain.Organisation;
import org.citybridge.clusters.domain.OrganisationKind;
import org.eclipse.microprofile.openapi.annotations.media.Schema;

import java.time.Instant;
import java.util.UUID;

/** An organisation as the API shows it. */
@Schema(name = "Organisation")
public record OrganisationView(
        UUID id,
        String name,
        OrganisationKind kind,
        String country,
        String website,
        Instant createdAt,
        Instant updatedAt,
        long version) {

    static OrganisationView of(Organisation o) {
        return new OrganisationView(o.id, o.name, o.kind, o.country, o.website, o.createdAt, o.updatedAt, o.version);
    }
}
