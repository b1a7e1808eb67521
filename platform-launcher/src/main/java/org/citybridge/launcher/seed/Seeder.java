package org.citybridge.launcher.seed;

import org.citybridge.launcher.DemoUsers;
import org.citybridge.launcher.Keycloak;
import org.citybridge.launcher.Platform;
import org.citybridge.launcher.PlatformLayout;
import org.citybridge.launcher.Status;
import org.citybridge.launcher.http.ApiClient;

import java.io.IOException;
import java.io.PrintWriter;
import java.io.UncheckedIOException;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.ServiceLoader;
import java.util.UUID;
import java.util.stream.Collectors;
import java.util.stream.StreamSupport;

/**
 * Loads the seed story into a running platform: the cities first, then each officer's {@code city_id}
 * attribute in Keycloak (the ids are chosen by cities-service, so they are known only now), then the
 * clusters story ({@link DemoStoryLoader}, in this process), then every further {@link SeedStep} on the
 * classpath. Everything goes through the public APIs. Safe to run again.
 */
public final class Seeder {

    /** How long the story waits for clusters-service to learn of a city that cities-service registered. */
    private static final Duration PROJECTION_WAIT = Duration.ofMinutes(2);

    private Seeder() {}

    public static SeedContext run(Platform platform, Status status) {
        Keycloak keycloak = new Keycloak(platform.keycloak(), Platform.REALM);
        SeedContext context = new SeedContext(
                platform.serviceUrl("cities-service"),
                platform.serviceUrl("clusters-service"),
                platform.serviceUrl("matchmaking-service"),
                keycloak,
                new LinkedHashMap<>(),
                ApiClient.create(Duration.ofSeconds(5)));

        Instant since = Instant.now();
        status.starting("seed: cities", "through cities-service's API");
        CitySeed.Result cities = CitySeed.load(context);
        context.cityIds().putAll(cities.cityIds());
        status.ready(
                "seed: cities",
                cities.created() + " created, " + cities.existing() + " already there",
                Duration.between(since, Instant.now()));

        since = Instant.now();
        for (DemoUsers.User officer : List.of(DemoUsers.OFFICER_MEXICO_CITY, DemoUsers.OFFICER_LUOYANG)) {
            UUID cityId = context.cityId(officer.cityName(), officer.cityCountry())
                    .orElseThrow(() -> new IllegalStateException("Seed city " + officer.cityName() + " missing"));
            keycloak.setUserAttribute(officer.username(), "city_id", cityId.toString());
        }
        status.ready(
                "seed: officers",
                "city_id set for " + DemoUsers.OFFICER_MEXICO_CITY.username() + ", "
                        + DemoUsers.OFFICER_LUOYANG.username(),
                Duration.between(since, Instant.now()));

        since = Instant.now();
        Path storyLog = platform.layout().log("seed-clusters-story");
        status.starting("seed: clusters story", "log " + PlatformLayout.display(storyLog));
        loadStory(context, storyLog);
        status.ready(
                "seed: clusters story",
                "organisations, course, video conference, surveys",
                Duration.between(since, Instant.now()));

        List<SeedStep> steps = StreamSupport.stream(
                        ServiceLoader.load(SeedStep.class).spliterator(), false)
                .sorted(Comparator.comparingInt(SeedStep::order))
                .collect(Collectors.toList());
        for (SeedStep step : steps) {
            since = Instant.now();
            status.starting("seed: " + step.name(), "");
            try {
                step.load(context);
            } catch (Exception e) {
                throw new IllegalStateException("Seed step " + step.name() + " failed: " + e.getMessage(), e);
            }
            status.ready("seed: " + step.name(), "done", Duration.between(since, Instant.now()));
        }
        return context;
    }

    /** The clusters story, its progress notes (and a failure's stack trace) in {@code log}. */
    private static DemoStoryLoader.Result loadStory(SeedContext context, Path log) {
        String token = context.adminToken(); // one token for the run: the story takes seconds, tokens live minutes
        ApiClient clusters = context.api().at(URI.create(context.clustersUrl())).as(token);
        ApiClient cities = context.api().at(URI.create(context.citiesUrl())).as(token);
        try {
            Files.createDirectories(log.getParent());
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot create " + log.getParent(), e);
        }
        try (PrintWriter out = new PrintWriter(Files.newBufferedWriter(log, StandardCharsets.UTF_8), true)) {
            try {
                DemoStoryLoader.Result result = new DemoStoryLoader(
                                clusters, new HttpCityDirectory(cities), PROJECTION_WAIT, out::println)
                        .load();
                out.println("Demo story loaded: " + result);
                return result;
            } catch (RuntimeException e) {
                e.printStackTrace(out);
                throw new IllegalStateException(
                        "clusters story: " + e.getMessage() + ", see " + PlatformLayout.display(log), e);
            }
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot write " + log, e);
        }
    }
}
