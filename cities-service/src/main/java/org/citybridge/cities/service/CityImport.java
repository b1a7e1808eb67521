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
import org.citybridge.kit.imports.ImportFile;
import org.citybridge.kit.imports.ImportReport.Outcome;
import org.citybridge.kit.imports.Importer;
import org.citybridge.kit.jobs.Job;
import org.citybridge.kit.jobs.Jobs;
import org.citybridge.kit.problem.ApiException;
import org.eclipse.microprofile.config.inject.ConfigProperty;

import java.io.InputStream;
import java.time.Instant;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Objects;
import java.util.Set;
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
        Importer.Chunk chunk =
                (part, write, report) -> QuarkusTransaction.requiringNew().run(() -> {
                    for (ImportFile.Row row : part) {
                        try {
                            report.count(apply(reader.apply(row.fields()), write));
                        } catch (Importer.RowRejected e) {
                            report.reject(e.at(row.line()));
                        } catch (ApiException e) {
                            report.reject(Importer.RowRejected.of(e).at(row.line()));
                        }
                        // each query flushes first, checking every entity the transaction holds: without this a
                        // chunk of n rows would cost n² checks; what is written stays in the transaction
                        em.flush();
                        em.clear();
                    }
                });
        // two chunks at once: each row waits on its round trips to the database more than on the processor
        return jobs.submit(
                "city-import",
                requestedBy,
                Importer.work(rows, options, chunk, null, new Importer.Pace(2, Importer.CHUNK)));
    }

    private Outcome apply(ImportedCity row, boolean write) {
        // everything a row can be refused for is checked before its first write
        M49Regions.Placement placement =
                M49Regions.ofField("country", row.city().country());
        for (InterestCommand interest : row.interests()) {
            InterestService.preferences(interest.preferredRegions(), interest.preferredCountries());
        }
        City existing = City.<City>find(
                        "lower(name) = ?1 and country = ?2",
                        row.city().name().strip().toLowerCase(Locale.ROOT),
                        placement.country())
                .firstResult();
        if (existing != null && existing.retired) {
            throw new Importer.RowRejected("name", "this city is retired and can no longer change");
        }
        if (!write) {
            if (existing == null) {
                return Outcome.CREATED;
            }
            boolean same = row.city().over(existing).equals(CityCommand.of(existing))
                    && row.interests().stream().allMatch(i -> stated(existing, i));
            return same ? Outcome.UNCHANGED : Outcome.UPDATED;
        }
        City city;
        boolean changed;
        if (existing == null) {
            city = cities.register(row.city());
            changed = true;
        } else {
            Instant before = existing.updatedAt;
            city = cities.replace(existing.id, ExpectedVersion.ANY, row.city().over(existing));
            changed = !Objects.equals(before, city.updatedAt);
        }
        for (InterestCommand interest : row.interests()) {
            changed |= interests.express(city.id, interest).changed();
        }
        return existing == null ? Outcome.CREATED : changed ? Outcome.UPDATED : Outcome.UNCHANGED;
    }

    /** Whether the city states this interest as the row does (for a dry run's report). */
    static boolean stated(City city, InterestCommand interest) {
        return Interest.findActive(city.id, interest.area(), interest.stance(), interest.intent())
                .isPresent();
    }
}
