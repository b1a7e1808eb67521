package org.citybridge.portal.rest;

import jakarta.ws.rs.core.MultivaluedHashMap;
import jakarta.ws.rs.core.MultivaluedMap;
import org.citybridge.portal.client.ApiModels.PairingRound;
import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.UUID;

import static org.assertj.core.api.Assertions.assertThat;

/** The pairing form's choice survives the redirect: written to a query string and read back the same. */
class PairingChoiceTest {

    @Test
    void shouldComeBackFromItsQueryStringAsItWent() {
        UUID cluster = UUID.randomUUID();
        PairingChoice choice = new PairingChoice(
                "UY", cluster.toString(), " ", "GH", "", "waste-management", "THEMATIC", null, "stable", 2);
        assertThat(choice.query())
                .isEqualTo("countryA=UY&clusterA=" + cluster
                        + "&countryB=GH&areaB=waste-management&kind=THEMATIC&method=stable&capacity=2");
        assertThat(PairingChoice.of(parse(choice.query()))).isEqualTo(choice);
        assertThat(choice.chose("clusterA", cluster)).isTrue();
        assertThat(choice.chose("clusterB", cluster)).isFalse();
        assertThat(choice.chose("kind", "THEMATIC")).isTrue();
        assertThat(choice.chose("areaA", "waste-management")).isFalse();
    }

    @Test
    void shouldEncodeWhatAPersonTypedAndDropACapacityThatIsNoNumber() {
        PairingChoice typed = new PairingChoice("M&X", null, null, "C N", null, null, null, null, null, null);
        assertThat(typed.query()).isEqualTo("countryA=M%26X&countryB=C+N");
        MultivaluedMap<String, String> query = new MultivaluedHashMap<>();
        query.putSingle("countryA", "MX");
        query.putSingle("capacity", "many");
        assertThat(PairingChoice.of(query).capacity()).isNull();
        assertThat(PairingChoice.of(new MultivaluedHashMap<>())).isEqualTo(PairingChoice.NONE);
    }

    @Test
    void shouldTakeWhatTheRoundRecordsWhereTheQueryIsSilent() {
        PairingRound round = new PairingRound(
                UUID.randomUUID(), "optimal", "SISTER_CITY", "culture", 3, List.of(), List.of(), null, null, 0, false);
        PairingChoice shown =
                new PairingChoice("MX", null, null, "CN", null, null, null, null, "stable", null).orFrom(round);
        assertThat(shown.kind()).isEqualTo("SISTER_CITY");
        assertThat(shown.area()).isEqualTo("culture");
        assertThat(shown.method()).isEqualTo("stable");
        assertThat(shown.capacity()).isEqualTo(3);
        assertThat(PairingChoice.NONE.orFrom(null)).isEqualTo(PairingChoice.NONE);
    }

    private static MultivaluedMap<String, String> parse(String query) {
        MultivaluedMap<String, String> map = new MultivaluedHashMap<>();
        for (String pair : query.split("&")) {
            String[] parts = pair.split("=", 2);
            map.putSingle(parts[0], java.net.URLDecoder.decode(parts[1], java.nio.charset.StandardCharsets.UTF_8));
        }
        return map;
    }
}
