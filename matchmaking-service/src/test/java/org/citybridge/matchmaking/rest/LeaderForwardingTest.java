package org.citybridge.matchmaking.rest;

import io.vertx.core.http.HttpMethod;
import jakarta.ws.rs.DELETE;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.PATCH;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.PUT;
import jakarta.ws.rs.Path;
import org.citybridge.kit.web.JobResource;
import org.junit.jupiter.api.Test;

import java.lang.reflect.Method;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Which requests a follower forwards to the engine's leader: exactly the writes that need the engine.
 * Every write of the API is listed here with the answer, so a new endpoint cannot go unnoticed: one
 * that needs the engine but is not forwarded would be refused (503) on every follower.
 */
class LeaderForwardingTest {

    private static final Set<String> ENGINE_WRITES = Set.of(
            "POST /api/v1/admin/model/fits",
            "POST /api/v1/admin/rescore",
            "POST /api/v1/pairing-rounds",
            "POST /api/v1/pairing-rounds/{id}/proposals",
            "POST /api/v1/partnerships",
            "POST /api/v1/partnerships/imports",
            "POST /api/v1/proposals/{id}/accept",
            "POST /api/v1/proposals/{id}/decline",
            "PUT /api/v1/admin/model");

    /** Writes served by every instance: the database is all they need. */
    private static final Set<String> LOCAL_WRITES =
            Set.of("POST /api/v1/admin/model/versions", "DELETE /api/v1/jobs/{id}");

    private static final List<Class<?>> RESOURCES = List.of(
            JobResource.class,
            AdminResource.class,
            CityProposalsResource.class,
            PairingRoundResource.class,
            PartnershipResource.class,
            ProposalResource.class);

    @Test
    void shouldForwardExactlyTheWritesThatNeedTheEngine() {
        Set<String> writes = new TreeSet<>();
        Set<String> forwarded = new TreeSet<>();
        for (Class<?> resource : RESOURCES) {
            String base = resource.getAnnotation(Path.class).value();
            for (Method method : resource.getDeclaredMethods()) {
                String verb = verb(method);
                if (verb == null) {
                    continue;
                }
                Path path = method.getAnnotation(Path.class);
                String template = base + (path == null ? "" : path.value());
                String concrete = template.replaceAll("\\{[^}]+}", "0d6f1f4e-8d1c-4a39-9c57-0b7f1d1c2a11");
                if (LeaderForwarding.needsEngine(HttpMethod.valueOf(verb), concrete)) {
                    forwarded.add(verb + " " + template);
                }
                if (!verb.equals("GET")) {
                    writes.add(verb + " " + template);
                }
            }
        }
        assertThat(forwarded).containsExactlyInAnyOrderElementsOf(ENGINE_WRITES);
        Set<String> listed = new TreeSet<>(ENGINE_WRITES);
        listed.addAll(LOCAL_WRITES);
        assertThat(writes).as("every write of the API, forwarded or not").isEqualTo(listed);
    }

    @Test
    void shouldNeverForwardReads() {
        assertThat(LeaderForwarding.needsEngine(HttpMethod.GET, "/api/v1/proposals/x/accept"))
                .isFalse();
        assertThat(LeaderForwarding.needsEngine(HttpMethod.GET, "/api/v1/partnerships"))
                .isFalse();
        assertThat(LeaderForwarding.needsEngine(HttpMethod.POST, "/api/v1/partnerships/"))
                .isTrue();
    }

    private static String verb(Method method) {
        if (method.isAnnotationPresent(GET.class)) {
            return "GET";
        }
        if (method.isAnnotationPresent(POST.class)) {
            return "POST";
        }
        if (method.isAnnotationPresent(PUT.class)) {
            return "PUT";
        }
        if (method.isAnnotationPresent(DELETE.class)) {
            return "DELETE";
        }
        return method.isAnnotationPresent(PATCH.class) ? "PATCH" : null;
    }
}
