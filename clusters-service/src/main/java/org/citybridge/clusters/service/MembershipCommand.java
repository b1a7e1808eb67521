package org.citybridge.clusters.service;

import org.citybridge.contracts.vocabulary.MemberKind;
import org.citybridge.contracts.vocabulary.MemberRole;

import java.util.UUID;

/**
 * A city or an organisation joins a cluster.
 *
 * @param memberId a city id (known from city-events) or an organisation id
 * @param role     null means MEMBER
 */
public record MembershipCommand(MemberKind memberKind, UUID memberId, MemberRole role) {}
