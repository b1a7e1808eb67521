package org.citybridge.portal.service;

import org.citybridge.contracts.vocabulary.CooperationArea;
import org.citybridge.contracts.vocabulary.Intent;
import org.citybridge.contracts.vocabulary.Stance;

import java.util.Arrays;
import java.util.List;

/** The city directory's filters, and the platform's vocabulary the forms offer (from contracts). */
public final class Directory {

    private Directory() {}

    /** What the person filters by; blank means any. */
    public record Filter(
            String q, String country, String region, String area, String stance, String intent, int page) {}

    public static final List<String> AREAS =
            Arrays.stream(CooperationArea.values()).map(CooperationArea::code).toList();

    public static final List<String> STANCES =
            Arrays.stream(Stance.values()).map(Enum::name).toList();

    public static final List<String> INTENTS =
            Arrays.stream(Intent.values()).map(Enum::name).toList();
}
