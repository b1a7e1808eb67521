package org.citybridge.kit.imports;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonMappingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.exc.MismatchedInputException;
import com.fasterxml.jackson.databind.exc.UnrecognizedPropertyException;
import com.fasterxml.jackson.databind.node.ObjectNode;
import jakarta.validation.ConstraintViolation;
import jakarta.validation.Validator;
import org.citybridge.kit.jobs.Jobs;
import org.citybridge.kit.problem.ApiException;
import org.citybridge.kit.problem.Problem;
import org.citybridge.kit.web.QueryParams;

import java.time.Duration;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Collections;
import java.util.Comparator;
import java.util.Deque;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.concurrent.Callable;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.function.Function;

/**
 * Runs an import as a job's work, the same way in every service: unreadable rows are rejected first, the
 * others go to the service a chunk at a time (each chunk one transaction of the service's, so a cancelled
 * or failed import leaves whole rows only, and says how far it got). A dry run checks every row and writes
 * nothing; an atomic import writes nothing unless every row is good, and then writes all in one chunk.
 */
public final class Importer {

    /** Rows per chunk: a few hundred milliseconds of work in one transaction. */
    public static final int CHUNK = 500;

    /**
     * How the rows go in: up to {@code parallel} chunks at once (for a service whose rows do not wait on one
     * lock; an atomic import is always one chunk), of {@code rowsPerChunk} rows each (fewer where a chunk
     * holds a lock that live work waits on). {@code key} says what a row writes, e.g. a city's name and
     * country: a chunk naming a key that a chunk still in flight names waits for it, so where two rows write
     * the same thing the file's later one is written last, as when chunks go one at a time. A row's key may be
     * null (it meets no other row's); a null {@code key} means chunks never wait for each other. It runs on
     * the job's thread for every row: cheap, and never throwing.
     *
     * <p>With a {@code budget}, chunks are sized by time instead ({@link #timed}): the first has
     * {@code firstRows} rows, each next one as many as the last one's rate fits in the budget, up to
     * {@code rowsPerChunk}; the time is what the chunk says it spent ({@link ImportReport#paceBy}, e.g. its
     * hold of a lock), else its whole time. Where a chunk holds a lock, that bounds what live work waits
     * behind it, also while the code is still cold and each row costs many times what it will.
     */
    public record Pace(
            int parallel, int rowsPerChunk, Function<ImportFile.Row, Object> key, int firstRows, Duration budget) {
        public static final Pace DEFAULT = new Pace(1, CHUNK);

        public Pace {
            if (parallel < 1 || rowsPerChunk < 1 || firstRows < 1 || firstRows > rowsPerChunk) {
                throw new IllegalArgumentException(
                        "parallel and rowsPerChunk must be positive, firstRows between 1 and rowsPerChunk");
            }
            if (budget == null ? firstRows != rowsPerChunk : budget.isNegative() || budget.isZero() || parallel > 1) {
                throw new IllegalArgumentException(
                        "a fixed pace starts as it goes on; a timed one has a positive budget and one chunk at a time");
            }
        }

        public Pace(int parallel, int rowsPerChunk, Function<ImportFile.Row, Object> key) {
            this(parallel, rowsPerChunk, key, rowsPerChunk, null);
        }

        public Pace(int parallel, int rowsPerChunk) {
            this(parallel, rowsPerChunk, null);
        }

        /** One chunk at a time, each of about {@code budget}'s work: {@code firstRows} first, never over {@code mostRows}. */
        public static Pace timed(int firstRows, int mostRows, Duration budget) {
            return new Pace(1, mostRows, null, firstRows, Objects.requireNonNull(budget, "budget"));
        }
    }

    /** How an import runs. */
    public record Options(boolean dryRun, boolean atomic) {
        /** From the query parameters {@code dryRun} and {@code atomic} (400 unless true or false). */
        public static Options of(String dryRun, String atomic) {
            return new Options(QueryParams.flag("dryRun", dryRun, false), QueryParams.flag("atomic", atomic, false));
        }
    }

    /**
     * The service's part: applies a chunk of readable rows in one transaction of its own, counting each
     * row's outcome in the report or rejecting it; with {@code write} false it only checks them, and then
     * counts each row as the import would after the rows before it (a city named twice is created once):
     * such checks come one chunk at a time, in order, so a service may remember across chunks what the
     * rows checked so far would write ({@link Drafts}). If it throws, its transaction is taken as rolled back
     * and each of its rows is tried alone; what it remembered must then be forgotten.
     */
    @FunctionalInterface
    public interface Chunk {
        void apply(List<ImportFile.Row> rows, boolean write, ImportReport report);
    }

    /** A row the service refuses, with the field at fault. */
    public static final class RowRejected extends RuntimeException {
        private final String field;

