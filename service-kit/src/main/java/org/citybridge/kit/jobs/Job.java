package org.citybridge.kit.jobs;

import io.quarkus.hibernate.orm.panache.PanacheEntityBase;
import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.EnumType;
import jakarta.persistence.Enumerated;
import jakarta.persistence.Id;
import jakarta.persistence.Table;
import jakarta.persistence.Version;
import org.hibernate.annotations.JdbcTypeCode;
import org.hibernate.type.SqlTypes;

import java.time.Instant;
import java.util.Map;
import java.util.UUID;

/** One piece of long work: what it is, how far it got, and how it ended. */
@Entity
@Table(name = "job")
public class Job extends PanacheEntityBase {

    public enum State {
        QUEUED,
        RUNNING,
        SUCCEEDED,
        FAILED,
        CANCELLED;

        public boolean finished() {
            return this == SUCCEEDED || this == FAILED || this == CANCELLED;
        }
    }

    @Id
    public UUID id;

    public String kind;

    @Enumerated(EnumType.STRING)
    public State state;

    /** Units of work done, of {@link #total} (0 while unknown). */
    public long done;

    public long total;

    /** What it produced, as the kind of job documents it. */
    @JdbcTypeCode(SqlTypes.JSON)
    public Map<String, Object> result;

    public String error;

    @Column(name = "requested_by")
    public String requestedBy;

    @Column(name = "cancel_requested")
    public boolean cancelRequested;

    @Column(name = "created_at")
    public Instant createdAt;

    @Column(name = "started_at")
    public Instant startedAt;

    @Column(name = "finished_at")
    public Instant finishedAt;

    @Column(name = "updated_at")
    public Instant updatedAt;

    @Version
    public long version;
}
