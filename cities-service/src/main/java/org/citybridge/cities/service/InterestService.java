package org.citybridge.cities.service;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.transaction.Transactional;
import org.citybridge.cities.domain.City;
import org.citybridge.cities.domain.Interest;
import org.citybridge.cities.domain.M49Regions;
import org.citybridge.contracts.events.InterestExpressed;
import org.citybridge.contracts.events.InterestWithdrawn;
import org.citybridge.contracts.events.PartnerPreferences;
import org.citybridge.contracts.events.StatedInterest;
import org.citybridge.contracts.events.SurveyResponseRecorded;
import org.citybridge.contracts.vocabulary.CooperationArea;
import org.citybridge.contracts.vocabulary.Intent;
import org.citybridge.contracts.vocabulary.Stance;
import org.citybridge.contracts.vocabulary.UnknownCodeException;
import org.citybridge.kit.outbox.EventOutbox;
import org.citybridge.kit.paging.Page;
import org.citybridge.kit.paging.PageRequest;
import org.citybridge.kit.problem.ApiException;
import org.citybridge.kit.time.Clock;
import org.jboss.logging.Logger;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.UUID;

/**
 * Cities' interests, stated on the profile or in survey responses. cities-service owns interests,
 * so both paths end here and are announced the same way: matchmaking sees one interest stream.
 */
@ApplicationScoped
public class InterestService {

    private static final Logger LOG = Logger.getLogger(InterestService.class);

    /** What expressing an interest did: created it, changed it, or neither (restated as it stands). */
    public record Expressed(Interest interest, boolean created, boolean changed) {}

    /**
     * What an interest of a given area, stance and intent says, as stored: restating it with the same
     * statement changes nothing.
     */
    record Statement(PartnerPreferences preferences, String note, String source) {

        Statement {
            note = note == null || note.isBlank() ? null : note;
        }

        static Statement of(Interest interest) {
            return new Statement(interest.preferences, interest.note, interest.source);
        }

        /** The profile's statement a command makes, normalised as {@link #express} stores it. */
        static Statement of(InterestCommand command) {
            return new Statement(
                    InterestService.preferences(command.preferredRegions(), command.preferredCountries()),
                    command.note(),
                    Interest.SOURCE_PROFILE);
        }
    }

    @Inject
    CityService cities;

    @Inject
    EventOutbox outbox;

    /**
     * States an interest on the city's profile; restating the same area, stance and intent updates the
     * active one.
     *
     * @throws ApiException 404 unknown city, 409 retired city, 400 unknown region or country
     */
    @Transactional
    public Expressed express(UUID cityId, InterestCommand command) {
        cities.lockForChange(cityId);
        return write(
                Interest.findActive(cityId, command.area(), command.stance(), command.intent())
                        .orElse(null),
                cityId,
                command);
    }

    /**
     * States interests on a city registered in this transaction (an import's new row): none can be stated
     * yet and no one else sees the city, so neither a lock nor a look-up is needed, except for an interest
     * the same list states twice.
     */
    @Transactional(Transactional.TxType.MANDATORY)
    public void expressOnNewCity(UUID cityId, List<InterestCommand> commands) {
        Set<List<Object>> stated = new HashSet<>();
        for (InterestCommand command : commands) {
            Interest earlier = stated.add(List.of(command.area(), command.stance(), command.intent()))
                    ? null
                    : Interest.findActive(cityId, command.area(), command.stance(), command.intent())
                            .orElse(null);
            write(earlier, cityId, command);
        }
    }

    /** An interest stated on the city's profile over the active one of its kind ({@code null}: none). */
    private Expressed write(Interest active, UUID cityId, InterestCommand command) {
        return write(
                active,
                cityId,
                command.area(),
                command.stance(),
                command.intent(),
                preferences(command.preferredRegions(), command.preferredCountries()),
                command.note(),
                Interest.SOURCE_PROFILE);
    }

    public Interest get(UUID cityId, UUID interestId) {
        Interest interest = Interest.findById(interestId);
        if (interest == null || !interest.cityId.equals(cityId)) {
            throw ApiException.notFound("Interest", interestId);
        }
        return interest;
    }

