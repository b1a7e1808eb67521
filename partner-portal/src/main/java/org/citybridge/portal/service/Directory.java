package org.citybridge.portal.service;

import java.util.List;

/** The city directory's filters and choices. */
public final class Directory {

    private Directory() {}

    /** What the person filters by; blank means any. */
    public record Filter(
            String q, String country, String region, String area, String stance, String intent, int page) {}

    public static final List<String> AREAS = List.of(
            "tourism",
            "heritage-protection",
            "creative-economy",
            "trade",
            "technology",
            "education",
            "economic-development",
            "social-integration",
            "culture",
            "public-health",
            "agriculture",
            "e-commerce",
            "smart-cities",
            "disaster-risk-reduction",
            "transport",
            "air-quality",
            "waste-management",
            "green-cities",
            "renewable-energy");

    public static final List<String> STANCES = List.of("OFFER", "SEEK", "MUTUAL");

    public static final List<String> INTENTS = List.of("SISTER_CITY", "THEMATIC_PARTNERSHIP", "KNOWLEDGE_EXCHANGE");
}
