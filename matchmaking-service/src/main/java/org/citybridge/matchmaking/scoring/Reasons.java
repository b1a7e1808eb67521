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

    /**
     * A whole number with thousands separated by commas, as {@code String.format(Locale.ROOT, "%,d", n)}
     * writes it: reasons are built for every changed pair, and the formatter costs more than the score.
     */
    static String grouped(long n) {
        String signed = Long.toString(n);
        String digits = n < 0 ? signed.substring(1) : signed;
        StringBuilder out = new StringBuilder(digits.length() + digits.length() / 3 + 1);
        if (n < 0) {
            out.append('-');
        }
        int head = digits.length() % 3 == 0 ? 3 : digits.length() % 3;
        out.append(digits, 0, head);
        for (int i = head; i < digits.length(); i += 3) {
            out.append(',').append(digits, i, i + 3);
        }
        return out.toString();
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
