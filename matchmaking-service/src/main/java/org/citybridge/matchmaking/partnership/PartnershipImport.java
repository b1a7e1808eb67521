package org.citybridge.matchmaking.partnership;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.quarkus.narayana.jta.QuarkusTransaction;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.validation.Validator;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.PastOrPresent;
import jakarta.validation.constraints.Pattern;
import jakarta.validation.constraints.Size;
import org.citybridge.contracts.events.PairIds;
import org.citybridge.contracts.vocabulary.CooperationArea;
import org.citybridge.contracts.vocabulary.ProposalKind;
import org.citybridge.kit.imports.Drafts;
import org.citybridge.kit.imports.ImportFile;
import org.citybridge.kit.imports.ImportReport;
import org.citybridge.kit.imports.Importer;
import org.citybridge.kit.imports.NaturalKeys;
import org.citybridge.kit.jobs.Job;
import org.citybridge.kit.jobs.Jobs;
import org.citybridge.kit.persistence.Slices;
import org.citybridge.kit.problem.ApiException;
import org.citybridge.kit.time.Clock;
import org.citybridge.matchmaking.partnership.PartnershipService.RecordPartnership;
import org.citybridge.matchmaking.proposal.ProposalSync;
import org.citybridge.matchmaking.proposal.RescoreService;
import org.citybridge.matchmaking.readmodel.EngineLeadership;
import org.citybridge.matchmaking.readmodel.MatchmakingState;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.jboss.logging.Logger;

import java.io.InputStream;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.UUID;

/**
 * Imports historical partnerships from a file (CSV or NDJSON) as a job. A city is named by its id or by its
 * name and country; a partnership already recorded for the pair and kind is "unchanged", so importing a file
 * twice changes nothing. Each chunk of rows is one transaction under the engine lock, every new partnership
 * announced as PartnershipFormed like a single POST; the engine learns a chunk at once and, once every row
 * is in, re-ranks the cities in chunks while events go on being applied between them. A chunk's rows are
 * read and checked before it takes the lock: events wait on its writes only.
 */
@ApplicationScoped
public class PartnershipImport {

    private static final Logger LOG = Logger.getLogger(PartnershipImport.class);

    /** The columns a file may have; id and proposalId (as an export writes them) are passed over. */
    static final Set<String> COLUMNS = new LinkedHashSet<>(List.of(
            "id",
            "proposalId",
            "cityA",
            "cityB",
            "cityAName",
            "cityACountry",
            "cityBName",
            "cityBCountry",
            "kind",
            "area",
            "formedOn",
            "source"));

    static final Set<String> REQUIRED = new LinkedHashSet<>(List.of("kind", "formedOn", "source"));

    /**
     * A chunk holds the engine lock while it writes, and each poll of live events waits for the chunk
     * before it: chunks are sized to about 100 ms each, starting at a few rows while the code is cold (the
     * first chunks of a fixed hundred rows held the lock for half a second). What the file forms at a
     * chunk's rate, not the chunk's own count, decides whether the engine follows its partnerships one by one
     * or learns them at once.
     */
    static final Importer.Pace PACE = Importer.Pace.timed(10, Importer.CHUNK, Duration.ofMillis(100));

    /** One row of a partnership file; each city by id, or by name and country. */
    public record ImportedPartnership(
            UUID cityA,
            @Size(max = 200) String cityAName,

            @Pattern(regexp = "[A-Za-z]{2}", message = "must be an ISO 3166-1 alpha-2 code")
            String cityACountry,

            UUID cityB,
            @Size(max = 200) String cityBName,

            @Pattern(regexp = "[A-Za-z]{2}", message = "must be an ISO 3166-1 alpha-2 code")
            String cityBCountry,

            @NotNull ProposalKind kind,
            CooperationArea area,
            @NotNull @PastOrPresent LocalDate formedOn,
            @NotBlank @Size(max = 500) String source) {}

    @Inject
    MatchmakingState state;

    @Inject
    PartnershipService partnerships;

    @Inject
    ProposalSync proposals;

    @Inject
    RescoreService rescore;

    @Inject
    Jobs jobs;

    @Inject
    ObjectMapper mapper;

    @Inject
    Validator validator;

    @ConfigProperty(name = "citybridge.imports.max-bytes")
    long maxBytes;

    /** Reads the file (400, 413 or 415 when it cannot be read at all) and starts the import's job. */
    public Job submit(InputStream body, String contentType, Importer.Options options, String requestedBy) {
        List<ImportFile.Row> rows = ImportFile.read(body, contentType, maxBytes, mapper, COLUMNS, REQUIRED);
        Run run = new Run(rows.size(), (int)
                rows.stream().filter(row -> row.unreadable() == null).count());
        Jobs.Work work = Importer.work(rows, options, run::apply, run::rerank, PACE);
        return jobs.submit("partnership-import", requestedBy, progress -> {
            try {
                return work.run(progress);
            } catch (RuntimeException e) {
                throw run.formedAny ? handedOver(e, requestedBy) : e; // unless it committed nothing
            }
        });
    }

