package org.citybridge.portal.service;

import org.citybridge.contracts.vocabulary.RegionNames;

import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.text.MessageFormat;
import java.text.NumberFormat;
import java.util.Arrays;
import java.util.Locale;
import java.util.Map;
import java.util.Properties;
import java.util.concurrent.ConcurrentHashMap;
import java.util.stream.Collectors;

/**
 * The portal's words in one language ({@code portal-texts/texts_<language>.properties}), for the templates
 * ({@code t.text('key')}) and for error pages. A key missing in Spanish or Chinese falls back to English;
 * TextsTest requires every key in all three.
 */
public final class Texts {

    private static final Map<String, Texts> BY_LANGUAGE = new ConcurrentHashMap<>();

    private final Locale locale;
    private final Properties words;
    private final Properties english;

    private Texts(Locale locale, Properties words, Properties english) {
        this.locale = locale;
        this.words = words;
        this.english = english;
    }

    public static Texts in(Locale locale) {
        return BY_LANGUAGE.computeIfAbsent(
                locale.getLanguage(), language -> new Texts(locale, load(language), load("en")));
    }

    /** The words of one language file, as written (for the completeness test). */
    public static Properties load(String language) {
        String resource = "/portal-texts/texts_" + language + ".properties";
        try (InputStream in = Texts.class.getResourceAsStream(resource)) {
            Properties properties = new Properties();
            if (in != null) {
                properties.load(new InputStreamReader(in, StandardCharsets.UTF_8));
            }
            return properties;
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot read " + resource, e);
        }
    }

    public Locale locale() {
        return locale;
    }

    /** The language tag for {@code <html lang>}. */
    public String lang() {
        return locale.toLanguageTag();
    }

    /** The text of {@code key}, its {0}, {1}… filled in; the key itself if no language has it. */
    public String text(String key, Object... args) {
        String pattern = words.getProperty(key, english.getProperty(key));
        if (pattern == null) {
            return key;
        }
        return args.length == 0 ? pattern : new MessageFormat(pattern, locale).format(args);
    }

    public String text(String key) {
        return text(key, new Object[0]);
    }

    public String text(String key, Object a) {
        return text(key, new Object[] {a});
    }

    public String text(String key, Object a, Object b) {
        return text(key, new Object[] {a, b});
    }

    /** An area by its code ({@code heritage-protection}) or its enum name ({@code HERITAGE_PROTECTION}). */
    public String area(String code) {
        return code == null ? "" : text("area." + code.toLowerCase(Locale.ROOT).replace('_', '-'));
    }

    /** The map legend's name for a line's kind (partnership, proposal). */
    public String legend(String kind) {
        return kind == null ? "" : text("map.legend." + kind);
    }

    /** What happened to the last pairing round (proposed, job…). */
    public String pairingNotice(String code) {
        return code == null ? "" : text("pairing.notice." + code);
    }

    public String percent(double share) {
        return NumberFormat.getPercentInstance(locale).format(share);
    }

    public String stance(String code) {
        return code == null ? "" : text("stance." + code);
    }

    public String intent(String code) {
        return code == null ? "" : text("intent." + code);
    }

    public String status(String code) {
        return code == null ? "" : text("status." + code);
    }

    /** What happened to the person's last answer (accepted, changed meanwhile…). */
    public String notice(String code) {
        return code == null ? "" : text("notice." + code);
    }

    public String kind(String code) {
        return code == null ? "" : text("kind." + code);
    }

    /** A country's name in this language from its ISO code (no flags: names travel better than flags). */
    public String country(String iso) {
        if (iso == null || iso.isBlank()) {
            return "";
        }
        String name = new Locale("", iso).getDisplayCountry(locale);
        return name.isBlank() ? iso : name;
    }

    /** A UN M49 region or sub-region, given by its English name as the APIs carry it, as a label in this language. */
    public String region(String english) {
        return english == null ? "" : RegionNames.label(english, locale);
    }

    /** A pair of regions as the statistics name it ("Americas – Asia"), each named in this language. */
    public String regionPair(String pair) {
        if (pair == null) {
            return "";
        }
        return Arrays.stream(pair.split(RegionNames.PAIR_SEPARATOR, -1))
                .map(this::region)
                .collect(Collectors.joining(RegionNames.PAIR_SEPARATOR));
    }

    /** Names one after another as the language lists them: "Anyang, Luoyang" or "安阳、洛阳". */
    public String list(java.util.List<String> names) {
        return String.join("zh".equals(locale.getLanguage()) ? "、" : ", ", names);
    }

    /** The partners an interest prefers, regions then countries, named in this language; "any" without any. */
    public String partners(org.citybridge.portal.client.ApiModels.Preferences preferences) {
        if (preferences == null || preferences.anyPartner()) {
            return text("interest.any-partner");
        }
        java.util.List<String> names = new java.util.ArrayList<>();
        preferences.regions().forEach(region -> names.add(region(region)));
        preferences.countries().forEach(country -> names.add(country(country)));
        return list(names);
    }

    public String number(Number value) {
        return value == null ? "" : NumberFormat.getIntegerInstance(locale).format(value);
    }

    public String decimal(double value) {
        NumberFormat format = NumberFormat.getNumberInstance(locale);
        format.setMaximumFractionDigits(1);
        format.setMinimumFractionDigits(1);
        return format.format(value);
    }
}
