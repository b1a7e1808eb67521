package org.citybridge.contracts.events;

import java.util.List;

/**
 * A heritage asset of a city, e.g. the Longmen Grottoes.
 *
 * @param kind          e.g. "UNESCO World Heritage site"
 * @param inscribedYear UNESCO inscription year, if inscribed
 * @param facts         short facts, e.g. "about 1,500 buildings of monumental value"
 */
public record HeritageAsset(String name, String kind, Integer inscribedYear, List<String> facts) {

    public HeritageAsset {
        facts = facts == null ? List.of() : List.copyOf(facts);
    }
}
