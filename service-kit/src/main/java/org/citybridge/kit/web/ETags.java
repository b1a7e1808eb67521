package org.citybridge.kit.web;

import jakarta.ws.rs.core.EntityTag;
import org.citybridge.kit.problem.ApiException;

/**
 * Optimistic concurrency over HTTP: the ETag of a resource is its version; updates must send it back
 * in {@code If-Match}. Missing → 428, stale → 412, so no update is ever lost.
 */
public final class ETags {

    private ETags() {
    }

    public static EntityTag of(long version) {
        return new EntityTag(Long.toString(version));
    }

    /** Checks an {@code If-Match} header against the current version. */
    public static void requireMatch(String ifMatch, long currentVersion) {
        if (ifMatch == null || ifMatch.isBlank()) {
            throw ApiException.preconditionRequired("Send the resource's ETag in If-Match to update it");
        }
        String current = Long.toString(currentVersion);
        for (String candidate : ifMatch.split(",")) {
            String tag = candidate.trim();
            if (tag.startsWith("W/")) {
                tag = tag.substring(2);
            }
            if (tag.equals("*") || tag.equals("\"" + current + "\"")) {
                return;
            }
        }
        throw ApiException.preconditionFailed("The resource changed since you read it (current ETag \"" + current
                + "\"); read it again and retry");
    }
}
