package org.citybridge.kit.imports;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * What an import did, row by row: how many records it created, updated or found unchanged, and every
 * rejected row with its line, field and problem (the first {@link #LISTED} listed, all counted).
 */
public final class ImportReport {

    /** Rejections listed in the report; the count covers all of them. */
    public static final int LISTED = 1000;

    /** A row that was not imported. */
    public record Rejection(long line, String field, String problem) {}

    /** What a good row did (or would do, in a dry run). */
    public enum Outcome {
        CREATED,
        UPDATED,
        UNCHANGED
    }

    private long created;
    private long updated;
    private long unchanged;
    private long rejected;
    private final List<Rejection> rejections = new ArrayList<>();
    private long pacedNanos = -1; // a chunk's, for a timed pace: unset, the whole chunk counts

    public void count(Outcome outcome) {
        switch (outcome) {
            case CREATED -> created++;
            case UPDATED -> updated++;
            case UNCHANGED -> unchanged++;
        }
    }

    public void reject(Rejection rejection) {
        rejected++;
        if (rejections.size() < LISTED) {
            rejections.add(rejection);
        }
    }

    /**
     * The part of this chunk's time a timed pace sizes the next chunk by, e.g. how long it held a lock that
     * live work waits on (not the time it waited for it, nor its reading before); unset, its whole time.
     */
    public void paceBy(long nanos) {
        pacedNanos = Math.max(0, nanos);
    }

    long pacedNanos() {
        return pacedNanos;
    }

    /** Adds what a chunk did, once its transaction committed. */
    public void add(ImportReport chunk) {
        created += chunk.created;
        updated += chunk.updated;
        unchanged += chunk.unchanged;
        chunk.rejections.forEach(r -> {
            rejected++;
            if (rejections.size() < LISTED) {
                rejections.add(r);
            }
        });
        rejected += chunk.rejected - chunk.rejections.size();
    }

    public long rejected() {
        return rejected;
    }

    public long created() {
        return created;
    }

    /** The report as a job's result. */
    public Map<String, Object> result(long rows, boolean dryRun, boolean atomic, boolean written) {
        Map<String, Object> result = new LinkedHashMap<>();
        result.put("rows", rows);
        result.put("created", created);
        result.put("updated", updated);
        result.put("unchanged", unchanged);
        result.put("rejected", rejected);
        result.put("dryRun", dryRun);
        result.put("atomic", atomic);
        result.put("written", written);
        result.put(
                "rejections",
                rejections.stream()
                        .sorted(Comparator.comparingLong(Rejection::line))
                        .map(r -> Map.of("line", r.line(), "field", r.field(), "problem", r.problem()))
                        .toList());
        return result;
    }
}
