package org.citybridge.portal;

import org.citybridge.portal.client.ApiModels.City;
import org.citybridge.portal.client.ApiModels.Coordinates;
import org.citybridge.portal.service.WorldMap;
import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.UUID;

import static org.assertj.core.api.Assertions.assertThat;

/** Cities land on the shipped world map where its outlines put their country (tools/world-map.py's projection). */
class WorldMapTest {

    @Test
    void shouldPlaceCitiesOnTheMapsEquirectangularGrid() {
        WorldMap.Dot luoyang = WorldMap.dot(city("Luoyang", 34.6197, 112.454));
        assertThat(luoyang.x()).isEqualTo(812.4);
        assertThat(luoyang.y()).isEqualTo(153.8);
        WorldMap.Dot mexicoCity = WorldMap.dot(city("Mexico City", 19.4326, -99.1332));
        assertThat(mexicoCity.x()).isEqualTo(224.6);
        assertThat(mexicoCity.y()).isEqualTo(196.0);
        // corners of the world
        assertThat(WorldMap.dot(city("north-west", 90, -180)).x()).isZero();
        assertThat(WorldMap.dot(city("south-east", -90, 180)).y()).isEqualTo(500.0);
    }

    @Test
    void shouldDrawALineFromOneCityToTheOther() {
        City a = city("Luoyang", 34.6197, 112.454);
        City b = city("Mexico City", 19.4326, -99.1332);
        WorldMap.Line line = WorldMap.line(a, b, "partnership", "SISTER_CITY", null);
        assertThat(List.of(line.x1(), line.y1(), line.x2(), line.y2())).containsExactly(812.4, 153.8, 224.6, 196.0);
        assertThat(line.nameA()).isEqualTo("Luoyang");
        assertThat(line.b()).isEqualTo(b.id());
    }

    private static City city(String name, double latitude, double longitude) {
        return new City(
                UUID.randomUUID(),
                name,
                null,
                "CN",
                null,
                null,
                null,
                new Coordinates(latitude, longitude),
                List.of(),
                null,
                List.of(),
                List.of(),
                1);
    }
}
