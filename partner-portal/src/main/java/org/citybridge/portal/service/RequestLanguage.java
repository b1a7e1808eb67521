package org.citybridge.portal.service;

import jakarta.enterprise.context.RequestScoped;

import java.util.Locale;

/** The language of the current request, set once by the language filter. */
@RequestScoped
public class RequestLanguage {

    private Locale locale = Locale.ENGLISH;
    private boolean chosenNow;

    public Locale locale() {
        return locale;
    }

    public Texts texts() {
        return Texts.in(locale);
    }

    /** True if the person picked it on this request (the filter then remembers it in a cookie). */
    public boolean chosenNow() {
        return chosenNow;
    }

    public void set(Locale locale, boolean chosenNow) {
        this.locale = locale;
        this.chosenNow = chosenNow;
    }
}
