package org.citybridge.matchmaking.scoring;

import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Locale;

/** English names of countries and languages for reason texts, from their ISO codes. */
final class Countries {

    private Countries() {}

    /** "Germany" for DE; the code itself when the JDK does not know it. */
    static String name(String isoCountry) {
        if (isoCountry == null) {
            return "an unknown country";
        }
        String name = new Locale("", isoCountry).getDisplayCountry(Locale.ENGLISH);
        return name.isBlank() ? isoCountry : name;
    }
}

/** English names of ISO 639 languages for reason texts. */
final class Languages {

    private Languages() {}

    /** "Spanish" for es, "French and German" for a set of two. */
    static String names(Collection<String> isoLanguages) {
        List<String> names = new ArrayList<>();
        for (String code : isoLanguages) {
            String name = new Locale(code).getDisplayLanguage(Locale.ENGLISH);
            names.add(name.isBlank() ? code : name);
        }
        if (names.size() <= 1) {
            return String.join("", names);
        }
        return String.join(", ", names.subList(0, names.size() - 1)) + " and " + names.get(names.size() - 1);
    }
}
