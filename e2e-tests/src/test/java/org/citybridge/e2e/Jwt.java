package org.citybridge.e2e;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.Base64;

/** Reads (never verifies) the claims of a JWT, and forges broken copies of one for negative tests. */
final class Jwt {

    private static final ObjectMapper JSON = new ObjectMapper();

    private Jwt() {}

    static JsonNode claims(String token) {
        try {
            return JSON.readTree(Base64.getUrlDecoder().decode(token.split("\\.")[1]));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** The same token with one signature byte changed. */
    static String withTamperedSignature(String token) {
        String[] parts = token.split("\\.");
        byte[] signature = Base64.getUrlDecoder().decode(parts[2]);
        signature[signature.length / 2] ^= 0x01;
        return parts[0] + "." + parts[1] + "."
                + Base64.getUrlEncoder().withoutPadding().encodeToString(signature);
    }

    /** The same token with one claim replaced and the original signature kept. */
    static String withClaim(String token, String claim, String value) {
        String[] parts = token.split("\\.");
        com.fasterxml.jackson.databind.node.ObjectNode claims =
                (com.fasterxml.jackson.databind.node.ObjectNode) claims(token);
        claims.put(claim, value);
        try {
            return parts[0] + "."
                    + Base64.getUrlEncoder().withoutPadding().encodeToString(JSON.writeValueAsBytes(claims)) + "."
                    + parts[2];
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
