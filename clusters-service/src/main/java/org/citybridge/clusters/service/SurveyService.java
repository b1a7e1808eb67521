package org.citybridge.clusters.service;

import io.quarkus.hibernate.orm.panache.PanacheQuery;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.transaction.Transactional;
import org.citybridge.clusters.domain.Exchange;
import org.citybridge.clusters.domain.ExchangeStatus;
import org.citybridge.clusters.domain.KnownCity;
import org.citybridge.clusters.domain.SurveyInterest;
import org.citybridge.clusters.domain.SurveyResponse;
import org.citybridge.contracts.events.PartnerPreferences;
import org.citybridge.contracts.events.StatedInterest;
import org.citybridge.contracts.events.SurveyResponseRecorded;
import org.citybridge.kit.outbox.EventOutbox;
import org.citybridge.kit.paging.Page;
import org.citybridge.kit.paging.PageRequest;
import org.citybridge.kit.persistence.Uniqueness;
import org.citybridge.kit.problem.ApiException;
import org.citybridge.kit.security.Caller;
import org.citybridge.kit.time.Clock;

import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;

/**
 * Post-exchange survey responses: one per participating city per held exchange. Submitted by the
 * city's own officer or an admin; readable by admins and by that city's officer.
 */
@ApplicationScoped
public class SurveyService {

    @Inject
    EventOutbox outbox;

    @Inject
    KnownCityService cities;

    @Inject
    Caller caller;

    /**
     * Checks, in order: the exchange exists (404); the caller acts for the city (403); the city is
     * known and active (422); the exchange was held (422); the city took part (422); no earlier
     * response from the city (409).
     */
    @Transactional
    public SurveyResponse submit(UUID exchangeId, SurveyResponseCommand command) {
        Exchange exchange = Exchange.<Exchange>findByIdOptional(exchangeId)
                .orElseThrow(() -> ApiException.notFound("Exchange", exchangeId));
        caller.requireActsFor(command.cityId());
        KnownCity city = cities.requireActive(command.cityId(), "survey respondent");
        if (exchange.status != ExchangeStatus.HELD) {
            throw ApiException.unprocessable("Exchange " + exchangeId + " is " + exchange.status
                    + "; surveys can be answered only after it was held");
        }
        if (!exchange.participantCityIds.contains(city.id)) {
            throw ApiException.unprocessable(
                    city.name + " (" + city.id + ") did not take part in exchange " + exchangeId);
        }
        if (SurveyResponse.count("exchangeId = ?1 and cityId = ?2", exchangeId, city.id) > 0) {
            throw ApiException.conflict(city.name + " already answered the survey of exchange " + exchangeId);
        }
        SurveyResponse response = new SurveyResponse();
        response.id = UUID.randomUUID();
        response.exchangeId = exchangeId;
        response.cityId = city.id;
        response.wantsPartnership = command.wantsPartnership();
        response.rating = command.rating();
        response.comment = command.comment();
        response.recordedAt = Clock.now();
        if (command.interests() != null) {
            for (SurveyResponseCommand.Interest stated : command.interests()) {
                SurveyInterest interest = new SurveyInterest();
                interest.area = stated.area();
                interest.stance = stated.stance();
                interest.intent = stated.intent();
                interest.preferredRegions = SurveyInterest.join(stated.preferredRegions());
                interest.preferredCountries = SurveyInterest.join(stated.preferredCountries());
                response.interests.add(interest);
            }
        }
        // the unique (exchange, city) constraint settles a race between two first answers
        Uniqueness.persist(response, city.name + " already answered the survey of exchange " + exchangeId);
        outbox.append(new SurveyResponseRecorded(
                response.id,
                exchangeId,
                city.id,
                stated(response),
                response.wantsPartnership,
                response.rating,
                response.recordedAt));
        return response;
    }

    /** Admins see every response; a city officer sees only their city's. */
    public Page<SurveyResponse> list(UUID exchangeId, UUID cityId, PageRequest paging) {
        if (Exchange.findById(exchangeId) == null) {
            throw ApiException.notFound("Exchange", exchangeId);
        }
        StringBuilder where = new StringBuilder("exchangeId = :exchange");
        Map<String, Object> params = new HashMap<>();
        params.put("exchange", exchangeId);
        if (!caller.isAdmin()) {
            UUID own = caller.officerCity()
                    .orElseThrow(() ->
                            ApiException.forbidden("Survey responses are readable by admins and the answering city"));
            if (cityId != null && !cityId.equals(own)) {
                throw ApiException.forbidden("You may read only your own city's survey responses");
            }
            cityId = own;
        }
        if (cityId != null) {
            where.append(" and cityId = :city");
            params.put("city", cityId);
        }
        PanacheQuery<SurveyResponse> query =
                SurveyResponse.find(where.toString(), paging.sort(), params).page(paging.panachePage());
        return Page.of(query.list(), paging, query.count());
    }

    public Optional<SurveyResponse> find(UUID exchangeId, UUID responseId) {
        Optional<SurveyResponse> response = SurveyResponse.<SurveyResponse>findByIdOptional(responseId)
                .filter(r -> r.exchangeId.equals(exchangeId));
        response.ifPresent(r -> caller.requireActsFor(r.cityId));
        return response;
    }

    private static List<StatedInterest> stated(SurveyResponse response) {
        return response.interests.stream()
                .map(i -> new StatedInterest(
                        i.area,
                        i.stance,
                        i.intent,
                        new PartnerPreferences(
                                SurveyInterest.split(i.preferredRegions), SurveyInterest.split(i.preferredCountries))))
                .toList();
    }
}
