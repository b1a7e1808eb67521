package org.citybridge.matchmaking.messaging;

import org.apache.kafka.clients.consumer.ConsumerPartitionAssignor.Assignment;
import org.apache.kafka.clients.consumer.ConsumerPartitionAssignor.GroupSubscription;
import org.apache.kafka.clients.consumer.ConsumerPartitionAssignor.Subscription;
import org.apache.kafka.common.Cluster;
import org.apache.kafka.common.Node;
import org.apache.kafka.common.PartitionInfo;
import org.apache.kafka.common.TopicPartition;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import java.nio.ByteBuffer;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;

import static org.assertj.core.api.Assertions.assertThat;

/** The group's assignor: the engine leader's consumers get every partition, the other instances' none. */
class LeaderTakesAllTest {

    private static final Node BROKER = new Node(1, "broker", 9092);
    private static final Cluster TOPICS = new Cluster(
            "c",
            List.of(BROKER),
            List.of(
                    partition("city-events", 0),
                    partition("city-events", 1),
                    partition("city-events", 2),
                    partition("cluster-events", 0),
                    partition("cluster-events", 1),
                    partition("cluster-events", 2)),
            Set.of(),
            Set.of());

    private final LeaderTakesAll assignor = new LeaderTakesAll();

    @AfterEach
    void reset() {
        LeaderTakesAll.leading(false);
    }

    @Test
    void shouldGiveEveryPartitionOfEachTopicToTheLeadingInstancesConsumer() {
        Map<String, Assignment> assigned = assignor.assign(
                        TOPICS,
                        new GroupSubscription(Map.of(
                                "a-cities", subscription("city-events", false),
                                "a-clusters", subscription("cluster-events", false),
                                "b-cities", subscription("city-events", true),
                                "b-clusters", subscription("cluster-events", true))))
                .groupAssignment();

        assertThat(assigned.get("a-cities").partitions()).isEmpty();
        assertThat(assigned.get("a-clusters").partitions()).isEmpty();
        assertThat(assigned.get("b-cities").partitions())
                .containsExactlyInAnyOrder(
                        new TopicPartition("city-events", 0),
                        new TopicPartition("city-events", 1),
                        new TopicPartition("city-events", 2));
        assertThat(assigned.get("b-clusters").partitions())
                .containsExactlyInAnyOrder(
                        new TopicPartition("cluster-events", 0),
                        new TopicPartition("cluster-events", 1),
                        new TopicPartition("cluster-events", 2));
    }

    @Test
    void shouldLeaveThePartitionsUnassignedWhileNoInstanceLeads() {
        Map<String, Assignment> assigned = assignor.assign(
                        TOPICS,
                        new GroupSubscription(Map.of(
                                "a-cities", subscription("city-events", false),
                                "b-cities", subscription("city-events", false))))
                .groupAssignment();

        assertThat(assigned.values()).allSatisfy(a -> assertThat(a.partitions()).isEmpty());
    }

    @Test
    void shouldGiveAllToOneWhenAFormerLeaderStillClaims() {
        Map<String, Assignment> assigned = assignor.assign(
                        TOPICS,
                        new GroupSubscription(Map.of(
                                "b-cities", subscription("city-events", true),
                                "a-cities", subscription("city-events", true))))
                .groupAssignment();

        assertThat(assigned.get("a-cities").partitions()).hasSize(3);
        assertThat(assigned.get("b-cities").partitions()).isEmpty();
    }

    @Test
    void shouldTellTheGroupWhetherThisInstanceLeads() {
        assertThat(leads(assignor.subscriptionUserData(Set.of("city-events")))).isFalse();
        LeaderTakesAll.leading(true);
        assertThat(leads(assignor.subscriptionUserData(Set.of("city-events")))).isTrue();
    }

    private static boolean leads(ByteBuffer data) {
        return data.get(data.position()) == 1;
    }

    private static Subscription subscription(String topic, boolean leads) {
        return new Subscription(new ArrayList<>(List.of(topic)), ByteBuffer.wrap(new byte[] {(byte) (leads ? 1 : 0)}));
    }

    private static PartitionInfo partition(String topic, int partition) {
        return new PartitionInfo(topic, partition, BROKER, new Node[] {BROKER}, new Node[] {BROKER});
    }
}
