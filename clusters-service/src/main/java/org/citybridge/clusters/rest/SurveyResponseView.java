package org.citybridge.clusters.rest;

import org.citybridge.clusters.domain.SurveyInterest;
import org.citybridge.clusters.domain.SurveyResponse;
import org.citybridge.contracts.events.PartnerPreferences;
import org.citybridge.contracts.vocabulary.CooperationArea;
import org.citybridge.contracts.vocabulary.Intent;
import org.citybridge.contracts.vocabulary.Stance;
import org.eclipse.microprofile.openapi.annotations.media.Schema;

import java.time.Instant;
import java.util.List;
import java.util.UUID;

/** A recorded survey response. */
@Schema(name = "SurveyResponse")
public record SurveyResponseView(
        UUID id,
        UUID exchangeId,
        UUID cityId,
        List<Interest> interests,
        boolean wantsPartnership,
        int rating,
        String comment,
        Instant recordedAt,
        long version) {

    /** A stated interest. */
    @Schema(name = "SurveyInterest")
    public record Interest(CooperationArea area, Stance stance, Intent intent, PartnerPreferences preferences) {}

    static SurveyResponseView of(SurveyResponse r) {
        return new SurveyResponseView(
                r.id,
                r.exchangeId,
                r.cityId,
                r.interests.stream().map(SurveyResponseView::of).toList(),
                r.wantsPartnership,
                r.rating,
                r.comment,
                r.recordedAt,
                r.version);
    }

    private static Interest of(SurveyInterest i) {
        return new Interest(
                i.area,
                i.stance,
                i.intent,
                new PartnerPreferences(
                        SurveyInterest.split(i.preferredRegions), SurveyInterest.split(i.preferredCountries)));
    }
}
