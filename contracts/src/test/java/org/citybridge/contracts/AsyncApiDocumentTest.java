package org.citybridge.contracts;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import org.citybridge.contracts.events.EventType;
import org.citybridge.contracts.events.Topics;
import org.citybridge.contracts.vocabulary.CooperationArea;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import java.io.InputStream;
import java.lang.reflect.RecordComponent;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

import static org.assertj.core.api.Assertions.assertThat;

/** Keeps asyncapi.yaml in step with the payload records: a field added in code must be documented. */
class AsyncApiDocumentTest {

    private static JsonNode doc;

    @BeforeAll
    static void load() throws Exception {
        try (InputStream in = AsyncApiDocumentTest.class.getResourceAsStream("/asyncapi.yaml")) {
            doc = new ObjectMapper(new YAMLFactory()).readTree(in);
        }
    }

    @Test
    void isAnAsyncApi3Document() {
        assertThat(doc.path("asyncapi").asText()).isEqualTo("3.0.0");
    }

    @Test
    void everyEventTypeIsAMessageOnItsTopic() {
        for (EventType type : EventType.values()) {
            String name = type.payloadType().getSimpleName();
            JsonNode message = doc.at("/components/messages/" + name);
            assertThat(message.isMissingNode()).as("message %s", name).isFalse();
            assertThat(message.path("x-ce-type").asText()).isEqualTo(type.ceType());

            List<String> addresses = new ArrayList<>();
            doc.path("channels").forEach(channel -> {
                if (channel.path("messages").has(name)) {
                    addresses.add(channel.path("address").asText());
                }
            });
            assertThat(addresses).as("channel of %s", name).containsExactly(type.topic());
        }
        assertThat(doc.at("/components/messages").size()).isEqualTo(EventType.values().length);
    }

    @Test
    void partnersMayReceiveExactlyThePartnerTopicsWithTheirCredential() {
        List<String> received = new ArrayList<>();
        doc.path("operations").forEach(operation -> {
            assertThat(operation.path("action").asText()).isEqualTo("receive");
            assertThat(operation.at("/security/0/$ref").asText())
                    .isEqualTo("#/components/securitySchemes/partnerReader");
            String channel = operation.at("/channel/$ref").asText().substring("#/channels/".length());
            received.add(doc.at("/channels/" + channel + "/address").asText());
        });
        assertThat(received).containsExactlyInAnyOrderElementsOf(Topics.PARTNER_READABLE);
        assertThat(doc.at("/components/securitySchemes/partnerReader/type").asText())
                .isEqualTo("scramSha256");
        assertThat(doc.at("/components/securitySchemes/partnerReader/description")
                        .asText())
                .contains(Topics.PARTNER_PRINCIPAL, Topics.PARTNER_GROUP_PREFIX);
    }

    @Test
    void everyPayloadSchemaListsExactlyTheRecordFields() {
        Set<Class<?>> checked = new HashSet<>();
        for (EventType type : EventType.values()) {
            assertSchemaMatches(type.payloadType(), checked);
        }
        assertThat(checked).hasSizeGreaterThan(EventType.values().length);
    }

    @Test
    void theAreaEnumListsEveryCode() {
        List<String> documented = new ArrayList<>();
        doc.at("/components/schemas/CooperationArea/enum").forEach(n -> documented.add(n.asText()));
        assertThat(documented)
                .containsExactlyElementsOf(Arrays.stream(CooperationArea.values())
                        .map(CooperationArea::code)
                        .toList());
    }

    private void assertSchemaMatches(Class<?> recordType, Set<Class<?>> checked) {
        if (!checked.add(recordType)) {
            return;
        }
        JsonNode schema = doc.at("/components/schemas/" + recordType.getSimpleName());
        assertThat(schema.isMissingNode())
                .as("schema %s", recordType.getSimpleName())
                .isFalse();
        Set<String> documented = new HashSet<>();
        schema.path("properties").fieldNames().forEachRemaining(documented::add);
        Set<String> fields = new HashSet<>();
        for (RecordComponent component : recordType.getRecordComponents()) {
            fields.add(component.getName());
            Class<?> nested = nestedRecord(component);
            if (nested != null) {
                assertSchemaMatches(nested, checked);
            }
        }
        assertThat(documented)
                .as("properties of %s", recordType.getSimpleName())
                .isEqualTo(fields);
        schema.path("required").forEach(r -> assertThat(fields).contains(r.asText()));
    }

    private static Class<?> nestedRecord(RecordComponent component) {
        if (component.getType().isRecord()) {
            return component.getType();
        }
        if (component.getGenericType() instanceof java.lang.reflect.ParameterizedType p
                && p.getActualTypeArguments()[0] instanceof Class<?> c
                && c.isRecord()) {
            return c;
        }
        return null;
    }
}
