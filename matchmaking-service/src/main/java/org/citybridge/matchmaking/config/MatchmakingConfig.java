package org.citybridge.matchmaking.config;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;
import org.citybridge.matchmaking.scoring.MatchSettings;
import org.citybridge.matchmaking.scoring.SouthSouthMode;
import org.citybridge.matchmaking.scoring.Weights;

import java.util.Map;
import java.util.Optional;

/** Matchmaking settings ({@code citybridge.matchmaking.*}); the defaults are the documented model. */
@ConfigMapping(prefix = "citybridge.matchmaking")
public interface MatchmakingConfig {

    /** Proposals kept per city. */
    @WithDefault("10")
    int topN();

    /** Pairs scoring below this are never proposed. */
    @WithDefault("3.0")
    double minScore();

    /**
     * Fair exposure: a city is proposed only to the cities among its own best this many matches, so never
     * to more than that many at once; 0 for no cap. 50 keeps every city under 1 % of all lists on real
     * twinning data at no loss of recall (bench/RESULTS.md, "Matchmaking quality").
     */
    @WithDefault("50")
    int exposureCap();

    /**
     * Pairing rounds running or waiting for the engine at once; a round beyond them is answered 503 with
     * Retry-After (rounds run one after another under the engine lock, so more would only hold threads).
     */
    @WithDefault("2")
    int maxConcurrentPairingRounds();

    /**
     * A pairing round of more pairs than this (group A × group B) runs as a job (202 with its Location)
     * instead of within the request.
     */
    @WithDefault("250000")
    long pairingJobThreshold();

    /** BONUS adds weights.south-south to pairs of developing economies; FILTER proposes only those pairs. */
    @WithDefault("BONUS")
    SouthSouthMode southSouthMode();

    /**
     * Weights by feature key ({@code citybridge.matchmaking.weights.shared-cluster=0.75}); a feature not
     * named here keeps its documented default, a key no feature has stops the service at start.
     */
    Map<String, Double> weights();

    /**
     * Where this instance answers for the other instances, which forward the requests that change the
     * engine to the leader; default {@code http://<quarkus.http.host or this host's address>:<quarkus.http.port>}.
     */
    Optional<String> instanceUrl();

    /** The settings as the scoring core takes them. */
    default MatchSettings toSettings() {
        return new MatchSettings(Weights.of(weights()), topN(), minScore(), southSouthMode(), null, exposureCap());
    }
}
