package org.citybridge.cities.service;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.quarkus.narayana.jta.QuarkusTransaction;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;
import org.citybridge.cities.domain.City;
import org.citybridge.cities.domain.Interest;
import org.citybridge.cities.domain.M49Regions;
import org.citybridge.kit.command.ExpectedVersion;
import org.citybridge.kit.imports.Drafts;
import org.citybridge.kit.imports.ImportFile;
import org.citybridge.kit.imports.ImportReport;
import org.citybridge.kit.imports.ImportReport.Outcome;
import org.citybridge.kit.imports.Importer;
import org.citybridge.kit.imports.NaturalKeys;
import org.citybridge.kit.jobs.Job;
import org.citybridge.kit.jobs.Jobs;
import org.citybridge.kit.persistence.Slices;
import org.citybridge.kit.persistence.Uniqueness;
import org.citybridge.kit.problem.ApiException;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.hibernate.Session;

import java.io.InputStream;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.time.Instant;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.UUID;
import java.util.function.Function;

/**
 * Imports cities with their interests from a file (CSV or NDJSON) as a job. A city is known by its name
 * and country: a new one is registered, a known one gets the fields the row gives (the others stay), and a
 * row that changes nothing is "unchanged", so importing a file twice changes nothing. Every fact leaves the
 * events its single request would (CityRegistered, CityUpdated, InterestExpressed). A row is checked whole
 * before anything of it is written: never half a city.
 */
@ApplicationScoped
public class CityImport {

    /** The columns a file may have; id, region and subRegion (as an export writes them) are passed over. */
    public static final Set<String> COLUMNS = new LinkedHashSet<>(List.of(
            "id",
            "name",
            "localName",
            "country",
            "population",
            "latitude",
            "longitude",
            "languages",
            "description",
            "associations",
            "interests",
            "region",
            "subRegion"));

    static final Set<String> REQUIRED = new LinkedHashSet<>(List.of("name", "country"));

    /** One row: the profile (null for what the row leaves out) and the interests it states. */
    public record ImportedCity(CityCommand city, List<InterestCommand> interests) {}

    @Inject
    CityService cities;

    @Inject
    InterestService interests;

    @Inject
    Jobs jobs;

    @Inject
    EntityManager em;

    @Inject
    ObjectMapper mapper;

    @ConfigProperty(name = "citybridge.imports.max-bytes")
    long maxBytes;

    /**
     * Reads the file (400, 413 or 415 when it cannot be read at all) and starts the import's job.
     *
     * @param reader a row's fields as the single requests would take them, checked as they are (throws
     *               {@link Importer.RowRejected})
     */
    public Job submit(
            InputStream body,
            String contentType,
            Importer.Options options,
            String requestedBy,
            Function<ObjectNode, ImportedCity> reader) {
        List<ImportFile.Row> rows = ImportFile.read(body, contentType, maxBytes, mapper, COLUMNS, REQUIRED);
        Drafts<List<String>, Draft> drafts = new Drafts<>();
        Importer.Chunk chunk = (part, write, report) -> {
            if (write) {
                drafts.clear();
                QuarkusTransaction.requiringNew().run(() -> rows(part, true, report, reader, drafts));
            } else {
                drafts.check(
                        () -> QuarkusTransaction.requiringNew().run(() -> rows(part, false, report, reader, drafts)));
            }
        };
        // two chunks at once: each row waits on its round trips to the database more than on the processor;
        // two chunks naming the same city go one after the other, so the file's later row has the last word
        return jobs.submit(
                "city-import",
                requestedBy,
                Importer.work(rows, options, chunk, null, new Importer.Pace(2, Importer.CHUNK, CityImport::named)));
    }

