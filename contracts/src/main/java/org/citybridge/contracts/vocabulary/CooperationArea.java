package org.citybridge.contracts.vocabulary;

import com.fasterxml.jackson.annotation.JsonCreator;
import com.fasterxml.jackson.annotation.JsonValue;

import java.util.Arrays;
import java.util.Locale;
import java.util.stream.Collectors;

/**
 * The controlled vocabulary of cooperation areas shared by every service. The JSON code is stable:
 * it is part of the public API and of every event, so codes are never renamed, only added.
 */
public enum CooperationArea {
    TOURISM("tourism", "Tourism"),
    HERITAGE_PROTECTION("heritage-protection", "Heritage protection"),
    CREATIVE_ECONOMY("creative-economy", "Creative economy"),
    TRADE("trade", "Trade"),
    TECHNOLOGY("technology", "Technology"),
    EDUCATION("education", "Education"),
    ECONOMIC_DEVELOPMENT("economic-development", "Economic development"),
    SOCIAL_INTEGRATION("social-integration", "Social integration"),
    CULTURE("culture", "Culture"),
    PUBLIC_HEALTH("public-health", "Public health"),
    AGRICULTURE("agriculture", "Agriculture"),
    E_COMMERCE("e-commerce", "E-commerce"),
    SMART_CITIES("smart-cities", "Smart cities"),
    DISASTER_RISK_REDUCTION("disaster-risk-reduction", "Disaster risk reduction"),
    TRANSPORT("transport", "Transport"),
    AIR_QUALITY("air-quality", "Air quality"),
    WASTE_MANAGEMENT("waste-management", "Waste management"),
    GREEN_CITIES("green-cities", "Green cities"),
    RENEWABLE_ENERGY("renewable-energy", "Renewable energy");

    private final String code;
    private final String label;

    CooperationArea(String code, String label) {
        this.code = code;
        this.label = label;
    }

    /** The stable JSON code, e.g. {@code heritage-protection}. */
    @JsonValue
    public String code() {
        return code;
    }

    /** A human-readable English label, e.g. "Heritage protection". */
    public String label() {
        return label;
    }

    /**
     * Parses a JSON code. Case and surrounding blanks are forgiven; anything else is rejected.
     *
     * @throws UnknownCodeException naming the value and the known codes
     */
    @JsonCreator
    public static CooperationArea fromCode(String code) {
        if (code != null) {
            String normalised = code.trim().toLowerCase(Locale.ROOT);
            for (CooperationArea area : values()) {
                if (area.code.equals(normalised)) {
                    return area;
                }
            }
        }
        throw new UnknownCodeException("cooperation area", code, knownCodes());
    }

    /** All codes, comma separated, for error messages and documentation. */
    public static String knownCodes() {
        return Arrays.stream(values()).map(CooperationArea::code).collect(Collectors.joining(", "));
    }

    @Override
    public String toString() {
        return code;
    }
}
