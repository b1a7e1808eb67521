package org.citybridge.contracts;

import org.citybridge.contracts.vocabulary.CooperationArea;
import org.citybridge.contracts.vocabulary.Stance;
import org.citybridge.contracts.vocabulary.UnknownCodeException;
import org.junit.jupiter.api.Test;

import java.util.Arrays;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class VocabularyTest {

    @Test
    void everyDesignAreaIsInTheVocabulary() {
        assertThat(Arrays.stream(CooperationArea.values()).map(CooperationArea::code))
                .containsExactly(
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
    }

    @Test
    void codesParseForgivingCaseAndBlanks() {
        assertThat(CooperationArea.fromCode(" Heritage-Protection ")).isEqualTo(CooperationArea.HERITAGE_PROTECTION);
        assertThat(Stance.parse("seek")).isEqualTo(Stance.SEEK);
    }

    @Test
    void unknownCodesAreRejectedWithTheValueAndTheAllowedOnes() {
        assertThatThrownBy(() -> CooperationArea.fromCode("mining"))
                .isInstanceOf(UnknownCodeException.class)
                .hasMessageContaining("'mining'")
                .hasMessageContaining("renewable-energy");
        assertThatThrownBy(() -> CooperationArea.fromCode(null)).isInstanceOf(UnknownCodeException.class);
        assertThatThrownBy(() -> Stance.parse("LEND"))
                .hasMessage("Unknown stance 'LEND'; expected one of: OFFER, SEEK, MUTUAL");
    }
}
