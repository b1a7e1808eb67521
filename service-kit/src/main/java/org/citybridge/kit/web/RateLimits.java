package org.citybridge.kit.web;

import io.quarkus.security.identity.CurrentIdentityAssociation;
import io.quarkus.security.identity.SecurityIdentity;
import io.smallrye.mutiny.Uni;
import io.vertx.core.http.HttpServerRequest;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.ws.rs.container.ContainerRequestContext;
import jakarta.ws.rs.container.ContainerResponseContext;
import jakarta.ws.rs.container.ResourceInfo;
import jakarta.ws.rs.core.Response;
import org.citybridge.kit.problem.ApiException;
import org.jboss.resteasy.reactive.server.ServerRequestFilter;
import org.jboss.resteasy.reactive.server.ServerResponseFilter;

import java.util.Locale;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Rate limits per caller: the token subject when the request carries a valid token, otherwise the
 * client address (behind a proxy, with {@code quarkus.http.proxy.proxy-address-forwarding} on, the
 * forwarded one). Each class of route has its own quota (reads, writes, expensive work), refilled
 * continuously: a token bucket holding a minute's requests. A caller over its quota gets 429 with
 * {@code Retry-After}; every answer says where the caller stands in the {@code RateLimit} and
 * {@code RateLimit-Policy} fields of the IETF draft ({@code "writes";r=299;t=1}, {@code "writes";q=300;w=60}).
 * The quotas are per instance: behind a load balancer over n instances a caller gets up to n times as many.
 */
@ApplicationScoped // a proxy: the filter is wired at static init, its configuration exists only at run time
public class RateLimits {

    /** The class of a route; each has its own quota. */
    enum RouteClass {
        READS,
        WRITES,
        EXPENSIVE
    }

    /** One caller's standing after a request: allowed or not, what is left, when the quota is whole again. */
    record Decision(
            RouteClass routeClass, int limit, boolean allowed, int remaining, long fullInSeconds, long retryAfter) {}

    private static final String DECISION = RateLimits.class.getName() + ".decision";
    private static final long MINUTE_NANOS = 60_000_000_000L;

    private final ConcurrentHashMap<String, Bucket> buckets = new ConcurrentHashMap<>();

    @Inject
    RateLimitConfig config;

    @Inject
    CurrentIdentityAssociation identities;

    @ServerRequestFilter
    public Uni<Response> limit(ContainerRequestContext request, ResourceInfo resource, HttpServerRequest http) {
        if (!config.enabled() || !request.getUriInfo().getPath().startsWith("/api/")) {
            return Uni.createFrom().nullItem();
        }
        RouteClass routeClass = classify(request.getMethod(), resource);
        return identities
                .getDeferredIdentity()
                .onFailure()
                .recoverWithNull() // an invalid token: the endpoint refuses it, counted against the address
                .map(identity -> {
                    Decision decision = take(caller(identity, http) + '|' + routeClass, routeClass, System.nanoTime());
                    request.setProperty(DECISION, decision);
                    if (!decision.allowed()) {
                        throw ApiException.tooManyRequests("Rate limit of " + decision.limit() + " "
                                        + routeClass.name().toLowerCase(Locale.ROOT) + " per minute reached; retry in "
                                        + decision.retryAfter() + " s")
                                .withHeader("Retry-After", Long.toString(decision.retryAfter()));
                    }
                    return null;
                });
    }

    @ServerResponseFilter
    public void headers(ContainerRequestContext request, ContainerResponseContext response) {
        if (request.getProperty(DECISION) instanceof Decision decision) {
            String policy = '"' + decision.routeClass().name().toLowerCase(Locale.ROOT) + '"';
            response.getHeaders().putSingle("RateLimit-Policy", policy + ";q=" + decision.limit() + ";w=60");
            response.getHeaders()
                    .putSingle("RateLimit", policy + ";r=" + decision.remaining() + ";t=" + decision.fullInSeconds());
        }
    }

    private static RouteClass classify(String method, ResourceInfo resource) {
        if (resource != null
                && resource.getResourceMethod() != null
                && resource.getResourceMethod().isAnnotationPresent(Expensive.class)) {
            return RouteClass.EXPENSIVE;
        }
        return switch (method) {
            case "GET", "HEAD", "OPTIONS" -> RouteClass.READS;
            default -> RouteClass.WRITES;
        };
    }

    private static String caller(SecurityIdentity identity, HttpServerRequest http) {
        if (identity != null && !identity.isAnonymous()) {
            return "subject:" + identity.getPrincipal().getName();
        }
        return "address:"
                + (http.remoteAddress() == null
                        ? "unknown"
                        : http.remoteAddress().hostAddress());
    }

    Decision take(String key, RouteClass routeClass, long now) {
        int limit = switch (routeClass) {
            case READS -> config.readsPerMinute();
            case WRITES -> config.writesPerMinute();
            case EXPENSIVE -> config.expensivePerMinute();
        };
        Bucket bucket = buckets.get(key);
        if (bucket == null) {
            if (buckets.size() >= config.maxCallers()) {
                buckets.values().removeIf(b -> b.fullAt(now));
            }
            bucket = buckets.computeIfAbsent(key, k -> new Bucket(limit, now));
        }
        return bucket.take(routeClass, now);
    }

    /** A token bucket: {@code limit} tokens at most, refilled at {@code limit} per minute. */
    static final class Bucket {

        private final int limit;
        private final double tokensPerNano;
        private double tokens;
        private long updated;

        Bucket(int limit, long now) {
            this.limit = limit;
            this.tokensPerNano = (double) limit / MINUTE_NANOS;
            this.tokens = limit;
            this.updated = now;
        }

        synchronized Decision take(RouteClass routeClass, long now) {
            refill(now);
            boolean allowed = tokens >= 1;
            if (allowed) {
                tokens -= 1;
            }
            long fullIn = seconds((limit - tokens) / tokensPerNano);
            long retryAfter = allowed ? 0 : Math.max(1, seconds((1 - tokens) / tokensPerNano));
            return new Decision(routeClass, limit, allowed, (int) Math.floor(tokens), fullIn, retryAfter);
        }

        synchronized boolean fullAt(long now) {
            refill(now);
            return tokens >= limit;
        }

        private void refill(long now) {
            tokens = Math.min(limit, tokens + (now - updated) * tokensPerNano);
            updated = now;
        }

        private static long seconds(double nanos) {
            return (long) Math.ceil(nanos / 1_000_000_000d);
        }
    }
}
