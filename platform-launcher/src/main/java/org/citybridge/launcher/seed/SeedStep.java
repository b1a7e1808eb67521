package org.citybridge.launcher.seed;

/**
 * One part of the demo story, loaded through the public APIs after the cities exist (for example the
 * clusters, the December 2020 study course, the 2022 video conference and the surveys).
 *
 * <p>Implementations are found with {@link java.util.ServiceLoader} (list them in
 * {@code META-INF/services/org.citybridge.launcher.seed.SeedStep} of the launcher) and run in
 * {@link #order()}. Each must be idempotent: a second run of the launcher finds what the first created
 * (look it up by a natural key before creating, or send a deterministic Idempotency-Key).
 */
public interface SeedStep {

    /** Shown in the launcher's status lines. */
    String name();

    /** Lower runs first; the cities (built in) run before every step. */
    default int order() {
        return 100;
    }

    void load(SeedContext context) throws Exception;
}
