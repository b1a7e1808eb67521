package org.citybridge.contracts;

import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.exc.ValueInstantiationException;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.fasterxml.jackson.datatype.jsr310.JavaTimeModule;
import org.citybridge.contracts.events.EventPayload;
import org.citybridge.contracts.events.EventType;
import org.citybridge.contracts.events.InterestExpressed;
import org.citybridge.contracts.vocabulary.CooperationArea;
import org.junit.jupiter.api.Test;

import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class EventPayloadJsonTest {

    /** Configured as the services configure theirs: ISO dates, unknown fields tolerated. */
    private final ObjectMapper mapper = new ObjectMapper()
            .registerModule(new JavaTimeModule())
            .disable(SerializationFeature.WRITE_DATES_AS_TIMESTAMPS)
            .disable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES);

    @Test
    void everyEventTypeHasASample() {
        assertThat(EventSamples.all().keySet()).containsExactlyInAnyOrder(EventType.values());
    }

    @Test
    void everyPayloadSurvivesAJsonRoundTrip() throws Exception {
        for (Map.Entry<EventType, EventPayload> sample : EventSamples.all().entrySet()) {
            String json = mapper.writeValueAsString(sample.getValue());
            EventPayload back = mapper.readValue(json, sample.getKey().payloadType());
            assertThat(back).as(sample.getKey().ceType()).isEqualTo(sample.getValue());
            assertThat(json)
                    .as("aggregate id is the record key, not a payload field")
                    .doesNotContain("aggregateId");
        }
    }

    @Test
    void unknownFieldsAreToleratedForForwardCompatibility() throws Exception {
        for (Map.Entry<EventType, EventPayload> sample : EventSamples.all().entrySet()) {
            ObjectNode json = mapper.valueToTree(sample.getValue());
            json.put("fieldFromAFutureVersion", "ignored");
            json.putObject("nestedFromAFutureVersion").put("x", 1);
            EventPayload back = mapper.treeToValue(json, sample.getKey().payloadType());
            assertThat(back).isEqualTo(sample.getValue());
        }
    }

    @Test
    void areasTravelAsTheirStableCodes() throws Exception {
        EventPayload interest = EventSamples.all().get(EventType.INTEREST_EXPRESSED);
        assertThat(mapper.writeValueAsString(interest)).contains("\"area\":\"tourism\"");
        assertThat(mapper.writeValueAsString(CooperationArea.HERITAGE_PROTECTION))
                .isEqualTo("\"heritage-protection\"");
    }

    @Test
    void anUnknownAreaIsRejectedNamingTheValue() {
        ObjectNode json = mapper.valueToTree(EventSamples.all().get(EventType.INTEREST_EXPRESSED));
        json.put("area", "space-tourism");
        assertThatThrownBy(() -> mapper.treeToValue(json, InterestExpressed.class))
                .isInstanceOf(ValueInstantiationException.class)
                .hasMessageContaining("Unknown cooperation area 'space-tourism'");
    }

    @Test
    void localNamesInAnyScriptRoundTripExactly() throws Exception {
        String json = mapper.writeValueAsString(EventSamples.luoyang());
        assertThat(json).contains("洛阳");
        assertThat(mapper.readValue(json, org.citybridge.contracts.events.CityProfile.class)
                        .localName())
                .isEqualTo("洛阳");
    }
}
