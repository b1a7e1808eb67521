package org.citybridge.clusters.domain;

import java.util.List;
import java.util.UUID;

/**
 * The ids and slugs of the seven South-South Cities Clusters created by migration V2. They are fixed
 * so that other services, the demo story and tests can name them.
 */
public final class SeedClusters {

    public static final UUID COVID_19_PUBLIC_HEALTH = UUID.fromString("5c1a0001-0000-4000-8000-000000000001");
    public static final UUID TOURISM_HERITAGE_CREATIVE_ECONOMY =
            UUID.fromString("5c1a0001-0000-4000-8000-000000000002");
    public static final UUID AGRICULTURE_VALUE_CHAINS = UUID.fromString("5c1a0001-0000-4000-8000-000000000003");
    public static final UUID E_COMMERCE_SMART_CITIES = UUID.fromString("5c1a0001-0000-4000-8000-000000000004");
    public static final UUID DISASTER_RISK_REDUCTION = UUID.fromString("5c1a0001-0000-4000-8000-000000000005");
    public static final UUID TRANSPORT_GREEN_CITIES = UUID.fromString("5c1a0001-0000-4000-8000-000000000006");
    public static final UUID RENEWABLE_ENERGY = UUID.fromString("5c1a0001-0000-4000-8000-000000000007");

    public static final String TOURISM_SLUG = "sustainable-tourism-heritage-creative-economy";
    public static final String RENEWABLE_ENERGY_SLUG = "renewable-energy-development";

    public static final List<UUID> ALL = List.of(
            COVID_19_PUBLIC_HEALTH,
            TOURISM_HERITAGE_CREATIVE_ECONOMY,
            AGRICULTURE_VALUE_CHAINS,
            E_COMMERCE_SMART_CITIES,
            DISASTER_RISK_REDUCTION,
            TRANSPORT_GREEN_CITIES,
            RENEWABLE_ENERGY);

    private SeedClusters() {}
}
