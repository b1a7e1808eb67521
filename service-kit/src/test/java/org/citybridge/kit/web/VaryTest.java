package org.citybridge.kit.web;

import jakarta.ws.rs.core.MultivaluedHashMap;
import jakarta.ws.rs.core.MultivaluedMap;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

class VaryTest {

    @Test
    void shouldKeepOneLineWithEachFieldOnce() {
        MultivaluedMap<String, Object> headers = new MultivaluedHashMap<>();
        Vary.add(headers, "Accept-Language");
        Vary.add(headers, "Authorization");
        Vary.add(headers, "Accept-Language");
        assertThat(headers.get("Vary")).containsExactly("Accept-Language, Authorization");
    }
}