    /** What an import that stopped after committing partnerships ends with, once it handed over its waiting cities. */
    private RuntimeException handedOver(RuntimeException stopped, String requestedBy) {
        String waiting;
        try {
            waiting = leftWaiting(requestedBy);
        } catch (RuntimeException e) {
            stopped.addSuppressed(e);
            return stopped;
        }
        if (stopped instanceof Jobs.Cancelled) {
            return new Jobs.Cancelled(stopped.getMessage() + waiting);
        }
        if (!waiting.isEmpty()) {
            LOG.warnf("A partnership import failed after committing some of its rows%s", waiting);
        }
        return stopped;
    }

    /**
     * An import that stops before its re-ranking (cancelled or failed) after committing partnerships leaves the
     * cities they changed waiting, their lists and proposals those of before: a rescore job re-ranks them, as the
     * import would have, so what it committed is consistent again without anyone having to ask. A re-ranking or
     * another partnership import already under way takes them on by itself (each runs until no city waits).
     *
     * @return what the job's message adds: how many cities wait, and what re-ranks them
     */
    private String leftWaiting(String requestedBy) {
        int waiting;
        try {
            waiting = state.locked(() -> state.engine().waitingForReranking());
        } catch (EngineLeadership.NotLeading e) {
            return ""; // another instance leads now, with an engine loaded from the database
        }
        if (waiting == 0) {
            return "";
        }
        String by;
        if (jobs.active("partnership-import") > 1 || rescore.reranking()) { // this one, and another
            by = "the partnership import or re-ranking under way";
        } else {
            try {
                by = "a rescore job, /api/v1/jobs/" + rescore.rescore(requestedBy).id;
            } catch (ApiException e) {
                by = "the rescore job already queued";
            }
        }
        return "; the " + waiting + " cities waiting for re-ranking are re-ranked by " + by;
    }

    /** One import's state: the cities it can name, and the pairs its rows have named so far. */
    private final class Run {
        private Map<String, UUID> byName;
        private Set<UUID> known;
        private final Set<UUID> seenPairs = new HashSet<>();
        private final Drafts<UUID, Boolean> checkedPairs = new Drafts<>(); // named by the rows a dry run checked
        private final int fileRows;
        private final int readableRows;
        /** Whether a chunk formed partnerships (set before its commit: at worst a hand-over for nothing). */
        private volatile boolean formedAny;

        Run(int fileRows, int readableRows) {
            this.fileRows = fileRows;
            this.readableRows = readableRows;
        }

        void apply(List<ImportFile.Row> rows, boolean write, ImportReport report) {
            if (known == null) {
                loadDirectory();
            }
            List<RecordPartnership> good = commands(rows, report); // outside the lock: only writes wait
            Set<UUID> named = new HashSet<>();
            if (write) {
                checkedPairs.clear(); // an atomic import's check is over
                state.locked(() -> {
                    long held = System.nanoTime(); // the pace counts the hold of the lock, not the wait for it
                    QuarkusTransaction.requiringNew()
                            .run(() -> record(good, rows.size(), true, report, named, Clock.now()));
                    report.paceBy(System.nanoTime() - held);
                });
                seenPairs.addAll(named); // once committed
            } else {
                // a pair named again further down the file counts as the import counts it
                checkedPairs.check(() -> {
                    QuarkusTransaction.requiringNew()
                            .run(() -> record(good, rows.size(), false, report, named, Clock.now()));
                    named.forEach(pair -> checkedPairs.put(pair, true));
                });
            }
        }

        /** The rows' commands, in order; a row that names an unknown city or breaks a rule is rejected. */
        private List<RecordPartnership> commands(List<ImportFile.Row> rows, ImportReport report) {
            List<RecordPartnership> good = new ArrayList<>(rows.size());
            for (ImportFile.Row row : rows) {
                try {
                    ObjectNode fields = row.fields().deepCopy();
                    fields.remove(List.of("id", "proposalId")); // an export's: a partnership is known by its pair
                    good.add(command(Importer.request(fields, ImportedPartnership.class, mapper, validator)));
                } catch (Importer.RowRejected e) {
                    report.reject(e.at(row.line()));
                } catch (ApiException e) {
                    report.reject(Importer.RowRejected.of(e).at(row.line()));
                }
            }
            return good;
        }

