package org.citybridge.clusters.domain;

/** What kind of body an organisation is. */
public enum OrganisationKind {
    UN_AGENCY,
    ASSOCIATION,
    DEVELOPMENT_PARTNER,
    ACADEMIA
}
