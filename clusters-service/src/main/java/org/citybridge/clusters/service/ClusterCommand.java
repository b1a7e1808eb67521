package org.citybridge.clusters.service;

import org.citybridge.clusters.domain.ClusterStatus;
import org.citybridge.contracts.vocabulary.CooperationArea;

import java.util.Set;

/**
 * A cluster as launching or updating it writes it.
 *
 * @param status null means ACTIVE
 */
public record ClusterCommand(
        String slug, String name, String description, Set<CooperationArea> areas, ClusterStatus status) {}