        private void record(
                List<RecordPartnership> good,
                int chunkRows,
                boolean write,
                ImportReport report,
                Set<UUID> named,
                Instant now) {
            Set<UUID> recorded = recorded(good);
            List<UUID[]> formed = new ArrayList<>();
            List<UUID> formedPairs = new ArrayList<>();
            for (RecordPartnership command : good) {
                UUID pairId = pairId(command);
                if (recorded.contains(pairId)
                        || (write ? seenPairs.contains(pairId) : checkedPairs.get(pairId) != null)
                        || !named.add(pairId)) {
                    report.count(ImportReport.Outcome.UNCHANGED);
                    continue;
                }
                if (write) {
                    partnerships.persist(
                            pairId,
                            command.cityA(),
                            command.cityB(),
                            command.kind(),
                            command.area(),
                            command.formedOn(),
                            command.source(),
                            null,
                            now);
                    formed.add(new UUID[] {command.cityA(), command.cityB()});
                    formedPairs.add(pairId);
                }
                report.count(ImportReport.Outcome.CREATED);
            }
            if (!formed.isEmpty()) {
                formedAny = true;
                proposals.partnershipsFormed(formedPairs, now);
                // what the file forms at this chunk's rate: a large file's small first chunks are learned at
                // once, a re-import that finds a few new rows among thousands recorded is followed one by one
                long expected = (long) formed.size() * readableRows / Math.max(1, chunkRows);
                state.engine().partnershipsFormed(formed, (int) Math.min(Integer.MAX_VALUE, expected));
                proposals.apply(state.engine().drainChanges(), now);
            }
        }

        /** Re-ranks, in chunks, the cities the imported partnerships left waiting. */
        Map<String, Object> rerank(Jobs.Progress progress) {
            long started = System.nanoTime();
            int waiting = state.locked(() -> state.engine().waitingForReranking());
            long done = fileRows;
            progress.total(done + waiting);
            long changed = 0;
            int reranked = 0;
            while (waiting > 0) {
                if (progress.cancelled()) {
                    throw new Jobs.Cancelled("Cancelled while re-ranking, after every row was committed");
                }
                RescoreService.Step step = rescore.rerankStep();
                reranked += Math.max(0, waiting - step.waiting());
                waiting = step.waiting();
                changed += step.changedPairs();
                progress.done(done + reranked);
            }
            Map<String, Object> result = new LinkedHashMap<>();
            result.put("citiesReranked", reranked);
            result.put("changedPairs", changed);
            result.put("rerankMillis", (System.nanoTime() - started) / 1_000_000);
            return result;
        }

        private void loadDirectory() {
            byName = new HashMap<>();
            known = new HashSet<>();
            QuarkusTransaction.requiringNew().run(() -> {
                List<Object[]> cities = Partnership.getEntityManager()
                        .createQuery(
                                "select c.id, c.name, c.country from City c where c.retired = false", Object[].class)
                        .getResultList();
                for (Object[] city : cities) {
                    known.add((UUID) city[0]);
                    byName.put(key((String) city[1], (String) city[2]), (UUID) city[0]);
                }
            });
        }

        private RecordPartnership command(ImportedPartnership row) {
            UUID a = city("cityA", row.cityA(), row.cityAName(), row.cityACountry());
            UUID b = city("cityB", row.cityB(), row.cityBName(), row.cityBCountry());
            RecordPartnership command =
                    new RecordPartnership(a, b, row.kind(), row.area(), row.formedOn(), row.source());
            PartnershipService.validate(command);
            return command;
        }

        /** A city named by id, or by name and country; an unknown one is reported, never invented. */
        private UUID city(String field, UUID id, String name, String country) {
            if (id != null) {
                if (!known.contains(id)) {
                    throw new Importer.RowRejected(field, "no city with this id is known to matchmaking");
                }
                return id;
            }
            if (name == null || country == null) {
                throw new Importer.RowRejected(
                        field, "name the city by " + field + ", or by " + field + "Name and " + field + "Country");
            }
            UUID found = byName.get(key(name, country));
            if (found == null) {
                throw new Importer.RowRejected(
                        field + "Name",
                        "no city " + name + " in " + country.toUpperCase(Locale.ROOT)
                                + " is registered; import the cities first");
            }
            return found;
        }

        /** A city as the directory knows it: İstanbul and istanbul in Turkey are one city there, and here. */
        private static String key(String name, String country) {
            return NaturalKeys.name(name) + "|" + country.strip().toUpperCase(Locale.ROOT);
        }

        private static UUID pairId(RecordPartnership command) {
            return PairIds.of(command.cityA(), command.cityB(), command.kind(), command.area());
        }

        private static Set<UUID> recorded(Collection<RecordPartnership> commands) {
            if (commands.isEmpty()) {
                return Set.of();
            }
            List<UUID> ids = commands.stream().map(Run::pairId).toList();
            Set<UUID> recorded = new HashSet<>();
            Slices.forEach(
                    ids,
                    slice -> recorded.addAll(Partnership.getEntityManager()
                            .createQuery("select p.pairId from Partnership p where p.pairId in :ids", UUID.class)
                            .setParameter("ids", slice)
                            .getResultList()));
            return recorded;
        }
    }
}
