package org.citybridge.contracts;

import org.citybridge.contracts.events.CloudEventHeaders;
import org.citybridge.contracts.events.EventSource;
import org.citybridge.contracts.events.EventType;
import org.citybridge.contracts.events.MalformedEventException;
import org.citybridge.contracts.events.PairIds;
import org.citybridge.contracts.events.Topics;
import org.citybridge.contracts.vocabulary.CooperationArea;
import org.citybridge.contracts.vocabulary.ProposalKind;
import org.junit.jupiter.api.Test;

import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.HashMap;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class CloudEventHeadersTest {

    @Test
    void typeNamesFollowTheVersionedConvention() {
        assertThat(EventType.INTEREST_EXPRESSED.ceType()).isEqualTo("org.citybridge.city.interest-expressed.v1");
        assertThat(EventType.PARTNERSHIP_FORMED.ceType()).isEqualTo("org.citybridge.partnership.formed.v1");
        assertThat(Arrays.stream(EventType.values()).map(EventType::ceType))
                .allMatch(t -> t.matches("org\\.citybridge\\.[a-z]+\\.[a-z-]+\\.v\\d+"))
                .doesNotHaveDuplicates();
        assertThat(EventType.CITY_RETIRED.topic()).isEqualTo(Topics.CITY_EVENTS);
        assertThat(EventType.SURVEY_RESPONSE_RECORDED.topic()).isEqualTo(Topics.CLUSTER_EVENTS);
        assertThat(EventType.PROPOSAL_CREATED.source()).isEqualTo(EventSource.MATCHMAKING);
    }

    @Test
    void headersRoundTripInBinaryMode() {
        var sample = EventSamples.all().get(EventType.CITY_RETIRED);
        CloudEventHeaders headers =
                CloudEventHeaders.newEvent(EventType.CITY_RETIRED, sample.aggregateId(), EventSamples.AT);
        Map<String, byte[]> wire = headers.toHeaders();

        assertThat(new String(wire.get("ce_specversion"), StandardCharsets.UTF_8))
                .isEqualTo("1.0");
        assertThat(new String(wire.get("content-type"), StandardCharsets.UTF_8)).isEqualTo("application/json");
        assertThat(new String(wire.get("ce_subject"), StandardCharsets.UTF_8))
                .isEqualTo(EventSamples.LUOYANG.toString());
        assertThat(CloudEventHeaders.fromHeaders(wire)).isEqualTo(headers);
        assertThat(EventType.fromCeType(headers.type())).contains(EventType.CITY_RETIRED);
    }

    @Test
    void aCauseTravelsAsAnExtensionAndMarksPartnerRestatements() {
        CloudEventHeaders restatement = CloudEventHeaders.newEvent(
                        EventType.CITY_UPDATED, EventSamples.LUOYANG, EventSamples.AT)
                .withCause(EventType.PARTNERSHIP_FORMED);
        Map<String, byte[]> wire = restatement.toHeaders();

        assertThat(new String(wire.get("ce_cause"), StandardCharsets.UTF_8))
                .isEqualTo("org.citybridge.partnership.formed.v1");
        assertThat(CloudEventHeaders.fromHeaders(wire)).isEqualTo(restatement);
        assertThat(restatement.restatesPartnersOnly()).isTrue();

        // an update a caller made, or another type caused by a partnership, restates more than partners
        assertThat(CloudEventHeaders.newEvent(EventType.CITY_UPDATED, EventSamples.LUOYANG, EventSamples.AT)
                        .restatesPartnersOnly())
                .isFalse();
        assertThat(CloudEventHeaders.newEvent(EventType.INTEREST_EXPRESSED, EventSamples.LUOYANG, EventSamples.AT)
                        .withCause(EventType.PARTNERSHIP_FORMED)
                        .restatesPartnersOnly())
                .isFalse();
        assertThat(CloudEventHeaders.newEvent(EventType.CITY_UPDATED, EventSamples.LUOYANG, EventSamples.AT)
                        .withCause(EventType.SURVEY_RESPONSE_RECORDED)
                        .restatesPartnersOnly())
                .isFalse();
        assertThat(CloudEventHeaders.newEvent(EventType.CITY_UPDATED, EventSamples.LUOYANG, EventSamples.AT)
                        .toHeaders())
                .doesNotContainKey("ce_cause");
    }

    @Test
    void eachNewEventHasItsOwnId() {
        var a = CloudEventHeaders.newEvent(EventType.CITY_RETIRED, EventSamples.LUOYANG, EventSamples.AT);
        var b = CloudEventHeaders.newEvent(EventType.CITY_RETIRED, EventSamples.LUOYANG, EventSamples.AT);
        assertThat(a.id()).isNotEqualTo(b.id());
    }

    @Test
    void missingOrBrokenAttributesAreMalformed() {
        Map<String, byte[]> wire =
                new HashMap<>(CloudEventHeaders.newEvent(EventType.CITY_RETIRED, EventSamples.LUOYANG, EventSamples.AT)
                        .toHeaders());
        wire.remove("ce_id");
        assertThatThrownBy(() -> CloudEventHeaders.fromHeaders(wire))
                .isInstanceOf(MalformedEventException.class)
                .hasMessageContaining("ce_id");

        Map<String, byte[]> badTime =
                new HashMap<>(CloudEventHeaders.newEvent(EventType.CITY_RETIRED, EventSamples.LUOYANG, EventSamples.AT)
                        .toHeaders());
        badTime.put("ce_time", "yesterday".getBytes(StandardCharsets.UTF_8));
        assertThatThrownBy(() -> CloudEventHeaders.fromHeaders(badTime)).isInstanceOf(MalformedEventException.class);

        assertThatThrownBy(() -> CloudEventHeaders.fromHeaders(Map.of())).isInstanceOf(MalformedEventException.class);
    }

    @Test
    void unknownTypesAreNotAnError() {
        assertThat(EventType.fromCeType("org.citybridge.city.renamed.v9")).isEmpty();
    }

    @Test
    void pairIdsIgnoreOrderButNotKind() {
        var a = EventSamples.MEXICO_CITY;
        var b = EventSamples.LUOYANG;
        assertThat(PairIds.of(a, b, ProposalKind.SISTER_CITY, null))
                .isEqualTo(PairIds.of(b, a, ProposalKind.SISTER_CITY, null));
        assertThat(PairIds.of(a, b, ProposalKind.THEMATIC, CooperationArea.TOURISM))
                .isNotEqualTo(PairIds.of(a, b, ProposalKind.THEMATIC, CooperationArea.TRADE))
                .isNotEqualTo(PairIds.of(a, b, ProposalKind.SISTER_CITY, null));
        assertThatThrownBy(() -> PairIds.of(a, a, ProposalKind.SISTER_CITY, null))
                .isInstanceOf(IllegalArgumentException.class);
    }
}
