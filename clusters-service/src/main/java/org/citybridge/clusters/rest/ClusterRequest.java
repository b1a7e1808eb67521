package org.citybridge.clusters.rest;

import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotEmpty;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Pattern;
import jakarta.validation.constraints.Size;
import org.citybridge.clusters.domain.ClusterStatus;
import org.citybridge.clusters.service.ClusterCommand;
import org.citybridge.contracts.vocabulary.CooperationArea;
import org.eclipse.microprofile.openapi.annotations.media.Schema;

import java.util.Set;

/** Creates or replaces a cluster. */
@Schema(name = "ClusterRequest")
public record ClusterRequest(
        @NotBlank
        @Size(max = 100)
        @Pattern(regexp = "[a-z0-9]+(-[a-z0-9]+)*", message = "must be kebab-case (a-z, 0-9, -)")
        @Schema(example = "renewable-energy-development")
        String slug,

        @NotBlank @Size(max = 300) @Schema(example = "Renewable Energy Development")
        String name,

        @Size(max = 4000) String description,
        @NotEmpty Set<@NotNull CooperationArea> areas,

        @Schema(description = "ACTIVE (default) or CLOSED; a closed cluster takes no new members")
        ClusterStatus status) {

    ClusterCommand toCommand() {
        return new ClusterCommand(slug, name, description, areas, status);
    }
}
