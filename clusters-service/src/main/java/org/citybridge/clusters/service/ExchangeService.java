package org.citybridge.clusters.service;

import io.quarkus.hibernate.orm.panache.PanacheQuery;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.transaction.Transactional;
import org.citybridge.clusters.domain.Cluster;
import org.citybridge.clusters.domain.Exchange;
import org.citybridge.clusters.domain.ExchangeStatus;
import org.citybridge.clusters.domain.Organisation;
import org.citybridge.clusters.rest.ExchangeRequest;
import org.citybridge.contracts.events.ExchangeCancelled;
import org.citybridge.contracts.events.ExchangeHeld;
import org.citybridge.contracts.events.ExchangeScheduled;
import org.citybridge.kit.outbox.EventOutbox;
import org.citybridge.kit.problem.ApiException;
import org.citybridge.kit.web.ETags;
import org.citybridge.kit.paging.Page;
import org.citybridge.kit.paging.PageRequest;

import java.time.LocalDate;
import java.util.HashMap;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;

/**
 * Exchanges and their lifecycle: PLANNED, then HELD or CANCELLED. Any other transition (holding a
 * cancelled exchange, cancelling a held one, changing the plan of a finished one) is 409.
 */
@ApplicationScoped
public class ExchangeService {

    private final EventOutbox outbox;
    private final KnownCityService cities;

    public ExchangeService(EventOutbox outbox, KnownCityService cities) {
        this.outbox = outbox;
        this.cities = cities;
    }

    /** Filters combine with AND; the date range selects exchanges overlapping [from, to]. */
    public Page<Exchange> list(String q, UUID clusterId, UUID cityId, LocalDate from, LocalDate to,
                               ExchangeStatus status, PageRequest paging) {
        if (from != null && to != null && to.isBefore(from)) {
            throw ApiException.badRequest("to", "must not be before from");
        }
        StringBuilder where = new StringBuilder("1 = 1");
        Map<String, Object> params = new HashMap<>();
        if (q != null && !q.isBlank()) {
            where.append(" and lower(title) like :q");
            params.put("q", "%" + q.trim().toLowerCase(Locale.ROOT) + "%");
        }
        if (clusterId != null) {
            where.append(" and clusterId = :cluster");
            params.put("cluster", clusterId);
        }
        if (cityId != null) {
            where.append(" and :city member of participantCityIds");
            params.put("city", cityId);
        }
        if (from != null) {
            where.append(" and endDate >= :from");
            params.put("from", from);
        }
        if (to != null) {
            where.append(" and startDate <= :to");
            params.put("to", to);
        }
        if (status != null) {
            where.append(" and status = :status");
            params.put("status", status);
        }
        PanacheQuery<Exchange> query = Exchange.find(where.toString(), paging.sort(), params).page(paging.panachePage());
        return Page.of(query.list(), paging, query.count());
    }

    public Optional<Exchange> find(UUID id) {
        return Exchange.findByIdOptional(id);
    }

    @Transactional
    public Exchange create(ExchangeRequest request) {
        Exchange exchange = new Exchange();
        exchange.id = UUID.randomUUID();
        exchange.status = ExchangeStatus.PLANNED;
        exchange.createdAt = Clock.now();
        apply(exchange, request);
        exchange.persist();
        outbox.append(scheduled(exchange));
        return exchange;
    }

    /** Replaces the plan of a PLANNED exchange and announces it again as ExchangeScheduled. */
    @Transactional
    public Exchange update(UUID id, String ifMatch, ExchangeRequest request) {
        Exchange exchange = require(id);
        ETags.requireMatch(ifMatch, exchange.version);
        if (exchange.status != ExchangeStatus.PLANNED) {
            throw ApiException.conflict("Exchange " + id + " is " + exchange.status + "; only a PLANNED exchange can be changed");
        }
        apply(exchange, request);
        Exchange.getEntityManager().flush();
        outbox.append(scheduled(exchange));
        return exchange;
    }

