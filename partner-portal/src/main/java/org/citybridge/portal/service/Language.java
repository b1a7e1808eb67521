package org.citybridge.portal.service;

import java.util.List;
import java.util.Locale;
import java.util.Optional;

/** The portal's languages, and which one a request gets. */
public final class Language {

    /** English first: the language of anything the others lack. */
    public static final List<Locale> SUPPORTED = List.of(Locale.ENGLISH, Locale.forLanguageTag("es"), Locale.CHINESE);

    private Language() {}

    /**
     * The language of a request: the one chosen on the page ({@code ?lang=}), else the one chosen before
     * (cookie), else the browser's best of {@code Accept-Language}, else English.
     */
    public static Locale choose(String chosen, String remembered, String acceptLanguage) {
        return supported(chosen)
                .or(() -> supported(remembered))
                .or(() -> fromAcceptLanguage(acceptLanguage))
                .orElse(Locale.ENGLISH);
    }

    /** A supported language by its tag (any region or script: es-MX is Spanish, zh-CN Chinese). */
    public static Optional<Locale> supported(String tag) {
        if (tag == null || tag.isBlank()) {
            return Optional.empty();
        }
        String language = Locale.forLanguageTag(tag.trim()).getLanguage();
        return SUPPORTED.stream().filter(l -> l.getLanguage().equals(language)).findFirst();
    }

    private static Optional<Locale> fromAcceptLanguage(String header) {
        if (header == null || header.isBlank()) {
            return Optional.empty();
        }
        try {
            return Locale.LanguageRange.parse(header).stream()
                    .filter(range -> range.getWeight() > 0)
                    .map(range -> supported(range.getRange()))
                    .flatMap(Optional::stream)
                    .findFirst();
        } catch (IllegalArgumentException malformed) {
            return Optional.empty();
        }
    }
}
