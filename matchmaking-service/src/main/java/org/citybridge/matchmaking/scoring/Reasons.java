package org.citybridge.matchmaking.scoring;

import org.citybridge.contracts.events.MatchReason;
import org.citybridge.contracts.vocabulary.CooperationArea;
import org.citybridge.contracts.vocabulary.Intent;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;

/** The reasons of one pair's score, as its features explain their contributions. */
final class Reasons {

    private final List<MatchReason> list = new ArrayList<>();

    void add(Feature feature, String text, double contribution) {
        list.add(new MatchReason(feature.code(), text, contribution));
    }

    /** In the order the features gave them. */
    List<MatchReason> list() {
        return List.copyOf(list);
    }

    /** Largest contribution first; equal ones in the order the features gave them. */
    List<MatchReason> sorted() {
        list.sort(Comparator.comparingDouble(MatchReason::contribution).reversed());
        return list;
    }

    /** An area as it reads inside a sentence: "economic development". */
    static String lower(CooperationArea area) {
        return area.label().toLowerCase(Locale.ROOT);
    }

    /** Intents of a mask, as they read inside a sentence: "sister city, knowledge exchange". */
    static String intents(int mask) {
        List<String> names = new ArrayList<>();
        for (Intent intent : Intent.values()) {
            if ((mask & (1 << intent.ordinal())) != 0) {
                names.add(intent.name().toLowerCase(Locale.ROOT).replace('_', ' '));
            }
        }
        return String.join(", ", names);
    }
}
