package org.citybridge.clusters.service;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.quarkus.narayana.jta.QuarkusTransaction;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;
import org.citybridge.clusters.domain.Exchange;
import org.citybridge.clusters.domain.ExchangeStatus;
import org.citybridge.clusters.domain.KnownCity;
import org.citybridge.clusters.domain.Organisation;
import org.citybridge.kit.command.ExpectedVersion;
import org.citybridge.kit.imports.Drafts;
import org.citybridge.kit.imports.ImportFile;
import org.citybridge.kit.imports.ImportReport.Outcome;
import org.citybridge.kit.imports.Importer;
import org.citybridge.kit.imports.NaturalKeys;
import org.citybridge.kit.jobs.Job;
import org.citybridge.kit.jobs.Jobs;
import org.citybridge.kit.problem.ApiException;
import org.eclipse.microprofile.config.inject.ConfigProperty;

import java.io.InputStream;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Objects;
import java.util.Set;
import java.util.UUID;
import java.util.function.Function;

/**
 * Imports organisations and exchanges from files (CSV or NDJSON) as jobs, rows checked as the single
 * requests check them and announced as they announce. An organisation is known by its name, an exchange by
 * its title and start date: a row that changes nothing is "unchanged", so a file imported twice changes
 * nothing. An exchange row marked {@code held} is held once it is planned (ExchangeScheduled, then
 * ExchangeHeld), as the history of a programme has it; for an exchange already cancelled it is refused.
 */
@ApplicationScoped
public class ClusterImports {

    public static final Set<String> ORGANISATION_COLUMNS =
            new LinkedHashSet<>(List.of("name", "kind", "country", "website"));
    public static final Set<String> EXCHANGE_COLUMNS = new LinkedHashSet<>(List.of(
            "title",
            "format",
            "startDate",
            "endDate",
            "clusterId",
            "facilitatorIds",
            "participantCityIds",
            "participants",
            "topics",
            "outcomeNotes",
            "held"));

    /**
     * An exchange row: the plan, whether it was held, and participants named as {@code Name|CC} (joining
     * those the plan names by id).
     */
    public record ImportedExchange(ExchangeCommand plan, boolean held, List<String> participantNames) {}

    @Inject
    OrganisationService organisations;

    @Inject
    ExchangeService exchanges;

    @Inject
    Jobs jobs;

    @Inject
    ObjectMapper mapper;

    @Inject
    EntityManager em;

    @ConfigProperty(name = "citybridge.imports.max-bytes")
    long maxBytes;

    public Job organisations(
            InputStream body,
            String contentType,
            Importer.Options options,
            String requestedBy,
            Function<ObjectNode, OrganisationCommand> reader) {
        List<ImportFile.Row> rows =
                ImportFile.read(body, contentType, maxBytes, mapper, ORGANISATION_COLUMNS, Set.of("name", "kind"));
        Drafts<String, OrganisationCommand> drafts = new Drafts<>();
        return jobs.submit(
                "organisation-import",
                requestedBy,
                Importer.work(
                        rows, options, chunk(reader, drafts, (row, write) -> organisation(row, write, drafts)), null));
    }

    public Job exchanges(
            InputStream body,
            String contentType,
            Importer.Options options,
            String requestedBy,
            Function<ObjectNode, ImportedExchange> reader) {
        List<ImportFile.Row> rows = ImportFile.read(
                body,
                contentType,
                maxBytes,
                mapper,
                EXCHANGE_COLUMNS,
                Set.of("title", "format", "startDate", "endDate"));
        Drafts<List<Object>, ExchangeStatus> drafts = new Drafts<>();
        return jobs.submit(
                "exchange-import",
                requestedBy,
                Importer.work(
                        rows, options, chunk(reader, drafts, (row, write) -> exchange(row, write, drafts)), null));
    }

    /** What a row does, or would do when {@code write} is false. */
    @FunctionalInterface
    private interface RowEffect<T> {
        Outcome apply(T row, boolean write);
    }

    private <T> Importer.Chunk chunk(Function<ObjectNode, T> reader, Drafts<?, ?> drafts, RowEffect<T> effect) {
        return (part, write, report) -> {
            Runnable rows = () -> QuarkusTransaction.requiringNew().run(() -> {
                for (ImportFile.Row row : part) {
                    try {
                        report.count(effect.apply(reader.apply(row.fields()), write));
                    } catch (Importer.RowRejected e) {
                        report.reject(e.at(row.line()));
                    } catch (ApiException e) {
                        report.reject(Importer.RowRejected.of(e).at(row.line()));
                    }
                    em.flush(); // each row's writes out, and let go: a chunk costs the same per row throughout
                    em.clear();
                }
            });
            if (write) {
                drafts.clear();
                rows.run();
            } else {
                drafts.check(rows);
            }
        };
    }

