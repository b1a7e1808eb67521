package org.citybridge.matchmaking.readmodel;

import io.quarkus.hibernate.orm.panache.PanacheEntityBase;
import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.Table;
import jakarta.persistence.Version;
import org.hibernate.annotations.JdbcTypeCode;
import org.hibernate.type.SqlTypes;

import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;

/** An exchange and, once held, its participating cities. */
@Entity
@Table(name = "mm_exchange")
public class Exchange extends PanacheEntityBase {

    @Id
    public UUID id;

    public String title;

    @Column(name = "start_date")
    public LocalDate startDate;

    public boolean held;

    @JdbcTypeCode(SqlTypes.JSON)
    public List<UUID> participants = new ArrayList<>();

    @Version
    public long version;
}
