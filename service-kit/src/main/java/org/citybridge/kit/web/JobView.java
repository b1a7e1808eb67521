package org.citybridge.kit.web;

import org.citybridge.kit.jobs.Job;
import org.eclipse.microprofile.openapi.annotations.media.Schema;

import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.UUID;

/** A job as the API shows it: state, progress with rate and time left, and its result or error. */
@Schema(name = "Job", description = "Long work: its state, progress, and result or error")
public record JobView(
        UUID id,
        String kind,

        @Schema(enumeration = {"QUEUED", "RUNNING", "SUCCEEDED", "FAILED", "CANCELLED"})
        String state,

        Progress progress,
        boolean cancelRequested,
        Map<String, Object> result,
        String error,
        Instant createdAt,
        Instant startedAt,
        Instant finishedAt) {

    /**
     * @param ratePerSecond units done per second since it started
     * @param secondsLeft   at that rate, while running
     */
    public record Progress(long done, long total, Double ratePerSecond, Long secondsLeft) {}

    public static JobView of(Job job, Instant now) {
        Double rate = null;
        Long left = null;
        if (job.startedAt != null && job.done > 0) {
            Instant end = job.finishedAt != null ? job.finishedAt : now;
            double seconds =
                    Math.max(0.001, Duration.between(job.startedAt, end).toMillis() / 1000.0);
            rate = Math.round(job.done / seconds * 10) / 10.0;
            if (job.state == Job.State.RUNNING && job.total > job.done) {
                left = Math.round((job.total - job.done) / (job.done / seconds));
            }
        }
        return new JobView(
                job.id,
                job.kind,
                job.state.name(),
                new Progress(job.done, job.total, rate, left),
                job.cancelRequested,
                job.result,
                job.error,
                job.createdAt,
                job.startedAt,
                job.finishedAt);
    }
}
