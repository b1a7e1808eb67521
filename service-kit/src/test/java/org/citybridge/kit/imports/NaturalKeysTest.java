package org.citybridge.kit.imports;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

class NaturalKeysTest {

    @Test
    void shouldLowerCaseLetterByLetterAsTheDatabaseDoes() {
        // String.toLowerCase gives "i̇zmir" (i and a combining dot) and a final ς: neither meets the database's
        assertThat(NaturalKeys.name("  İZMİR ")).isEqualTo("izmir").isEqualTo(NaturalKeys.name("İzmir"));
        assertThat(NaturalKeys.name("ΑΓΙΟΣ")).isEqualTo("αγιοσ");
        assertThat(NaturalKeys.name("São Paulo")).isEqualTo(NaturalKeys.name("SÃO PAULO"));
    }
}