    /**
     * A chunk's rows in one transaction: written, or checked with what earlier rows would have written.
     * New cities are inserted together, then their interests, each table in JDBC batches instead of a round
     * trip per row: at the chunk's end, every {@link Importer#CHUNK} of them (an atomic import is one chunk of
     * every row), and before a row naming a stored city, so that it finds them as a query of its own would.
     */
    private void rows(
            List<ImportFile.Row> part,
            boolean write,
            ImportReport report,
            Function<ObjectNode, ImportedCity> reader,
            Drafts<List<String>, Draft> drafts) {
        List<ReadRow> read = part.stream().map(row -> read(row, reader)).toList();
        Map<List<String>, UUID> stored = stored(read);
        Map<UUID, ReadRow> registered = new LinkedHashMap<>();
        for (ReadRow row : read) {
            boolean namesStored = write && row.refused() == null && stored.containsKey(row.key());
            if (namesStored || registered.size() == Importer.CHUNK) {
                writeRegistered(registered); // outside the row's own failure: a conflict fails the chunk
            }
            try {
                if (row.refused() != null) {
                    throw row.refused();
                }
                if (!write) {
                    report.count(foresee(row, stored, drafts));
                } else if (namesStored) {
                    report.count(apply(row, stored));
                } else {
                    register(row, stored, registered);
                    report.count(Outcome.CREATED);
                }
            } catch (Importer.RowRejected e) {
                report.reject(e.at(row.line()));
            } catch (ApiException e) {
                report.reject(Importer.RowRejected.of(e).at(row.line()));
            }
            if (!write || namesStored) {
                // each query flushes first, checking every entity the transaction holds: without this a chunk
                // of n such rows would cost n² checks; what is written stays in the transaction
                em.flush();
                em.clear();
            }
        }
        writeRegistered(registered);
    }

    /** Registers a row's new city; its row is written, and its interests stated, later ({@link #writeRegistered}). */
    private void register(ReadRow row, Map<List<String>, UUID> stored, Map<UUID, ReadRow> registered) {
        City city = cities.registerNamed(row.city().city(), row.placement());
        stored.put(row.key(), city.id); // the same city again further down the chunk is then an update
        registered.put(city.id, row);
    }

    /**
     * Writes the cities registered so far, then their interests, and lets the session hold them no longer. A
     * name registered meanwhile by another request fails the cities' batch: the chunk's rows are then tried
     * one by one, and one alone is told which name. The cities go first, alone: stating an interest twice
     * looks the first one up, and that query would flush them outside the guard.
     */
    private void writeRegistered(Map<UUID, ReadRow> registered) {
        if (registered.isEmpty()) {
            return;
        }
        ReadRow alone = registered.size() == 1 ? registered.values().iterator().next() : null;
        Uniqueness.flush(
                alone != null
                        ? CityService.duplicateName(
                                alone.city().city().name(), alone.placement().country())
                        : "A city a row names was registered meanwhile by another request");
        registered.forEach(
                (id, row) -> interests.expressOnNewCity(id, row.city().interests()));
        registered.clear();
        em.flush();
        em.clear();
    }

    /** How the directory knows a city: its name as the platform compares names, and its country (ISO code, upper case). */
    private static List<String> key(String name, String country) {
        return List.of(NaturalKeys.name(name), country.trim().toUpperCase(Locale.ROOT));
    }

    /** The city a row names as the file spells it (null: none), to see a city named in two chunks before reading. */
    private static Object named(ImportFile.Row row) {
        String name = row.fields().path("name").asText("");
        return name.isBlank() ? null : key(name, row.fields().path("country").asText(""));
    }

    /** A row as read and checked before anything is written: the city and where it lies, or why it is refused. */
    private record ReadRow(long line, ImportedCity city, M49Regions.Placement placement, Importer.RowRejected refused) {

        List<String> key() {
            return CityImport.key(city.city().name(), placement.country());
        }
    }

    /** Everything a row can be refused for is checked here, before its first write. */
    private static ReadRow read(ImportFile.Row row, Function<ObjectNode, ImportedCity> reader) {
        try {
            ImportedCity city = reader.apply(row.fields());
            M49Regions.Placement placement =
                    M49Regions.ofField("country", city.city().country());
            for (InterestCommand interest : city.interests()) {
                InterestService.preferences(interest.preferredRegions(), interest.preferredCountries());
            }
            return new ReadRow(row.line(), city, placement, null);
        } catch (Importer.RowRejected e) {
            return new ReadRow(row.line(), null, null, e);
        } catch (ApiException e) {
            return new ReadRow(row.line(), null, null, Importer.RowRejected.of(e));
        }
    }

