package org.citybridge.contracts.events;

import org.citybridge.contracts.vocabulary.CooperationArea;
import org.citybridge.contracts.vocabulary.Intent;
import org.citybridge.contracts.vocabulary.Stance;

import java.time.Instant;
import java.util.UUID;

/**
 * A city stated (or restated) an interest. One active interest exists per (area, stance, intent):
 * a restatement carries the same interest id. Key: city id.
 *
 * @param source {@code profile}, or {@code survey:<responseId>} when it came from a survey response
 */
public record InterestExpressed(
        UUID cityId,
        UUID interestId,
        CooperationArea area,
        Stance stance,
        Intent intent,
        PartnerPreferences preferences,
        String note,
        String source,
        Instant expressedAt)
        implements EventPayload {

    public InterestExpressed {
        preferences = preferences == null ? PartnerPreferences.NONE : preferences;
    }

    @Override
    public UUID aggregateId() {
        return cityId;
    }
}
