package org.citybridge.portal;

import org.citybridge.portal.client.ApiModels.City;
import org.citybridge.portal.service.CityNames;
import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.atomic.AtomicInteger;

import static org.assertj.core.api.Assertions.assertThat;

/** Other cities' names are read once and then kept, a missing city too. */
class CityNamesTest {

    @Test
    void shouldReadEachCityOnceWhileItsNameIsKept() {
        CityNames names = new CityNames();
        UUID luoyang = UUID.randomUUID();
        UUID gone = UUID.randomUUID();
        AtomicInteger reads = new AtomicInteger();
        for (int i = 0; i < 3; i++) {
            assertThat(names.of(luoyang, id -> {
                        reads.incrementAndGet();
                        return Optional.of(city(id, "Luoyang", "洛阳"));
                    }))
                    .contains(new CityNames.Name("Luoyang", "洛阳", "zh"));
            assertThat(names.of(gone, id -> {
                        reads.incrementAndGet();
                        return Optional.empty();
                    }))
                    .isEmpty();
        }
        assertThat(reads).hasValue(2);
    }

    @Test
    void shouldLeaveOutALocalNameThatIsTheLatinOne() {
        CityNames names = new CityNames();
        UUID id = UUID.randomUUID();
        assertThat(names.of(id, key -> Optional.of(city(key, "Oaxaca", "Oaxaca"))))
                .contains(new CityNames.Name("Oaxaca", null, "zh"));
    }

    private static City city(UUID id, String name, String localName) {
        return new City(
                id, name, localName, "CN", null, null, null, null, List.of("zh"), null, List.of(), List.of(), 1);
    }
}
