package org.citybridge.matchmaking.scoring;

/**
 * Everything the scoring core is configured with: the model (weights and what was learned with them)
 * and how proposals are kept.
 *
 * @param topN          proposals kept per city
 * @param minScore      a pair scoring below this is never proposed
 * @param countryPairs  how often the cities of two countries twin, as learned when the model was fitted
 * @param exposureCap   fair exposure: a city is proposed only to the cities among its own best
 *                      {@code exposureCap} matches, so to at most that many; 0 for no cap
 */
public record MatchSettings(
        Weights weights,
        int topN,
        double minScore,
        SouthSouthMode southSouthMode,
        CountryPairs countryPairs,
        int exposureCap) {

    /** The documented model, as the configuration's defaults (citybridge.matchmaking.*) are. */
    public static MatchSettings defaults() {
        return new MatchSettings(Weights.defaults(), 10, 3.0, SouthSouthMode.BONUS, CountryPairs.NONE, 50);
    }

    public MatchSettings {
        if (topN < 1 || topN > 100) {
            throw new IllegalArgumentException("topN must be between 1 and 100: " + topN);
        }
        if (exposureCap < 0 || exposureCap > 1000) {
            throw new IllegalArgumentException("exposureCap must be between 0 (none) and 1000: " + exposureCap);
        }
        if (countryPairs == null) {
            countryPairs = CountryPairs.NONE;
        }
    }

    /** Settings with no country-pair statistics learned yet and no exposure cap. */
    public MatchSettings(Weights weights, int topN, double minScore, SouthSouthMode southSouthMode) {
        this(weights, topN, minScore, southSouthMode, CountryPairs.NONE, 0);
    }

    /** Settings with no exposure cap. */
    public MatchSettings(
            Weights weights, int topN, double minScore, SouthSouthMode southSouthMode, CountryPairs countryPairs) {
        this(weights, topN, minScore, southSouthMode, countryPairs, 0);
    }

    /** How many matches each city's ranking keeps: its top N, or with a cap its top {@code exposureCap}. */
    public int listSize() {
        return exposureCap > 0 ? Math.max(topN, exposureCap) : topN;
    }

    public MatchSettings withWeights(Weights replaced) {
        return new MatchSettings(replaced, topN, minScore, southSouthMode, countryPairs, exposureCap);
    }

    public MatchSettings withCountryPairs(CountryPairs replaced) {
        return new MatchSettings(weights, topN, minScore, southSouthMode, replaced, exposureCap);
    }

    public MatchSettings withExposureCap(int cap) {
        return new MatchSettings(weights, topN, minScore, southSouthMode, countryPairs, cap);
    }

    public MatchSettings withSouthSouthMode(SouthSouthMode replaced) {
        return new MatchSettings(weights, topN, minScore, replaced, countryPairs, exposureCap);
    }

    public MatchSettings withMinScore(double replaced) {
        return new MatchSettings(weights, topN, replaced, southSouthMode, countryPairs, exposureCap);
    }
}