    /**
     * The ids of the stored cities a chunk's rows name, by {@link ReadRow#key}: a query per slice of
     * rows ({@link Slices}) instead of one per row (an atomic import is one chunk of every row). The database
     * lower-cases both the stored name and the row's, as the unique index does: Java's lower case differs from
     * it for some letters (a final Σ, a dotted İ), and a row keyed by Java's alone would miss its city and
     * try to register it again.
     */
    private Map<List<String>, UUID> stored(List<ReadRow> rows) {
        List<List<String>> named = rows.stream()
                .filter(row -> row.refused() == null)
                .map(row ->
                        List.of(row.city().city().name().trim(), row.placement().country()))
                .distinct()
                .toList();
        Map<List<String>, UUID> stored = new HashMap<>();
        Slices.forEach(
                named,
                slice -> em.unwrap(Session.class).doWork(connection -> {
                    try (PreparedStatement query = connection.prepareStatement("""
                    select c.id, given.name, given.country
                    from unnest(?, ?) as given(name, country)
                    join city c on lower(c.name) = lower(given.name) and c.country = given.country""")) {
                        query.setArray(
                                1,
                                connection.createArrayOf(
                                        "text",
                                        slice.stream().map(n -> n.get(0)).toArray()));
                        query.setArray(
                                2,
                                connection.createArrayOf(
                                        "text",
                                        slice.stream().map(n -> n.get(1)).toArray()));
                        try (ResultSet found = query.executeQuery()) {
                            while (found.next()) {
                                stored.put(key(found.getString(2), found.getString(3)), found.getObject(1, UUID.class));
                            }
                        }
                    }
                }));
        return stored;
    }

    /** The stored city a row names, read again as it stands now (an earlier row or a request may have changed it). */
    private static City existing(ReadRow row, Map<List<String>, UUID> stored) {
        UUID storedId = stored.get(row.key());
        City existing = storedId == null ? null : City.findById(storedId);
        if (existing != null && existing.retired) {
            throw new Importer.RowRejected("name", "this city is retired and can no longer change");
        }
        return existing;
    }

    /**
     * What the earlier rows of a dry run would have made of a city: its profile and what each kind of interest
     * (area, stance, intent) they state would say, so that a later row naming it again is told apart as the
     * import would tell it.
     */
    private record Draft(City city, Map<List<Object>, InterestService.Statement> interests) {

        /** Before the first row naming the city: nothing drafted yet. */
        static final Draft NONE = new Draft(null, Map.of());

        static List<Object> kind(InterestCommand interest) {
            return List.of(interest.area(), interest.stance(), interest.intent());
        }

        /** The city as a row leaves it, stating its interests over those stated before. */
        Draft then(City changed, List<InterestCommand> stated) {
            Map<List<Object>, InterestService.Statement> all = new HashMap<>(interests);
            stated.forEach(interest -> all.put(kind(interest), InterestService.Statement.of(interest)));
            return new Draft(changed, all);
        }
    }

    /** What writing the row would do, without writing it (a dry run); {@code drafts} learns what it would write. */
    private Outcome foresee(ReadRow row, Map<List<String>, UUID> stored, Drafts<List<String>, Draft> drafts) {
        City existing = existing(row, stored);
        Draft draft = drafts.get(row.key());
        ImportedCity imported = row.city();
        if (existing == null && draft == null) {
            drafts.put(
                    row.key(), Draft.NONE.then(cities.draft(imported.city(), row.placement()), imported.interests()));
            return Outcome.CREATED;
        }
        Draft before = draft != null ? draft : Draft.NONE;
        City current = draft != null ? draft.city() : existing;
        // compared as stored: the write path normalises (trims, upper-cases the country) before it compares
        City next = cities.draft(imported.city().over(current), row.placement());
        boolean same = CityCommand.of(next).equals(CityCommand.of(current))
                && imported.interests().stream()
                        .allMatch(i -> InterestService.Statement.of(i).equals(stated(before, existing, i)));
        if (!same) {
            drafts.put(row.key(), before.then(next, imported.interests()));
        }
        return same ? Outcome.UNCHANGED : Outcome.UPDATED;
    }

    /**
     * What the city says now for the interest's kind: as an earlier row would have stated it, else as stored
     * (null: nothing).
     */
    private static InterestService.Statement stated(Draft draft, City existing, InterestCommand interest) {
        InterestService.Statement drafted = draft.interests().get(Draft.kind(interest));
        if (drafted != null || existing == null) {
            return drafted;
        }
        return Interest.findActive(existing.id, interest.area(), interest.stance(), interest.intent())
                .map(InterestService.Statement::of)
                .orElse(null);
    }

    /** Writes one row naming a stored city. */
    private Outcome apply(ReadRow row, Map<List<String>, UUID> stored) {
        City existing = existing(row, stored);
        ImportedCity imported = row.city();
        Instant before = existing.updatedAt;
        City city =
                cities.replace(existing.id, ExpectedVersion.ANY, imported.city().over(existing));
        boolean changed = !Objects.equals(before, city.updatedAt);
        for (InterestCommand interest : imported.interests()) {
            changed |= interests.express(city.id, interest).changed();
        }
        return changed ? Outcome.UPDATED : Outcome.UNCHANGED;
    }
}
