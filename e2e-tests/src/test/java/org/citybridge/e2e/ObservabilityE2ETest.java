package org.citybridge.e2e;

import org.citybridge.launcher.Platform;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The dashboard and the alert rules under {@code deploy/observability} watch series that exist: every
 * metric they name is served by at least one of the running services (after the seed story, so every
 * consumer has applied events), and every series carries the label {@code service} they group by.
 */
class ObservabilityE2ETest {

    private static final Path OBSERVABILITY = E2E.layout().root().resolve("deploy/observability");
    private static final Pattern METRIC =
            Pattern.compile("\\b(citybridge_[a-z_]+|http_server_requests_seconds_[a-z]+|kafka_consumer_[a-z_]+)\\b");
    private static final HttpClient HTTP =
            HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(2)).build();

    @Test
    void shouldWatchOnlyMetricsTheServicesServeWithTheirServiceLabel() throws Exception {
        Set<String> referenced = new TreeSet<>();
        referenced.addAll(metricsIn(OBSERVABILITY.resolve("alert-rules.yml")));
        referenced.addAll(metricsIn(OBSERVABILITY.resolve("grafana/dashboards/citybridge.json")));
        assertThat(referenced).contains("citybridge_outbox_backlog", "citybridge_engine_leader");

        Platform platform = E2E.platform();
        StringBuilder served = new StringBuilder();
        for (Platform.Service service : Platform.SERVICES) {
            String metrics = scrape(platform.service(service.name()).managementUrl());
            assertThat(metrics)
                    .as("%s labels its series with its name", service.name())
                    .contains("citybridge_event_bus_up{service=\"" + service.name() + "\"}");
            served.append(metrics);
        }
        Set<String> names = new TreeSet<>();
        served.toString().lines().filter(line -> !line.startsWith("#")).forEach(line -> {
            int end = line.indexOf('{') >= 0 ? line.indexOf('{') : line.indexOf(' ');
            if (end > 0) {
                names.add(line.substring(0, end));
            }
        });
        assertThat(names).as("metrics the services serve").containsAll(referenced);
    }

    private static Set<String> metricsIn(Path file) throws IOException {
        Set<String> found = new TreeSet<>();
        Matcher matcher = METRIC.matcher(Files.readString(file));
        while (matcher.find()) {
            found.add(matcher.group(1));
        }
        return found;
    }

    private static String scrape(String managementUrl) throws IOException, InterruptedException {
        HttpResponse<String> answer = HTTP.send(
                HttpRequest.newBuilder(URI.create(managementUrl + "/q/metrics"))
                        .timeout(Duration.ofSeconds(5))
                        .build(),
                HttpResponse.BodyHandlers.ofString());
        assertThat(answer.statusCode()).isEqualTo(200);
        return answer.body();
    }
}
