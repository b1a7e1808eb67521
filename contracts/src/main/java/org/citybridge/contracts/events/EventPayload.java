package org.citybridge.contracts.events;

import com.fasterxml.jackson.annotation.JsonIgnore;

import java.util.UUID;

/**
 * The data of one CloudEvent. Every payload names the aggregate it belongs to; that id is the Kafka
 * record key, so that the events of one aggregate stay ordered on one partition.
 */
public interface EventPayload {

    /** The aggregate id used as record key (a city, cluster, exchange or proposal pair). */
    @JsonIgnore
    UUID aggregateId();
}
