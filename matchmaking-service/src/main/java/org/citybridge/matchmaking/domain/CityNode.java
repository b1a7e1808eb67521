package org.citybridge.matchmaking.domain;

import org.citybridge.contracts.vocabulary.CooperationArea;

import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;

/**
 * One city inside the scoring core: its profile facts plus derived bit masks that make pair scoring
 * a handful of array reads. Mutable, owned by {@link CityGraph}.
 */
final class CityNode {

    static final int AREAS = CooperationArea.values().length;

    final UUID id;
    final int idx;
    /** False for cities only referenced so far (e.g. a partner not yet registered): never scored. */
    boolean registered;
    boolean retired;
    String name;
    String country;
    String region;
    String subRegion;
    Long population;
    double log10Population = Double.NaN;
    List<String> worldHeritage = List.of();
    Set<String> associations = Set.of();
    boolean developing;

    final Map<UUID, InterestFacts> interests = new LinkedHashMap<>();
    /** Per area: bit 1 &lt;&lt; stance ordinal for every interest in that area. */
    final byte[] stance = new byte[AREAS];
    /** Per area: bit 1 &lt;&lt; intent ordinal for every interest in that area. */
    final byte[] intent = new byte[AREAS];
    /** Bit 1 &lt;&lt; area ordinal for every area with at least one interest. */
    int areaBits;
    boolean hasPreferences;
    /** Every preferred region or country of any interest, lower case: a cheap bound of the preference feature. */
    Set<String> preferenceTargets = Set.of();
    /** The targets as last entered in {@link CityGraph#byPreferenceTarget}. */
    Set<String> indexedTargets = Set.of();
    /** Lower-case country, region and sub-region, for matching others' preferences. */
    String[] place = new String[0];

    final Set<UUID> clusters = new HashSet<>();
    final Set<UUID> exchanges = new HashSet<>();
    final Set<Integer> partners = new HashSet<>();

    CityNode(UUID id, int idx) {
        this.id = id;
        this.idx = idx;
    }

    void setPlace(String country, String region, String subRegion) {
        this.country = country;
        this.region = region;
        this.subRegion = subRegion;
        java.util.List<String> parts = new java.util.ArrayList<>();
        for (String part : new String[]{country, region, subRegion}) {
            if (part != null) {
                parts.add(part.toLowerCase(java.util.Locale.ROOT));
            }
        }
        place = parts.toArray(new String[0]);
    }

    /** True if any of this city's preferences could be met by {@code other} (an upper bound of the feature). */
    boolean mayPrefer(CityNode other) {
        if (!hasPreferences) {
            return false;
        }
        for (String part : other.place) {
            if (preferenceTargets.contains(part)) {
                return true;
            }
        }
        return false;
    }

    boolean scorable() {
        return registered && !retired;
    }

    String label() {
        return name == null ? id.toString() : name;
    }

    /** Recomputes the masks of one area after its interests changed. */
    void recomputeArea(int area) {
        byte s = 0;
        byte i = 0;
        boolean prefs = false;
        Set<String> targets = new HashSet<>();
        for (InterestFacts interest : interests.values()) {
            if (interest.hasPreferences()) {
                prefs = true;
                interest.preferredRegions().forEach(r -> targets.add(r.toLowerCase(java.util.Locale.ROOT)));
                interest.preferredCountries().forEach(c -> targets.add(c.toLowerCase(java.util.Locale.ROOT)));
            }
            if (interest.area().ordinal() == area) {
                s |= (byte) (1 << interest.stance().ordinal());
                i |= (byte) (1 << interest.intent().ordinal());
            }
        }
        stance[area] = s;
        intent[area] = i;
        hasPreferences = prefs;
        preferenceTargets = Set.copyOf(targets);
        if (s != 0) {
            areaBits |= 1 << area;
        } else {
            areaBits &= ~(1 << area);
        }
    }
}
