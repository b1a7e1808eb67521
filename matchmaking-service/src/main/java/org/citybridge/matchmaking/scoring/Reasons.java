package org.citybridge.matchmaking.scoring;

import org.citybridge.contracts.events.MatchReason;
import org.citybridge.contracts.vocabulary.CooperationArea;
import org.citybridge.contracts.vocabulary.Intent;

import java.util.ArrayList;
import java.util.Collection;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/** The reasons of one pair's score, as its features explain their contributions. */
final class Reasons {

    private final List<MatchReason> list = new ArrayList<>();

    void add(Feature feature, String text, double contribution) {
        list.add(new MatchReason(feature.code(), text, contribution));
    }

    /**
     * With what the text names, for {@link ReasonTexts} to render it in another language. Values are kept
     * as JSON gives them back (whole numbers as Integer, dates as strings), so a stored reason equals a
     * freshly scored one.
     */
    void add(Feature feature, String text, double contribution, Map<String, Object> params) {
        Map<String, Object> plain = new LinkedHashMap<>();
        params.forEach((key, value) -> plain.put(key, plain(value)));
        list.add(new MatchReason(feature.code(), text, contribution, plain));
    }

    private static Object plain(Object value) {
        if (value instanceof Long n && n == n.intValue()) {
            return n.intValue();
        }
        if (value instanceof Collection<?> c) {
            return c.stream().map(String::valueOf).toList();
        }
        return value instanceof Number ? value : String.valueOf(value);
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

    /** Intents of a mask, as their codes: SISTER_CITY, KNOWLEDGE_EXCHANGE. */
    static List<String> intentCodes(int mask) {
        List<String> codes = new ArrayList<>();
        for (Intent intent : Intent.values()) {
            if ((mask & (1 << intent.ordinal())) != 0) {
                codes.add(intent.name());
            }
        }
        return codes;
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
