package org.citybridge.cities.rest;

import org.citybridge.cities.domain.Interest;
import org.citybridge.contracts.events.PartnerPreferences;
import org.citybridge.contracts.vocabulary.CooperationArea;
import org.citybridge.contracts.vocabulary.Intent;
import org.citybridge.contracts.vocabulary.Stance;
import org.eclipse.microprofile.openapi.annotations.media.Schema;

import java.time.Instant;
import java.util.UUID;

/** An interest of a city. */
@Schema(name = "Interest")
public record InterestResponse(
        UUID id,
        UUID cityId,
        CooperationArea area,
        Stance stance,
        Intent intent,
        PartnerPreferences preferences,
        String note,

        @Schema(description = "profile, or survey:<responseId>", example = "profile")
        String source,

        Instant expressedAt,
        Instant withdrawnAt,
        boolean active) {

    static InterestResponse of(Interest interest) {
        return new InterestResponse(
                interest.id,
                interest.cityId,
                interest.area,
                interest.stance,
                interest.intent,
                interest.preferences,
                interest.note,
                interest.source,
                interest.expressedAt,
                interest.withdrawnAt,
                interest.isActive());
    }
}
