package org.citybridge.clusters.service;

import org.citybridge.contracts.vocabulary.CooperationArea;
import org.citybridge.contracts.vocabulary.Intent;
import org.citybridge.contracts.vocabulary.Stance;

import java.util.List;
import java.util.UUID;

/**
 * A participating city answers the survey of a held exchange.
 *
 * @param cityId    the answering city
 * @param interests the interests it states, null for none
 */
public record SurveyResponseCommand(
        UUID cityId, List<Interest> interests, boolean wantsPartnership, int rating, String comment) {

    /** An interest stated in the response; null or empty preferences mean any partner. */
    public record Interest(
            CooperationArea area,
            Stance stance,
            Intent intent,
            List<String> preferredRegions,
            List<String> preferredCountries) {}
}
