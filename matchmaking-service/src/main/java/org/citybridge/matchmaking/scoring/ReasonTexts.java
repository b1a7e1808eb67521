package org.citybridge.matchmaking.scoring;

import org.citybridge.contracts.events.MatchReason;
import org.citybridge.contracts.vocabulary.RegionNames;

import java.text.NumberFormat;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.MissingResourceException;
import java.util.ResourceBundle;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Reason texts in the languages of the API (English, Spanish, Chinese), from a reason's code and params
 * and the templates in {@code reasons/texts_*.properties}. Events and stored proposals keep the English
 * text the features wrote; the API renders it again for a request that asks for another language.
 *
 * <p>Templates: {@code {name}} is a param, formatted for the language by what it names (an area's or
 * intent's code is translated, an ISO country or language code named, a number grouped, a list joined);
 * {@code {name|one|other}} picks a word by a count; {@code [...]} is left out when a param inside it is
 * absent. A code has a {@code .one} variant for a count of one where the sentence changes.
 */
public final class ReasonTexts {

    public static final Locale ENGLISH = Locale.ENGLISH;
    public static final Locale SPANISH = Locale.forLanguageTag("es");
    public static final Locale CHINESE = Locale.CHINESE;

    /** The languages reasons are written in, English first: the default. */
    public static final List<Locale> LANGUAGES = List.of(ENGLISH, SPANISH, CHINESE);

    private static final Pattern PLACEHOLDER = Pattern.compile("\\{(\\w+)(?:\\|([^|}]*)\\|([^}]*))?}");
    private static final Pattern OPTIONAL = Pattern.compile("\\[([^\\]]*)]");
    private static final Pattern COUNTRY_CODE = Pattern.compile("[A-Za-z]{2}");
    /** Spanish "y" before a word that starts with the sound i (Italia, hindi, but not hielo): "e". */
    private static final Pattern SPANISH_AND_BEFORE_I = Pattern.compile(" y (?=[iIíÍ]|[hH][iIíÍ](?![aeouáéóúAEOU]))");

    private static final Map<Locale, ResourceBundle> BUNDLES = Map.of(
            ENGLISH, bundle(ENGLISH),
            SPANISH, bundle(SPANISH),
            CHINESE, bundle(CHINESE));

    private ReasonTexts() {}

    /** The first language of a request's Accept-Language list that reasons are written in; English otherwise. */
    public static Locale negotiate(List<Locale> acceptable) {
        for (Locale wanted : acceptable) {
            for (Locale language : LANGUAGES) {
                if (language.getLanguage().equals(wanted.getLanguage())) {
                    return language;
                }
            }
        }
        return ENGLISH;
    }

    /** The reasons with their texts in {@code language}; English ones as stored. */
    public static List<MatchReason> in(Locale language, List<MatchReason> reasons) {
        if (ENGLISH.equals(language) || reasons == null) {
            return reasons;
        }
        List<MatchReason> rendered = new ArrayList<>(reasons.size());
        for (MatchReason reason : reasons) {
            rendered.add(reason.withText(render(reason, language)));
        }
        return rendered;
    }

    /**
     * One reason's text in {@code language}; its stored English text when there is no template or the
     * reason lacks a param the template needs (a reason stored before reasons carried params).
     */
    public static String render(MatchReason reason, Locale language) {
        ResourceBundle bundle = BUNDLES.getOrDefault(language, BUNDLES.get(ENGLISH));
        String template = template(bundle, reason);
        if (template == null) {
            return reason.text();
        }
        Map<String, Object> params = reason.params();
        StringBuilder withoutOptional = new StringBuilder();
        Matcher optional = OPTIONAL.matcher(template);
        while (optional.find()) {
            String inner = optional.group(1);
            optional.appendReplacement(
                    withoutOptional, Matcher.quoteReplacement(allPresent(inner, params) ? inner : ""));
        }
        optional.appendTail(withoutOptional);
        if (!allPresent(withoutOptional, params)) {
            return reason.text();
        }
        StringBuilder out = new StringBuilder();
        Matcher placeholder = PLACEHOLDER.matcher(withoutOptional);
        while (placeholder.find()) {
            Object value = params.get(placeholder.group(1));
            String text = placeholder.group(2) == null
                    ? format(bundle, language, placeholder.group(1), value)
                    : isOne(value) ? placeholder.group(2) : placeholder.group(3);
            placeholder.appendReplacement(out, Matcher.quoteReplacement(text));
        }
        placeholder.appendTail(out);
        return SPANISH.equals(language) ? SPANISH_AND_BEFORE_I.matcher(out).replaceAll(" e ") : out.toString();
    }

    private static String template(ResourceBundle bundle, MatchReason reason) {
        if (isOne(reason.params().get("count")) && bundle.containsKey(reason.code() + ".one")) {
            return bundle.getString(reason.code() + ".one");
        }
        return bundle.containsKey(reason.code()) ? bundle.getString(reason.code()) : null;
    }

    private static boolean allPresent(CharSequence template, Map<String, Object> params) {
        Matcher placeholder = PLACEHOLDER.matcher(template);
        while (placeholder.find()) {
            if (params.get(placeholder.group(1)) == null) {
                return false;
            }
        }
        return true;
    }

    private static boolean isOne(Object value) {
        return value instanceof Number n && n.longValue() == 1;
    }

    private static String format(ResourceBundle bundle, Locale language, String name, Object value) {
        if (value instanceof List<?> list) {
            List<String> items = new ArrayList<>(list.size());
            for (Object item : list) {
                items.add(format(bundle, language, singular(name), item));
            }
            if (name.equals("languages") && items.size() > 1) {
                return String.join(bundle.getString("join"), items.subList(0, items.size() - 1))
                        + bundle.getString("join.last")
                        + items.get(items.size() - 1);
            }
            String join =
                    bundle.containsKey("join." + name) ? bundle.getString("join." + name) : bundle.getString("join");
            return String.join(join, items);
        }
        if (value instanceof Number n) {
            return NumberFormat.getIntegerInstance(language).format(n.longValue());
        }
        String text = String.valueOf(value);
        return switch (name) {
            case "area", "intent" -> lookup(bundle, name + "." + text, text);
            case "countryA", "countryB" -> country(text, language);
            case "language" -> {
                String named = Locale.forLanguageTag(text).getDisplayLanguage(language);
                yield named.isBlank() ? text : named;
            }
            case "place", "subRegion" -> place(text, language);
            default -> text;
        };
    }

    /**
     * A place a reason names: an ISO country code by the country's name ("China" for CN), a UN M49 region or
     * sub-region by its name in the language. The features write their English texts with it too.
     */
    static String place(String text, Locale language) {
        return COUNTRY_CODE.matcher(text).matches()
                ? country(text.toUpperCase(Locale.ROOT), language)
                : RegionNames.name(text, language);
    }

    /** The name of one item of a list param: intents → intent, languages → language. */
    private static String singular(String name) {
        return name.endsWith("s") ? name.substring(0, name.length() - 1) : name;
    }

    private static String country(String code, Locale language) {
        String named = new Locale("", code).getDisplayCountry(language);
        return named.isBlank() ? code : named;
    }

    private static String lookup(ResourceBundle bundle, String key, String otherwise) {
        return bundle.containsKey(key) ? bundle.getString(key) : otherwise;
    }

    private static ResourceBundle bundle(Locale language) {
        try {
            return ResourceBundle.getBundle(
                    "reasons.texts",
                    language,
                    ReasonTexts.class.getClassLoader(),
                    ResourceBundle.Control.getNoFallbackControl(ResourceBundle.Control.FORMAT_PROPERTIES));
        } catch (MissingResourceException e) {
            throw new IllegalStateException("Reason texts for " + language + " are missing", e);
        }
    }
}
