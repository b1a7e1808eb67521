package org.citybridge.clusters.rest;

import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.Size;
import org.eclipse.microprofile.openapi.annotations.media.Schema;

/** Cancels a planned exchange. */
@Schema(name = "CancelRequest")
public record CancelRequest(@NotBlank @Size(max = 2000) String reason) {}
