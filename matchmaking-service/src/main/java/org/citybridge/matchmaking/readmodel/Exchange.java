package org.citybridge.matchmaking.readmodel;

import io.quarkus.hibernate.orm.panache.PanacheEntityBase;
import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.Table;
import jakarta.persistence.Version;
import org.hibernate.annotations.JdbcTypeCode;
import org.hibernate.annotations.Mutability;
import org.hibernate.type.SqlTypes;
import org.hibernate.type.descriptor.java.Immutability;

import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;

/**
 * An exchange and, once held, its participating cities.
 *
 * <p>Its JSON values are replaced whole, never changed in place (CONTRIBUTING.md, Style): a change in place
 * would not be written.
 */
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
    @Mutability(Immutability.class)
    public List<UUID> participants = new ArrayList<>();

    @Version
    public long version;
}
