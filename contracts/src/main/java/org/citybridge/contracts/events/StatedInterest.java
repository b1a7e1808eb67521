package org.citybridge.contracts.events;

import org.citybridge.contracts.vocabulary.CooperationArea;
import org.citybridge.contracts.vocabulary.Intent;
import org.citybridge.contracts.vocabulary.Stance;

/** An interest stated in a survey response; cities-service turns it into an Interest of the city. */
public record StatedInterest(CooperationArea area, Stance stance, Intent intent, PartnerPreferences preferences) {

    public StatedInterest {
        preferences = preferences == null ? PartnerPreferences.NONE : preferences;
    }
}
