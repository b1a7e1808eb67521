package org.citybridge.clusters.rest;

import jakarta.validation.constraints.Size;
import org.eclipse.microprofile.openapi.annotations.media.Schema;

/** Marks an exchange as held; the notes replace the outcome notes when given. */
@Schema(name = "HoldRequest")
public record HoldRequest(@Size(max = 4000) String outcomeNotes) {}
