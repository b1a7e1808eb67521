package org.citybridge.clusters.service;

import io.quarkus.hibernate.orm.panache.PanacheQuery;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.transaction.Transactional;
import org.citybridge.clusters.domain.Cluster;
import org.citybridge.clusters.domain.Exchange;
import org.citybridge.clusters.domain.ExchangeStatus;
import org.citybridge.clusters.domain.Organisation;
import org.citybridge.contracts.events.ExchangeCancelled;
import org.citybridge.contracts.events.ExchangeHeld;
import org.citybridge.contracts.events.ExchangeScheduled;
import org.citybridge.kit.command.ExpectedVersion;
import org.citybridge.kit.outbox.EventOutbox;
import org.citybridge.kit.paging.Page;
import org.citybridge.kit.paging.PageRequest;
import org.citybridge.kit.persistence.TextSearch;
import org.citybridge.kit.problem.ApiException;
import org.citybridge.kit.time.Clock;

import java.time.LocalDate;
import java.util.HashMap;
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

    @Inject
    EventOutbox outbox;

    @Inject
    KnownCityService cities;

    /** Filters combine with AND; the date range selects exchanges overlapping [from, to]. */
    public Page<Exchange> list(
            String q,
            UUID clusterId,
            UUID cityId,
            LocalDate from,
            LocalDate to,
            ExchangeStatus status,
            PageRequest paging) {
        if (from != null && to != null && to.isBefore(from)) {
            throw ApiException.badRequest("to", "must not be before from");
        }
        StringBuilder where = new StringBuilder("1 = 1");
        Map<String, Object> params = new HashMap<>();
        if (q != null && !q.isBlank()) {
            where.append(" and " + TextSearch.contains("title", "q"));
            params.put("q", TextSearch.pattern(q));
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
        PanacheQuery<Exchange> query =
                Exchange.find(where.toString(), paging.sort(), params).page(paging.panachePage());
        return Page.of(query.list(), paging, query.count());
    }

    public Optional<Exchange> find(UUID id) {
        return Exchange.findByIdOptional(id);
    }

    @Transactional
    public Exchange create(ExchangeCommand command) {
        Exchange exchange = new Exchange();
        exchange.id = UUID.randomUUID();
        exchange.status = ExchangeStatus.PLANNED;
        exchange.createdAt = Clock.now();
        apply(exchange, command);
        exchange.persist();
        outbox.append(scheduled(exchange));
        return exchange;
    }

    /** Replaces the plan of a PLANNED exchange and announces it again as ExchangeScheduled. */
    @Transactional
    public Exchange update(UUID id, ExpectedVersion expected, ExchangeCommand command) {
        Exchange exchange = require(id);
        expected.check(exchange.version);
        if (exchange.status != ExchangeStatus.PLANNED) {
            throw ApiException.conflict(
                    "Exchange " + id + " is " + exchange.status + "; only a PLANNED exchange can be changed");
        }
        apply(exchange, command);
        Exchange.getEntityManager().flush();
        outbox.append(scheduled(exchange));
        return exchange;
    }

    @Transactional
    public Exchange hold(UUID id, ExpectedVersion expected, String outcomeNotes) {
        Exchange exchange = require(id);
        expected.check(exchange.version);
        requirePlanned(exchange, "hold");
        exchange.status = ExchangeStatus.HELD;
        exchange.heldAt = Clock.now();
        if (outcomeNotes != null && !outcomeNotes.isBlank()) {
            exchange.outcomeNotes = outcomeNotes;
        }
        exchange.updatedAt = exchange.heldAt;
        Exchange.getEntityManager().flush();
        outbox.append(new ExchangeHeld(
                exchange.id,
                exchange.clusterId,
                exchange.title,
                exchange.format,
                exchange.startDate,
                exchange.endDate,
                exchange.participantCityIds.stream().sorted().toList(),
                exchange.topics.stream().sorted().toList(),
                exchange.outcomeNotes,
                exchange.heldAt));
        return exchange;
    }

    @Transactional
    public Exchange cancel(UUID id, ExpectedVersion expected, String reason) {
        Exchange exchange = require(id);
        expected.check(exchange.version);
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

    /** Checks a plan as planning it would (dates, cluster, facilitators, participants), writing nothing. */
    public void check(ExchangeCommand command) {
        if (command.endDate().isBefore(command.startDate())) {
            throw ApiException.badRequest("endDate", "must not be before startDate");
        }
        if (command.clusterId() != null && Cluster.findById(command.clusterId()) == null) {
            throw ApiException.unprocessable("Unknown cluster " + command.clusterId());
        }
        Set<UUID> facilitators = command.facilitatorIds() == null ? Set.of() : command.facilitatorIds();
        for (UUID organisationId : facilitators) {
            if (Organisation.findById(organisationId) == null) {
                throw ApiException.unprocessable("Unknown organisation " + organisationId + " as facilitator");
            }
        }
        Set<UUID> participants = command.participantCityIds() == null ? Set.of() : command.participantCityIds();
        for (UUID cityId : participants) {
            cities.requireActive(cityId, "participant");
        }
    }

    private void apply(Exchange exchange, ExchangeCommand command) {
        check(command);
        Set<UUID> facilitators = command.facilitatorIds() == null ? Set.of() : command.facilitatorIds();
        Set<UUID> participants = command.participantCityIds() == null ? Set.of() : command.participantCityIds();
        exchange.title = command.title().trim();
        exchange.format = command.format();
        exchange.startDate = command.startDate();
        exchange.endDate = command.endDate();
        exchange.clusterId = command.clusterId();
        exchange.facilitatorIds.clear();
        exchange.facilitatorIds.addAll(facilitators);
        exchange.participantCityIds.clear();
        exchange.participantCityIds.addAll(participants);
        exchange.topics.clear();
        if (command.topics() != null) {
            exchange.topics.addAll(command.topics());
        }
        exchange.outcomeNotes = command.outcomeNotes();
        exchange.updatedAt = Clock.now();
    }

    private static ExchangeScheduled scheduled(Exchange e) {
        return new ExchangeScheduled(
                e.id,
                e.clusterId,
                e.title,
                e.format,
                e.startDate,
                e.endDate,
                e.facilitatorIds.stream().sorted().toList(),
                e.participantCityIds.stream().sorted().toList(),
                e.topics.stream().sorted().toList());
    }

    private static Exchange require(UUID id) {
        return Exchange.<Exchange>findByIdOptional(id).orElseThrow(() -> ApiException.notFound("Exchange", id));
    }
}
