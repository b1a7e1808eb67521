package org.citybridge.kit.persistence;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

class TextSearchTest {

    @Test
    void shouldMatchTheTextAnywhereWithItsWildcardsAsLetters() {
        assertThat(TextSearch.pattern(" 100% recycled_ ")).isEqualTo("%100\\% recycled\\_%");
        assertThat(TextSearch.pattern("a\\b")).isEqualTo("%a\\\\b%");
        assertThat(TextSearch.contains("name", "q")).isEqualTo("lower(name) like lower(:q) escape '\\'");
    }
}
