package org.citybridge.matchmaking.config;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;
import org.citybridge.matchmaking.domain.MatchSettings;
import org.citybridge.matchmaking.domain.SouthSouthMode;
import org.citybridge.matchmaking.domain.Weights;

/** Matchmaking settings ({@code citybridge.matchmaking.*}); the defaults are the documented model. */
@ConfigMapping(prefix = "citybridge.matchmaking")
public interface MatchmakingConfig {

    /** Proposals kept per city. */
    @WithDefault("10")
    int topN();

    /** Pairs scoring below this are never proposed. */
    @WithDefault("3.0")
    double minScore();

    /** BONUS adds weights.south-south to pairs of developing economies; FILTER proposes only those pairs. */
    @WithDefault("BONUS")
    SouthSouthMode southSouthMode();

    WeightsConfig weights();

    /** The contribution of one unit of each feature. */
    interface WeightsConfig {
        @WithDefault("3.0")
        double complementary();

        @WithDefault("1.0")
        double sharedInterest();

        @WithDefault("0.75")
        double sharedCluster();

        @WithDefault("1.5")
        double exchangeTogether();

        @WithDefault("0.5")
        double surveyWish();

        @WithDefault("1.0")
        double heritage();

        @WithDefault("0.5")
        double association();

        @WithDefault("0.5")
        double scale();

        @WithDefault("2.0")
        double partnerPreference();

        @WithDefault("0.5")
        double southSouth();

        @WithDefault("1.0")
        double network();

        @WithDefault("0.25")
        double loadDamper();
    }

    /** The settings as the scoring core takes them. */
    default MatchSettings toSettings() {
        WeightsConfig w = weights();
        return new MatchSettings(new Weights(w.complementary(), w.sharedInterest(), w.sharedCluster(),
                w.exchangeTogether(), w.surveyWish(), w.heritage(), w.association(), w.scale(),
                w.partnerPreference(), w.southSouth(), w.network(), w.loadDamper()),
                topN(), minScore(), southSouthMode());
    }
}
