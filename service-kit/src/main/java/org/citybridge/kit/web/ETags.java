package org.citybridge.kit.web;

import jakarta.ws.rs.core.EntityTag;
import org.citybridge.kit.command.ExpectedVersion;

import java.util.HashSet;
import java.util.Set;

/**
 * Optimistic concurrency over HTTP: the ETag of a resource is its version; updates must send it back
 * in {@code If-Match}, which becomes the {@link ExpectedVersion} a service checks. Missing → 428,
 * stale → 412, so no update is ever lost.
 */
public final class ETags {

    private ETags() {}

    public static EntityTag of(long version) {
        return new EntityTag(Long.toString(version));
    }

    /**
     * The tag of one variant of a resource at a version, e.g. {@code "7-es"} for its Spanish rendering:
     * variants need tags of their own (a cached English copy must not answer a Spanish request with 304),
     * while If-Match with any variant's tag names the same version.
     */
    public static EntityTag of(long version, String variant) {
        return variant == null || variant.isEmpty() ? of(version) : new EntityTag(version + "-" + variant);
    }

    /**
     * The version an update is based on, from its required {@code If-Match} header. A missing one becomes
     * {@link ExpectedVersion#MISSING}, which the service's check answers with 428 once it has found the
     * resource, so an unknown resource is still a 404.
     */
    public static ExpectedVersion expectedVersion(String ifMatch) {
        if (ifMatch == null || ifMatch.isBlank()) {
            return ExpectedVersion.MISSING;
        }
        return parse(ifMatch);
    }

    /** As {@link #expectedVersion}, for actions where {@code If-Match} is optional: absent means any version. */
    public static ExpectedVersion expectedVersionIfPresent(String ifMatch) {
        return ifMatch == null ? ExpectedVersion.ANY : expectedVersion(ifMatch);
    }

    /** A list of entity tags; weak tags compare like strong ones, tags that are not versions match nothing. */
    private static ExpectedVersion parse(String ifMatch) {
        Set<Long> versions = new HashSet<>();
        for (String candidate : ifMatch.split(",")) {
            String tag = candidate.trim();
            if (tag.startsWith("W/")) {
                tag = tag.substring(2);
            }
            if (tag.equals("*")) {
                return ExpectedVersion.ANY;
            }
            if (tag.length() > 2 && tag.startsWith("\"") && tag.endsWith("\"")) {
                String digits = tag.substring(1, tag.length() - 1).replaceFirst("-[a-z]{2,8}$", "");
                if (digits.matches("0|[1-9][0-9]{0,17}")) { // canonical only: "07" is not the tag of version 7
                    versions.add(Long.parseLong(digits));
                }
            }
        }
        return new ExpectedVersion(versions, false, false);
    }
}
