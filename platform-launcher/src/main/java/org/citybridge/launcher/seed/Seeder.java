package org.citybridge.launcher.seed;

import org.citybridge.launcher.DemoUsers;
import org.citybridge.launcher.Keycloak;
import org.citybridge.launcher.Platform;
import org.citybridge.launcher.PlatformLayout;
import org.citybridge.launcher.Status;

import java.time.Duration;
import java.time.Instant;
import java.util.Comparator;
import java.util.List;
import java.util.ServiceLoader;
import java.util.UUID;
import java.util.stream.Collectors;
import java.util.stream.StreamSupport;

/**
 * Loads the seed story into a running platform: the cities first, then each officer's {@code city_id}
 * attribute in Keycloak (the ids are chosen by cities-service, so they are known only now), then the
 * clusters story ({@link ClustersStorySeed}), then every further {@link SeedStep} on the classpath.
 * Safe to run again.
 */
public final class Seeder {

    private Seeder() {
    }

    public static SeedContext run(Platform platform, Status status) {
        Keycloak keycloak = new Keycloak(platform.keycloak().baseUrl(), Platform.REALM);
        SeedContext context = new SeedContext(platform.serviceUrl("cities-service"),
                platform.serviceUrl("clusters-service"), platform.serviceUrl("matchmaking-service"),
                keycloak, new java.util.LinkedHashMap<>(), new Api());

        Instant since = Instant.now();
        status.starting("seed: cities", "through cities-service's API");
        CitySeed.Result cities = CitySeed.load(context);
        context.cityIds().putAll(cities.cityIds());
        status.ready("seed: cities", cities.created() + " created, " + cities.existing() + " already there",
                Duration.between(since, Instant.now()));

        since = Instant.now();
        for (DemoUsers.User officer : List.of(DemoUsers.OFFICER_MEXICO_CITY, DemoUsers.OFFICER_LUOYANG)) {
            UUID cityId = context.cityId(officer.cityName(), officer.cityCountry())
                    .orElseThrow(() -> new IllegalStateException("Seed city " + officer.cityName() + " missing"));
            keycloak.setUserAttribute(officer.username(), "city_id", cityId.toString());
        }
        status.ready("seed: officers", "city_id set for " + DemoUsers.OFFICER_MEXICO_CITY.username() + ", "
                + DemoUsers.OFFICER_LUOYANG.username(), Duration.between(since, Instant.now()));

        if (ClustersStorySeed.available(platform.layout())) {
            since = Instant.now();
            status.starting("seed: clusters story", "log " + PlatformLayout.display(platform.layout().log("seed-clusters-story")));
            ClustersStorySeed.load(platform.layout(), context);
            status.ready("seed: clusters story", "organisations, course, video conference, surveys",
                    Duration.between(since, Instant.now()));
        } else {
            status.info("          seed: clusters story skipped (clusters-service has no DemoStoryLoader yet)");
        }

        List<SeedStep> steps = StreamSupport.stream(ServiceLoader.load(SeedStep.class).spliterator(), false)
                .sorted(Comparator.comparingInt(SeedStep::order)).collect(Collectors.toList());
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
}