    @Transactional
    public Exchange hold(UUID id, String ifMatch, String outcomeNotes) {
        Exchange exchange = require(id);
        ETags.requireMatch(ifMatch, exchange.version);
        requirePlanned(exchange, "hold");
        exchange.status = ExchangeStatus.HELD;
        exchange.heldAt = Clock.now();
        if (outcomeNotes != null && !outcomeNotes.isBlank()) {
            exchange.outcomeNotes = outcomeNotes;
        }
        exchange.updatedAt = exchange.heldAt;
        Exchange.getEntityManager().flush();
        outbox.append(new ExchangeHeld(exchange.id, exchange.clusterId, exchange.title, exchange.format,
                exchange.startDate, exchange.endDate, exchange.participantCityIds.stream().sorted().toList(),
                exchange.topics.stream().sorted().toList(), exchange.outcomeNotes, exchange.heldAt));
        return exchange;
    }

    @Transactional
    public Exchange cancel(UUID id, String ifMatch, String reason) {
        Exchange exchange = require(id);
        ETags.requireMatch(ifMatch, exchange.version);
        requirePlanned(exchange, "cancel");
        exchange.status = ExchangeStatus.CANCELLED;
        exchange.cancelledAt = Clock.now();
        exchange.cancellationReason = reason;
        exchange.updatedAt = exchange.cancelledAt;
        Exchange.getEntityManager().flush();
        outbox.append(new ExchangeCancelled(exchange.id, reason, exchange.cancelledAt));
        return exchange;
    }

    private static void requirePlanned(Exchange exchange, String action) {
        if (exchange.status != ExchangeStatus.PLANNED) {
            throw ApiException.conflict("Cannot " + action + " exchange " + exchange.id + ": it is already "
                    + exchange.status + " (allowed: PLANNED -> HELD, PLANNED -> CANCELLED)");
        }
    }

    private void apply(Exchange exchange, ExchangeRequest request) {
        if (request.endDate().isBefore(request.startDate())) {
            throw ApiException.badRequest("endDate", "must not be before startDate");
        }
        if (request.clusterId() != null && Cluster.findById(request.clusterId()) == null) {
            throw ApiException.unprocessable("Unknown cluster " + request.clusterId());
        }
        Set<UUID> facilitators = request.facilitatorIds() == null ? Set.of() : request.facilitatorIds();
        for (UUID organisationId : facilitators) {
            if (Organisation.findById(organisationId) == null) {
                throw ApiException.unprocessable("Unknown organisation " + organisationId + " as facilitator");
            }
        }
        Set<UUID> participants = request.participantCityIds() == null ? Set.of() : request.participantCityIds();
        for (UUID cityId : participants) {
            cities.requireActive(cityId, "participant");
        }
        exchange.title = request.title().trim();
        exchange.format = request.format();
        exchange.startDate = request.startDate();
        exchange.endDate = request.endDate();
        exchange.clusterId = request.clusterId();
        exchange.facilitatorIds.clear();
        exchange.facilitatorIds.addAll(facilitators);
        exchange.participantCityIds.clear();
        exchange.participantCityIds.addAll(participants);
        exchange.topics.clear();
        if (request.topics() != null) {
            exchange.topics.addAll(request.topics());
        }
        exchange.outcomeNotes = request.outcomeNotes();
        exchange.updatedAt = Clock.now();
    }

    private static ExchangeScheduled scheduled(Exchange e) {
        return new ExchangeScheduled(e.id, e.clusterId, e.title, e.format, e.startDate, e.endDate,
                e.facilitatorIds.stream().sorted().toList(), e.participantCityIds.stream().sorted().toList(),
                e.topics.stream().sorted().toList());
    }

    private static Exchange require(UUID id) {
        return Exchange.<Exchange>findByIdOptional(id).orElseThrow(() -> ApiException.notFound("Exchange", id));
    }
}
