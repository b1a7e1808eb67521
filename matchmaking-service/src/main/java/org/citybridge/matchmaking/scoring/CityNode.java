package org.citybridge.matchmaking.scoring;

import org.citybridge.contracts.vocabulary.CooperationArea;

import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.UUID;

/**
 * One city inside the scoring core: its profile facts plus derived bit masks that make pair scoring
 * a handful of array reads. Mutable, owned by {@link CityGraph}: the features read its fields, the
 * ranking only what the public methods show.
 */
public final class CityNode {

    public static final int AREAS = CooperationArea.values().length;

    final UUID id;
    final int idx;
    /** False for cities only referenced so far (e.g. a partner not yet registered): never scored. */
    boolean registered;

    /** The profile it was last built from, its partner list left out (partnerships are kept apart). */
    CityFacts profile;

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
    /** Where it is, as a unit vector (x, y, z on the sphere); null when its coordinates are unknown. */
    double[] position;
    /** Its cell of {@link GeoGrid} as last indexed, or -1. */
    int indexedCell = -1;
    /** ISO 639-1 codes of its official languages, lower case. */
    Set<String> languages = Set.of();
    /** Its partnership-count bucket of {@link CityGraph#byActivity} as last indexed. */
    int indexedActivity;
    /** Its bucket of {@link CityGraph#byScale} as last indexed, -1 for none. */
    int indexedScale = -1;
    /** True if one of its interests prefers partners in its own country: same-country pairs are then proposed. */
    boolean asksDomestic;

    final Map<UUID, InterestFacts> interests = new LinkedHashMap<>();
    /** Per area: bit 1 &lt;&lt; stance ordinal for every interest in that area. */
    final byte[] stance = new byte[AREAS];
    /** Per area: bit 1 &lt;&lt; intent ordinal for every interest in that area. */
    final byte[] intent = new byte[AREAS];
    /** The masks as last entered in the area indexes of {@link CityGraph} (zero once retired). */
    final byte[] indexedStance = new byte[AREAS];

    final byte[] indexedIntent = new byte[AREAS];
    /** Bit 1 &lt;&lt; area ordinal for every area with at least one interest. */
    int areaBits;

    boolean hasPreferences;
    /** Every preferred region or country of any interest, lower case: a cheap bound of the preference feature. */
    Set<String> preferenceTargets = Set.of();
    /** The targets as last entered in {@link CityGraph#byPreferenceTarget}. */
    Set<String> indexedTargets = Set.of();
    /** Lower-case country, region and sub-region: what the preference bound and index compare. */
    String[] place = new String[0];
    /** The same one by one (null when unknown): what the preference feature and the country index compare. */
    String countryKey;

    private String regionKey;
    private String subRegionKey;
    /** Preferred regions (lower case) and the areas of the interests preferring each, as bits: a few entries. */
    private PreferredPlaces preferredRegions = PreferredPlaces.NONE;
    /** The same for preferred countries. */
    private PreferredPlaces preferredCountries = PreferredPlaces.NONE;

    /** Places and their area bits as parallel arrays: a scan of one or two entries per pair, nothing hashed. */
    private record PreferredPlaces(String[] places, int[] areas) {
        static final PreferredPlaces NONE = new PreferredPlaces(new String[0], new int[0]);

        static PreferredPlaces of(Map<String, Integer> areasByPlace) {
            return new PreferredPlaces(
                    areasByPlace.keySet().toArray(new String[0]),
                    areasByPlace.values().stream().mapToInt(Integer::intValue).toArray());
        }

        /** The areas preferring {@code first} or {@code second} (null matches nothing). */
        int areasOf(String first, String second) {
            int bits = 0;
            for (int i = 0; i < places.length; i++) {
                if (places[i].equals(first) || places[i].equals(second)) {
                    bits |= areas[i];
                }
            }
            return bits;
        }
    }

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
        List<String> parts = new ArrayList<>();
        for (String part : new String[] {country, region, subRegion}) {
            if (part != null) {
                parts.add(part.toLowerCase(Locale.ROOT));
            }
        }
        place = parts.toArray(new String[0]);
        countryKey = lowerCase(country);
        regionKey = lowerCase(region);
        subRegionKey = lowerCase(subRegion);
        asksDomestic = country != null && preferenceTargets.contains(country.toLowerCase(Locale.ROOT));
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

    /**
     * The areas (as bits) of this city's interests that prefer partners in {@code other}'s region, sub-region
     * or country: a scan of its few preferred places, as the ranking scores thousands of pairs per event.
     */
    int areasPreferring(CityNode other) {
        if (!hasPreferences) {
            return 0;
        }
        return preferredRegions.areasOf(other.regionKey, other.subRegionKey)
                | preferredCountries.areasOf(other.countryKey, null);
    }

    /** True if {@code preferred} (a region of an interest's preferences) names {@code other}'s region or sub-region. */
    static boolean namesRegionOf(String preferred, CityNode other) {
        String key = lowerCase(preferred);
        return key.equals(other.regionKey) || key.equals(other.subRegionKey);
    }

    /** True if {@code preferred} (a country of an interest's preferences) is {@code other}'s country. */
    static boolean namesCountryOf(String preferred, CityNode other) {
        return lowerCase(preferred).equals(other.countryKey);
    }

    private static String lowerCase(String text) {
        return text == null ? null : text.toLowerCase(Locale.ROOT);
    }

    public UUID id() {
        return id;
    }

    /** The city's dense number: its bit in every index. */
    public int index() {
        return idx;
    }

    /** Registered and not retired: the only cities that are ever scored. */
    public boolean scorable() {
        return registered && !retired;
    }

    /** True if the city states an interest in some area: without one it is never proposed. */
    public boolean hasInterests() {
        return areaBits != 0;
    }

    /** The numbers of the cities it has formed partnerships with (read-only). */
    public Set<Integer> partnerIndexes() {
        return Collections.unmodifiableSet(partners);
    }

    String label() {
        return name == null ? id.toString() : name;
    }

    /** The number of partnerships it has formed. */
    public int partnerCount() {
        return partners.size();
    }

    /** Recomputes the masks of one area after its interests changed. */
    void recomputeArea(int area) {
        byte s = 0;
        byte i = 0;
        boolean prefs = false;
        Set<String> targets = new HashSet<>();
        Map<String, Integer> byRegion = new HashMap<>();
        Map<String, Integer> byCountry = new HashMap<>();
        for (InterestFacts interest : interests.values()) {
            if (interest.hasPreferences()) {
                prefs = true;
                int bit = 1 << interest.area().ordinal();
                interest.preferredRegions().forEach(r -> {
                    targets.add(lowerCase(r));
                    byRegion.merge(lowerCase(r), bit, (x, y) -> x | y);
                });
                interest.preferredCountries().forEach(c -> {
                    targets.add(lowerCase(c));
                    byCountry.merge(lowerCase(c), bit, (x, y) -> x | y);
                });
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
        preferredRegions = PreferredPlaces.of(byRegion);
        preferredCountries = PreferredPlaces.of(byCountry);
        asksDomestic = country != null && targets.contains(country.toLowerCase(Locale.ROOT));
        if (s != 0) {
            areaBits |= 1 << area;
        } else {
            areaBits &= ~(1 << area);
        }
    }
}