    /**
     * What the row does, or would do; in a dry run {@code drafts} (by name in lower case) learns what the rows
     * would store, so that a name repeated further down the file counts as the import would count it.
     */
    private Outcome organisation(OrganisationCommand row, boolean write, Drafts<String, OrganisationCommand> drafts) {
        OrganisationService.check(row); // a dry run refuses what the write would refuse
        String key = NaturalKeys.name(row.name());
        Organisation stored = Organisation.<Organisation>find(
                        "lower(name) = lower(?1)", row.name().trim())
                .firstResult();
        OrganisationCommand drafted = write ? null : drafts.get(key);
        OrganisationCommand current = drafted != null
                ? drafted
                : stored == null
                        ? null
                        : new OrganisationCommand(stored.name, stored.kind, stored.country, stored.website);
        if (current == null) {
            if (write) {
                organisations.create(row);
            } else {
                drafts.put(key, row);
            }
            return Outcome.CREATED;
        }
        boolean same = current.kind() == row.kind()
                && Objects.equals(current.country(), row.country())
                && Objects.equals(current.website(), row.website());
        if (same) {
            return Outcome.UNCHANGED;
        }
        OrganisationCommand next = new OrganisationCommand(current.name(), row.kind(), row.country(), row.website());
        if (write) {
            organisations.update(stored.id, ExpectedVersion.ANY, next); // written: current is what is stored
        } else {
            drafts.put(key, next);
        }
        return Outcome.UPDATED;
    }

    /** As {@link #organisation}, for an exchange known by its title in lower case and its start date. */
    private Outcome exchange(ImportedExchange row, boolean write, Drafts<List<Object>, ExchangeStatus> drafts) {
        ExchangeCommand plan = withNamedParticipants(row);
        List<Object> key = List.of(NaturalKeys.name(plan.title()), plan.startDate());
        Exchange stored = Exchange.<Exchange>find(
                        "lower(title) = lower(?1) and startDate = ?2",
                        plan.title().trim(),
                        plan.startDate())
                .firstResult();
        ExchangeStatus drafted = write ? null : drafts.get(key);
        ExchangeStatus status = drafted != null ? drafted : stored == null ? null : stored.status;
        if (status == null) {
            // checked before the transactional write: a refusal from inside it would doom the chunk's transaction
            exchanges.check(plan);
            if (write) {
                Exchange created = exchanges.create(plan);
                if (row.held()) {
                    exchanges.hold(created.id, ExpectedVersion.ANY, plan.outcomeNotes());
                }
            } else {
                drafts.put(key, row.held() ? ExchangeStatus.HELD : ExchangeStatus.PLANNED);
            }
            return Outcome.CREATED;
        }
        if (row.held() && status == ExchangeStatus.CANCELLED) {
            // the single hold answers 409 here: a programme's history cannot have held what it cancelled
            throw new Importer.RowRejected("held", "the exchange was cancelled, so it cannot have been held");
        }
        if (row.held() && status == ExchangeStatus.PLANNED) {
            if (write) {
                exchanges.hold(stored.id, ExpectedVersion.ANY, plan.outcomeNotes()); // written: status is stored's
            } else {
                drafts.put(key, ExchangeStatus.HELD);
            }
            return Outcome.UPDATED;
        }
        return Outcome.UNCHANGED;
    }

    /** The plan with the participants the row names by name and country, as clusters-service knows them. */
    private static ExchangeCommand withNamedParticipants(ImportedExchange row) {
        if (row.participantNames().isEmpty()) {
            return row.plan();
        }
        Set<UUID> participants = new LinkedHashSet<>(
                row.plan().participantCityIds() == null ? Set.of() : row.plan().participantCityIds());
        for (String named : row.participantNames()) {
            String[] parts = named.split("\\|");
            if (parts.length != 2 || parts[0].isBlank() || parts[1].isBlank()) {
                throw new Importer.RowRejected("participants", "name each city as Name|CC, e.g. Luoyang|CN");
            }
            KnownCity city = KnownCity.<KnownCity>find(
                            "lower(name) = lower(?1) and country = ?2 and retired = false",
                            parts[0].trim(),
                            parts[1].strip().toUpperCase(Locale.ROOT))
                    .firstResult();
            if (city == null) {
                throw new Importer.RowRejected(
                        "participants", "no city " + parts[0].strip() + " in " + parts[1].strip() + " is known");
            }
            participants.add(city.id);
        }
        ExchangeCommand plan = row.plan();
        return new ExchangeCommand(
                plan.title(),
                plan.format(),
                plan.startDate(),
                plan.endDate(),
                plan.clusterId(),
                plan.facilitatorIds(),
                participants,
                plan.topics(),
                plan.outcomeNotes());
    }
}
