package org.citybridge.matchmaking;

import io.quarkus.hibernate.orm.panache.PanacheEntityBase;
import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.Table;
import jakarta.persistence.Version;

import java.time.LocalDate;
import java.util.UUID;

/** An exchange and, once held, its participating cities. */
@Entity
@Table(name = "mm_exchange")
public class ExchangeRecord extends PanacheEntityBase {

    @Id
    public UUID id;
    public String title;
    @Column(name = "start_date")
    public LocalDate startDate;
    public boolean held;
    /** JSON array of city ids. */
    public String participants = "[]";
    @Version
    public long version;
}
