package org.citybridge.matchmaking.readmodel;

import io.quarkus.hibernate.orm.panache.PanacheEntityBase;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.Table;
import jakarta.persistence.Version;

import java.util.UUID;

/** A thematic cluster's name, for reasons such as "Both are members of the cluster ...". */
@Entity
@Table(name = "mm_cluster")
public class Cluster extends PanacheEntityBase {

    @Id
    public UUID id;

    public String name;

    @Version
    public long version;
}
