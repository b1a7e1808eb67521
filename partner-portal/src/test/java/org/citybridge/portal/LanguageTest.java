package org.citybridge.portal;

import org.citybridge.portal.service.Language;
import org.junit.jupiter.api.Test;

import java.util.Locale;

import static org.assertj.core.api.Assertions.assertThat;

/** Which language a page is in: the one chosen on the page, then the remembered one, then the browser's. */
class LanguageTest {

    private static final Locale SPANISH = Locale.forLanguageTag("es");

    @Test
    void shouldPreferTheChoiceOnThePageThenTheRememberedOneThenTheBrowsers() {
        assertThat(Language.choose("zh", "es", "en")).isEqualTo(Locale.CHINESE);
        assertThat(Language.choose(null, "es", "zh-CN")).isEqualTo(SPANISH);
        assertThat(Language.choose(null, null, "zh-CN,zh;q=0.9,en;q=0.8")).isEqualTo(Locale.CHINESE);
        assertThat(Language.choose(null, null, null)).isEqualTo(Locale.ENGLISH);
    }

    @Test
    void shouldTakeTheBrowsersBestSupportedLanguage() {
        assertThat(Language.choose(null, null, "fr-FR,fr;q=0.9,es-MX;q=0.8,en;q=0.5"))
                .isEqualTo(SPANISH);
        assertThat(Language.choose(null, null, "de, fr")).isEqualTo(Locale.ENGLISH);
        // q=0 means "not this one"
        assertThat(Language.choose(null, null, "zh;q=0, es;q=0.5")).isEqualTo(SPANISH);
    }

    @Test
    void shouldIgnoreUnknownOrMalformedChoices() {
        assertThat(Language.choose("xx", "yy", "es")).isEqualTo(SPANISH);
        assertThat(Language.choose("", "", "not a header;;q=x")).isEqualTo(Locale.ENGLISH);
    }
}
