package org.citybridge.kit.web;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;
import jakarta.transaction.Transactional;
import org.citybridge.kit.problem.ApiException;
import org.citybridge.kit.retention.Retention;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.List;
import java.util.function.Supplier;

/**
 * Honours {@code Idempotency-Key} on POSTs that create: the first request with a key does the work
 * and its response is stored in the same transaction; a replay returns that response and creates
 * nothing. Concurrent requests with the same key serialise on the key's primary key, so exactly one
 * of them does the work. Reusing a key for a different request is a 422. A key is remembered for
 * {@code citybridge.retention.idempotency-keys} (24 hours by default); after that it starts a new request.
 */
@ApplicationScoped
public class IdempotencyKeys {

    private static final int MAX_KEY_LENGTH = 200;

    @Inject
    EntityManager em;

    @Inject
    ObjectMapper mapper;

    @Inject
    Retention retention;

    /**
     * Runs {@code create} once per key.
     *
     * @param key     the header value; null runs {@code create} without idempotency
     * @param scope   who and what, e.g. the caller's subject and the route
     * @param request the request body, to detect a key reused for another request
     * @param create  does the work inside this transaction and returns the response to store
     */
    @Transactional
    public IdempotentResponse execute(String key, String scope, Object request, Supplier<IdempotentResponse> create) {
        if (key == null) {
            return create.get();
        }
        if (key.isBlank() || key.length() > MAX_KEY_LENGTH) {
            throw ApiException.badRequest("Idempotency-Key", "must be 1 to " + MAX_KEY_LENGTH + " characters");
        }
        String fingerprint = fingerprint(request);
        // an expired key is forgotten even before the background pruning reaches it
        em.createNativeQuery("delete from idempotency_key where scope = :scope and key = :key and created_at < :cutoff")
                .setParameter("scope", scope)
                .setParameter("key", key)
                .setParameter("cutoff", retention.idempotencyCutoff())
                .executeUpdate();
        int inserted = em.createNativeQuery("""
                        insert into idempotency_key (scope, key, fingerprint, created_at)
                        values (:scope, :key, :fingerprint, now()) on conflict do nothing""")
                .setParameter("scope", scope)
                .setParameter("key", key)
                .setParameter("fingerprint", fingerprint)
                .executeUpdate();
        if (inserted == 0) {
            return replay(scope, key, fingerprint);
        }
        IdempotentResponse response = create.get();
        em.createNativeQuery("""
                        update idempotency_key set status = :status, location = :location, etag = :etag, body = :body
                        where scope = :scope and key = :key""")
                .setParameter("status", response.status())
                .setParameter("location", response.location())
                .setParameter("etag", response.etag())
                .setParameter("body", response.body())
                .setParameter("scope", scope)
                .setParameter("key", key)
                .executeUpdate();
        return response;
    }

    private IdempotentResponse replay(String scope, String key, String fingerprint) {
        @SuppressWarnings("unchecked")
        List<Object[]> rows = em.createNativeQuery("""
                        select fingerprint, status, location, etag, body from idempotency_key
                        where scope = :scope and key = :key""")
                .setParameter("scope", scope)
                .setParameter("key", key)
                .getResultList();
        Object[] row = rows.get(0);
        if (!fingerprint.equals(row[0])) {
            throw ApiException.unprocessable("Idempotency-Key '" + key + "' was already used for a different request");
        }
        return new IdempotentResponse(((Number) row[1]).intValue(), (String) row[2], (String) row[3], (String) row[4]);
    }

    private String fingerprint(Object request) {
        try {
            byte[] json = mapper.writeValueAsBytes(request);
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(json));
        } catch (JsonProcessingException | NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    /** JSON text of a response body, for storing. */
    public String json(Object body) {
        try {
            return new String(mapper.writeValueAsBytes(body), StandardCharsets.UTF_8);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
    }
}
