package org.citybridge.clusters.service;

import org.citybridge.clusters.domain.OrganisationKind;

/**
 * An organisation as creating or updating it writes it.
 *
 * @param country ISO 3166-1 alpha-2, null for international bodies
 */
public record OrganisationCommand(String name, OrganisationKind kind, String country, String website) {}
