package org.citybridge.contracts.vocabulary;

import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.Locale;
import java.util.Map;
import java.util.Properties;
import java.util.regex.Pattern;

/**
 * UN M49 regions and sub-regions, which every service and event carries by their English names ("Latin America
 * and the Caribbean"), named in Spanish and Chinese: once here for the reason texts and the portal's pages, and
 * the other way round for what a person types in a region filter. A name this does not know, or another
 * language, stays as it is.
 */
public final class RegionNames {

    /** How two regions are joined when a pair of them is one name (the statistics' "Americas – Asia"). */
    public static final String PAIR_SEPARATOR = " – ";

    private static final Properties ENGLISH = load("en");
    private static final Map<String, Properties> BY_LANGUAGE = Map.of("es", load("es"), "zh", load("zh"));
    /** A Spanish article that opens a name as it reads in a sentence ("las Américas"). */
    private static final Pattern SPANISH_ARTICLE = Pattern.compile("^(el|la|los|las) ");

    private RegionNames() {}

    /** The name as it reads inside a sentence: "en las Américas". */
    public static String name(String english, Locale language) {
        if (english == null) {
            return null;
        }
        Properties names = BY_LANGUAGE.get(language.getLanguage());
        return names == null ? english : names.getProperty(key(english), english);
    }

    /** The name as a label on its own (a table cell, a heading): "Américas", without the article. */
    public static String label(String english, Locale language) {
        String name = name(english, language);
        if (name == null || !"es".equals(language.getLanguage())) {
            return name;
        }
        return bare(name);
    }

    /**
     * The English name, as the APIs take it, of a region a person typed in any of the languages, in any case,
     * with or without the article: "Asia oriental", "东亚" and "eastern asia" are "Eastern Asia". Anything else
     * as typed.
     */
    public static String english(String typed) {
        if (typed == null || typed.isBlank()) {
            return typed;
        }
        String wanted = typed.strip();
        String english = ENGLISH.getProperty(key(wanted));
        if (english != null) {
            return english;
        }
        for (Properties names : BY_LANGUAGE.values()) {
            for (String key : names.stringPropertyNames()) {
                String name = names.getProperty(key);
                if (name.equalsIgnoreCase(wanted) || bare(name).equalsIgnoreCase(wanted)) {
                    return ENGLISH.getProperty(key, wanted);
                }
            }
        }
        return wanted;
    }

    /** A Spanish name without its article, capitalised: "las Américas" is "Américas". */
    private static String bare(String name) {
        String bare = SPANISH_ARTICLE.matcher(name).replaceFirst("");
        return bare.isEmpty() ? name : Character.toUpperCase(bare.charAt(0)) + bare.substring(1);
    }

    /** Whether {@code language} names {@code english}, exactly as the APIs spell it (for the completeness test). */
    public static boolean knows(String english, Locale language) {
        Properties names = "en".equals(language.getLanguage()) ? ENGLISH : BY_LANGUAGE.get(language.getLanguage());
        return names != null && names.containsKey(key(english)) && english.equals(ENGLISH.getProperty(key(english)));
    }

    private static String key(String english) {
        return english.strip().toLowerCase(Locale.ROOT).replaceAll("[^a-z]+", "-");
    }

    private static Properties load(String language) {
        String resource = "regions_" + language + ".properties";
        try (InputStream in = RegionNames.class.getResourceAsStream(resource)) {
            if (in == null) {
                throw new IllegalStateException("Region names for " + language + " are missing: " + resource);
            }
            Properties names = new Properties();
            names.load(new InputStreamReader(in, StandardCharsets.UTF_8));
            return names;
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot read " + resource, e);
        }
    }
}
