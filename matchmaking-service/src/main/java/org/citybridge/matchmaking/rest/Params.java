package org.citybridge.matchmaking.rest;

import org.citybridge.contracts.vocabulary.CooperationArea;
import org.citybridge.contracts.vocabulary.ProposalKind;
import org.citybridge.contracts.vocabulary.UnknownCodeException;
import org.citybridge.kit.problem.ApiException;

import java.util.UUID;

/**
 * Parses query parameters with a 400 naming the parameter: JAX-RS would answer 404 for an
 * unconvertible UUID, and an unknown code would be a 400 that does not say which parameter was wrong.
 */
final class Params {

    private Params() {
    }

    static UUID uuid(String name, String value) {
        if (value == null || value.isBlank()) {
            return null;
        }
        try {
            return UUID.fromString(value.trim());
        } catch (IllegalArgumentException e) {
            throw ApiException.badRequest(name, "'" + value + "' is not a UUID");
        }
    }

    static ProposalKind kind(String name, String value) {
        if (value == null || value.isBlank()) {
            return null;
        }
        try {
            return ProposalKind.parse(value);
        } catch (UnknownCodeException e) {
            throw ApiException.badRequest(name, e.getMessage());
        }
    }

    static CooperationArea area(String name, String value) {
        if (value == null || value.isBlank()) {
            return null;
        }
        try {
            return CooperationArea.fromCode(value);
        } catch (UnknownCodeException e) {
            throw ApiException.badRequest(name, e.getMessage());
        }
    }
}