        public RowRejected(String field, String problem) {
            super(problem);
            this.field = field;
        }

        /** The row's rejection; an API error becomes its first violation, or its detail. */
        public static RowRejected of(ApiException e) {
            List<Problem.Violation> violations = e.violations();
            return violations.isEmpty()
                    ? new RowRejected("$", e.getMessage())
                    : new RowRejected(
                            violations.get(0).field(), violations.get(0).message());
        }

        /** The same rejection for a field inside a larger row, e.g. {@code interests[2]}. */
        public RowRejected within(String prefix) {
            return new RowRejected(field.equals("$") ? prefix : prefix + "." + field, getMessage());
        }

        public ImportReport.Rejection at(long line) {
            return new ImportReport.Rejection(line, field, getMessage());
        }
    }

    private Importer() {}

    /**
     * A row's fields as the request record the single write takes, checked by the same constraints: an
     * import validates exactly as the API does.
     */
    public static <T> T request(ObjectNode fields, Class<T> type, ObjectMapper mapper, Validator validator) {
        T request;
        try {
            request = mapper.treeToValue(fields, type);
        } catch (JsonMappingException e) {
            String field = e.getPath().stream()
                    .map(ref -> ref.getFieldName() != null ? ref.getFieldName() : "[" + ref.getIndex() + "]")
                    .reduce((a, b) -> b.startsWith("[") ? a + b : a + "." + b)
                    .orElse("$");
            throw new RowRejected(
                    field,
                    e instanceof UnrecognizedPropertyException
                            ? "unknown field"
                            : "cannot be read as "
                                    + (e instanceof MismatchedInputException m && m.getTargetType() != null
                                            ? m.getTargetType().getSimpleName()
                                            : "the expected value"));
        } catch (JsonProcessingException e) {
            throw new RowRejected("$", "cannot be read");
        }
        Set<ConstraintViolation<T>> violations = validator.validate(request);
        if (!violations.isEmpty()) {
            ConstraintViolation<T> first = violations.stream()
                    .min(Comparator.comparing(v -> v.getPropertyPath().toString()))
                    .orElseThrow();
            throw new RowRejected(first.getPropertyPath().toString(), first.getMessage());
        }
        return request;
    }

    /**
     * The job's work.
     *
     * @param after work done once every row is in (e.g. re-ranking), or null; its result entries join the report's
     */
    public static Jobs.Work work(
            List<ImportFile.Row> rows,
            Options options,
            Chunk chunk,
            Function<Jobs.Progress, Map<String, Object>> after) {
        return work(rows, options, chunk, after, Pace.DEFAULT);
    }

    /** As {@link #work(List, Options, Chunk, Function)}, at the given pace. */
    public static Jobs.Work work(
            List<ImportFile.Row> rows,
            Options options,
            Chunk chunk,
            Function<Jobs.Progress, Map<String, Object>> after,
            Pace pace) {
        return progress -> {
            progress.total(rows.size());
            ImportReport checked = new ImportReport();
            List<ImportFile.Row> readable = new ArrayList<>(rows.size());
            for (ImportFile.Row row : rows) {
                if (row.unreadable() != null) {
                    checked.reject(row.unreadable());
                } else {
                    readable.add(row);
                }
            }
            if (options.dryRun() || options.atomic()) {
                // one chunk at a time, in the file's order: a row is checked against what the rows before it
                // would have written, as the import would find it
                inChunks(
                        readable,
                        ChunkSizes.of(pace),
                        false,
                        chunk,
                        checked,
                        progress,
                        rows.size() - readable.size(),
                        false,
                        1,
                        null);
                if (options.dryRun()) {
                    return checked.result(rows.size(), true, options.atomic(), false);
                }
                if (checked.rejected() > 0) {
                    throw new Jobs.Refused(
                            checked.rejected() + " of " + rows.size()
                                    + " rows are rejected (see the result); an atomic import writes nothing then",
                            checked.result(rows.size(), false, true, false));
                }
            }
            ImportReport report = new ImportReport();
            rows.stream().filter(r -> r.unreadable() != null).forEach(r -> report.reject(r.unreadable()));
            inChunks(
                    readable,
                    options.atomic() ? ChunkSizes.whole() : ChunkSizes.of(pace),
                    true,
                    chunk,
                    report,
                    progress,
                    rows.size() - readable.size(),
                    true,
                    options.atomic() ? 1 : pace.parallel(),
                    pace.key());
            Map<String, Object> result = report.result(rows.size(), false, options.atomic(), true);
            if (after != null) {
                result.putAll(after.apply(progress));
            }
            return result;
        };
    }