    public Page<Interest> list(UUID cityId, boolean includeWithdrawn, PageRequest page) {
        cities.get(cityId);
        String query = includeWithdrawn ? "cityId = ?1" : "cityId = ?1 and withdrawnAt is null";
        var found = Interest.<Interest>find(query, page.sort(), cityId);
        return Page.of(found.page(page.panachePage()).list(), page, found.count());
    }

    /**
     * Withdraws an interest; withdrawing it again changes nothing.
     *
     * @return false if it was already withdrawn
     */
    @Transactional
    public boolean withdraw(UUID cityId, UUID interestId) {
        cities.lockForChange(cityId);
        Interest interest = get(cityId, interestId);
        if (!interest.isActive()) {
            return false;
        }
        interest.withdrawnAt = Clock.now();
        outbox.append(new InterestWithdrawn(
                cityId, interest.id, interest.area, interest.stance, interest.intent, interest.withdrawnAt));
        return true;
    }

    /**
     * Turns the interests stated in a survey response into interests of the city (source = the
     * response). Runs in the consumer's transaction; an unknown or retired city is skipped.
     */
    @Transactional(Transactional.TxType.MANDATORY)
    public void applySurveyResponse(SurveyResponseRecorded response) {
        City city = City.findById(response.cityId(), jakarta.persistence.LockModeType.PESSIMISTIC_WRITE);
        if (city == null || city.retired) {
            LOG.warnf(
                    "Survey response %s names %s city %s; skipped",
                    response.responseId(), city == null ? "unknown" : "retired", response.cityId());
            return;
        }
        String source = Interest.surveySource(response.responseId());
        for (StatedInterest stated : response.interests()) {
            PartnerPreferences preferences;
            try {
                preferences = preferences(
                        stated.preferences().regions(), stated.preferences().countries());
            } catch (UnknownCodeException | ApiException e) {
                LOG.warnf(
                        "Survey response %s: ignoring invalid preferences (%s)", response.responseId(), e.getMessage());
                preferences = PartnerPreferences.NONE;
            }
            Interest existing = Interest.findActive(city.id, stated.area(), stated.stance(), stated.intent())
                    .orElse(null);
            write( // the same response again restates the same statement: nothing changes
                    existing,
                    city.id,
                    stated.area(),
                    stated.stance(),
                    stated.intent(),
                    preferences,
                    "Stated in the survey of exchange " + response.exchangeId(),
                    source);
        }
    }

    /** Updates the active interest of that area, stance and intent, or states it when there is none (null). */
    private Expressed write(
            Interest interest,
            UUID cityId,
            CooperationArea area,
            Stance stance,
            Intent intent,
            PartnerPreferences preferences,
            String note,
            String source) {
        boolean created = interest == null;
        Statement statement = new Statement(preferences, note, source);
        if (!created && Statement.of(interest).equals(statement)) {
            return new Expressed(interest, false, false); // restated as it stands: nothing changes, nothing to announce
        }
        if (created) {
            interest = new Interest();
            interest.id = UUID.randomUUID();
            interest.cityId = cityId;
            interest.area = area;
            interest.stance = stance;
            interest.intent = intent;
        }
        interest.preferences = statement.preferences();
        interest.note = statement.note();
        interest.source = statement.source();
        interest.expressedAt = Clock.now();
        if (created) {
            interest.persist();
        }
        outbox.append(new InterestExpressed(
                cityId, interest.id, area, stance, intent, preferences, interest.note, source, interest.expressedAt));
        return new Expressed(interest, created, true);
    }

    /** Validates and normalises partner preferences: canonical region names, upper-case countries. */
    static PartnerPreferences preferences(List<String> regions, List<String> countries) {
        List<String> canonicalRegions = new ArrayList<>();
        for (String region : regions == null ? List.<String>of() : regions) {
            canonicalRegions.add(M49Regions.canonicalRegion(region)
                    .orElseThrow(() -> ApiException.badRequest(
                            "preferences.regions", "unknown UN M49 region or sub-region '" + region + "'")));
        }
        List<String> codes = new ArrayList<>();
        for (String country : countries == null ? List.<String>of() : countries) {
            codes.add(M49Regions.ofField("preferences.countries", country).country());
        }
        return new PartnerPreferences(
                canonicalRegions.stream().distinct().toList(),
                codes.stream().distinct().toList());
    }
}
