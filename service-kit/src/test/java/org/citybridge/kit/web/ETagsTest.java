package org.citybridge.kit.web;

import org.junit.jupiter.api.Test;

import java.util.Set;

import static org.assertj.core.api.Assertions.assertThat;

/** Tags of a version and of its variants: If-Match with any of them names the version. */
class ETagsTest {

    @Test
    void shouldTagAVariantApartAndReadItsVersionBack() {
        assertThat(ETags.of(7).toString()).isEqualTo("\"7\"");
        assertThat(ETags.of(7, null)).isEqualTo(ETags.of(7));
        assertThat(ETags.of(7, "es").toString()).isEqualTo("\"7-es\"");
        assertThat(ETags.of(7, "es")).isNotEqualTo(ETags.of(7));

        assertThat(ETags.expectedVersion("\"7-es\"").versions()).isEqualTo(Set.of(7L));
        assertThat(ETags.expectedVersion("W/\"7-zh\", \"8\"").versions()).isEqualTo(Set.of(7L, 8L));
        assertThat(ETags.expectedVersion("\"07-es\"").versions()).isEmpty();
        assertThat(ETags.expectedVersion("\"7-\"").versions()).isEmpty();
    }
}
