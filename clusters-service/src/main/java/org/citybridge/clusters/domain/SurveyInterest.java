package org.citybridge.clusters.domain;

import jakarta.persistence.Column;
import jakarta.persistence.Embeddable;
import jakarta.persistence.EnumType;
import jakarta.persistence.Enumerated;
import org.citybridge.contracts.vocabulary.CooperationArea;
import org.citybridge.contracts.vocabulary.Intent;
import org.citybridge.contracts.vocabulary.Stance;

import java.util.Arrays;
import java.util.List;

/** One interest stated in a survey response. */
@Embeddable
public class SurveyInterest {

    private static final String SEPARATOR = "|";

    @Enumerated(EnumType.STRING)
    @Column(nullable = false)
    public CooperationArea area;

    @Enumerated(EnumType.STRING)
    @Column(nullable = false)
    public Stance stance;

    @Enumerated(EnumType.STRING)
    @Column(nullable = false)
    public Intent intent;

    @Column(name = "preferred_regions", nullable = false)
    public String preferredRegions = "";

    @Column(name = "preferred_countries", nullable = false)
    public String preferredCountries = "";

    public static String join(List<String> values) {
        return values == null ? "" : String.join(SEPARATOR, values);
    }

    public static List<String> split(String joined) {
        return joined == null || joined.isEmpty() ? List.of() : Arrays.asList(joined.split("\\|"));
    }
}
