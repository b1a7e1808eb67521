package org.citybridge.kit.command;

import org.citybridge.kit.problem.ApiException;

import java.util.Set;

/**
 * The version of a resource a caller based a change on (optimistic concurrency). Services receive it
 * with a command and check it against the stored version inside their transaction, so no update is
 * lost; how a client states it (an {@code If-Match} header) is the web layer's business.
 *
 * @param versions the versions the caller accepts; empty with {@code any} false matches nothing
 * @param any      true when any version is acceptable (no precondition, or a {@code *} tag)
 * @param missing  true when the caller stated none although the change requires it: the check answers
 *                 428, after the service found the resource (an unknown one is still a 404)
 */
public record ExpectedVersion(Set<Long> versions, boolean any, boolean missing) {

    /** No precondition: whatever the current version is. */
    public static final ExpectedVersion ANY = new ExpectedVersion(Set.of(), true, false);

    /** None stated where one is required. */
    public static final ExpectedVersion MISSING = new ExpectedVersion(Set.of(), false, true);

    public ExpectedVersion {
        versions = Set.copyOf(versions);
    }

    public static ExpectedVersion of(long version) {
        return new ExpectedVersion(Set.of(version), false, false);
    }

    public boolean matches(long current) {
        return any || versions.contains(current);
    }

    /** Passes if {@code current} is expected; 428 if none was stated, 412 otherwise. */
    public void check(long current) {
        if (missing) {
            throw ApiException.preconditionRequired("Send the resource's ETag in If-Match to update it");
        }
        if (!matches(current)) {
            throw ApiException.preconditionFailed("The resource changed since you read it (current ETag \"" + current
                    + "\"); read it again and retry");
        }
    }
}