    /**
     * Applies the rows a chunk at a time, up to {@code parallel} chunks at once (each its own transaction;
     * a conflict between two of them fails one, whose rows are then tried alone) unless they name the same
     * key, in order of submission for the progress and the cancellation point.
     */
    private static void inChunks(
            List<ImportFile.Row> rows,
            ChunkSizes sizes,
            boolean write,
            Chunk chunk,
            ImportReport report,
            Jobs.Progress progress,
            long doneBefore,
            boolean committing,
            int parallel,
            Function<ImportFile.Row, Object> key) {
        ExecutorService pool = parallel > 1 ? Executors.newFixedThreadPool(parallel) : null;
        Deque<Future<Applied>> inFlight = new ArrayDeque<>();
        Deque<Set<Object>> inFlightKeys = new ArrayDeque<>();
        long applied = 0;
        try {
            List<ImportFile.Row> part = null; // the next chunk and what it writes, once known
            Set<Object> keys = null;
            for (int from = 0; from < rows.size() || !inFlight.isEmpty(); ) {
                if (from < rows.size() && inFlight.size() < parallel) {
                    if (part == null) { // sized once a chunk may start: after the last one's time is known
                        part = rows.subList(from, (int) Math.min(rows.size(), (long) from + sizes.next()));
                        keys = keys(part, pool == null ? null : key);
                    }
                    Set<Object> next = keys;
                    if (inFlightKeys.stream().allMatch(k -> Collections.disjoint(k, next))) {
                        if (progress.cancelled()) {
                            drain(inFlight, report);
                            throw new Jobs.Cancelled(
                                    committing
                                            ? "Cancelled after " + from + " of " + rows.size()
                                                    + " readable rows; those are committed, whole, and the others not"
                                            : "Cancelled while checking the rows; nothing was written");
                        }
                        List<ImportFile.Row> submitted = part;
                        Callable<Applied> task = () -> applyChunk(submitted, sizes.atomic(), write, chunk);
                        inFlight.add(pool == null ? CompletableFuture.completedFuture(task.call()) : pool.submit(task));
                        inFlightKeys.add(keys);
                        from += part.size();
                        part = null;
                        keys = null;
                        continue;
                    }
                }
                Applied done = await(inFlight.poll());
                inFlightKeys.poll();
                report.add(done.report());
                sizes.took(done.rows(), done.nanos());
                applied += done.rows();
                progress.done(doneBefore + applied);
            }
            progress.done(doneBefore + rows.size());
        } catch (RuntimeException e) {
            throw e;
        } catch (Exception e) {
            throw new IllegalStateException(e);
        } finally {
            if (pool != null) {
                pool.shutdownNow();
            }
        }
    }

    /** A chunk's outcome: its rows' report, how many rows it had and how long it took (negative: unknown). */
    private record Applied(ImportReport report, int rows, long nanos) {}

    /** What a chunk's rows write, as far as the pace knows (nothing without a key, or one at a time). */
    private static Set<Object> keys(List<ImportFile.Row> part, Function<ImportFile.Row, Object> key) {
        if (key == null) {
            return Set.of();
        }
        Set<Object> keys = new HashSet<>();
        for (ImportFile.Row row : part) {
            Object written = key.apply(row);
            if (written != null) {
                keys.add(written);
            }
        }
        return keys;
    }

    private static void drain(Deque<Future<Applied>> inFlight, ImportReport report) {
        while (!inFlight.isEmpty()) {
            report.add(await(inFlight.poll()).report());
        }
    }

    private static Applied await(Future<Applied> done) {
        try {
            return done.get();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("Interrupted while importing", e);
        } catch (ExecutionException e) {
            throw e.getCause() instanceof RuntimeException failure ? failure : new IllegalStateException(e.getCause());
        }
    }

    /** One chunk in its transaction; if that fails as a whole (e.g. a conflict found at commit), each row alone. */
    private static Applied applyChunk(List<ImportFile.Row> part, boolean atomic, boolean write, Chunk chunk) {
        long started = System.nanoTime();
        ImportReport done = new ImportReport();
        try {
            chunk.apply(part, write, done);
            long paced = done.pacedNanos();
            return new Applied(done, part.size(), paced >= 0 ? paced : System.nanoTime() - started);
        } catch (RuntimeException e) {
            if (atomic) {
                throw e; // the one transaction failed, nothing is written
            }
        }
        done = new ImportReport();
        for (ImportFile.Row row : part) {
            ImportReport single = new ImportReport();
            try {
                chunk.apply(List.of(row), write, single);
                done.add(single);
            } catch (RuntimeException alone) {
                done.reject(new ImportReport.Rejection(
                        row.line(),
                        "$",
                        "could not be stored: "
                                + (alone instanceof ApiException
                                        ? alone.getMessage()
                                        : alone.getClass().getSimpleName())));
            }
        }
        return new Applied(done, part.size(), -1); // a failure's time says nothing about the rows' rate
    }
}
