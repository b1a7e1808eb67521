package org.citybridge.launcher.seed;

import com.sun.net.httpserver.HttpServer;
import org.citybridge.launcher.http.ApiClient;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.URI;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.CopyOnWriteArrayList;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assertions.assertThrows;

/** The loader's view of cities-service's API, against a stand-in that answers like it. */
class HttpCityDirectoryTest {

    private static final UUID XIAN = UUID.randomUUID();
    private static final UUID XIANGYANG = UUID.randomUUID();
    private static final UUID LUOYANG = UUID.randomUUID();

    private HttpServer server;
    private final List<String> queries = new CopyOnWriteArrayList<>();
    private HttpCityDirectory directory;

    @BeforeEach
    void start() throws IOException {
        server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
        server.createContext("/api/v1/cities", exchange -> {
            String query = URLDecoder.decode(exchange.getRequestURI().getRawQuery(), StandardCharsets.UTF_8);
            queries.add(query);
            String body;
            int status = 200;
            if (query.contains("q=Xi'an")) {
                body = page(Map.of("Xiangyang", XIANGYANG, "Xi'an", XIAN));
            } else if (query.contains("q=Luoyang")) {
                body = page(Map.of("Luoyang City", LUOYANG));
            } else if (query.contains("q=Broken")) {
                status = 503;
                body = "{\"status\":503}";
            } else {
                body = page(Map.of());
            }
            byte[] bytes = body.getBytes(StandardCharsets.UTF_8);
            exchange.getResponseHeaders().add("Content-Type", "application/json");
            exchange.sendResponseHeaders(status, bytes.length);
            exchange.getResponseBody().write(bytes);
            exchange.close();
        });
        server.start();
        ApiClient api = ApiClient.create(Duration.ofSeconds(10))
                .at(URI.create("http://127.0.0.1:" + server.getAddress().getPort()));
        directory = new HttpCityDirectory(api);
    }

    @AfterEach
    void stop() {
        server.stop(0);
    }

    private static String page(Map<String, UUID> cities) {
        StringBuilder items = new StringBuilder();
        cities.forEach((name, id) -> items.append(items.isEmpty() ? "" : ",")
                .append("{\"id\":\"")
                .append(id)
                .append("\",\"name\":\"")
                .append(name)
                .append("\"}"));
        return "{\"items\":[" + items + "],\"page\":0,\"size\":50,\"totalItems\":" + cities.size()
                + ",\"totalPages\":1}";
    }

    @Test
    void shouldPreferTheExactNameAmongSeveralResultsAndSendNameAndCountry() {
        assertThat(directory.find("Xi'an", "CN")).contains(XIAN);
        assertThat(queries.get(0)).contains("q=Xi'an").contains("country=CN");
    }

    @Test
    void shouldTakeASingleResultWhenTheNameDiffers() {
        assertThat(directory.find("Luoyang", "CN")).contains(LUOYANG);
    }

    @Test
    void shouldReportAMissingCityAsEmpty() {
        assertThat(directory.find("Atlantis", "GR")).isEqualTo(Optional.empty());
    }

    @Test
    void shouldFailLoudlyWhenCitiesServiceAnswersWithAnError() {
        ApiClient.ApiCallException error =
                assertThrows(ApiClient.ApiCallException.class, () -> directory.find("Broken", "MX"));
        assertThat(error.status()).isEqualTo(503);
    }
}
