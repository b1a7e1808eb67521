package org.citybridge.matchmaking.messaging;

import org.apache.kafka.clients.consumer.ConsumerPartitionAssignor;
import org.apache.kafka.common.Cluster;
import org.apache.kafka.common.PartitionInfo;
import org.apache.kafka.common.TopicPartition;

import java.nio.ByteBuffer;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;

/**
 * The consumer group's partition assignor for matchmaking: every partition of a topic goes to the consumer
 * of the instance that leads the engine, none to the others. Each consumer tells the group at every join
 * whether its instance leads (its subscription's user data); the engine leadership triggers a rebalance
 * when it changes. While no member leads (a leader died, its successor is loading), nobody consumes.
 *
 * <p>Why not the default assignors: they split the partitions between the instances, and each instance
 * would rank on the part of the facts it read; the engine needs every fact in one place.
 */
public class LeaderTakesAll implements ConsumerPartitionAssignor {

    private static volatile boolean leading;

    /** Whether this JVM's instance leads the engine; read at the consumers' next join. */
    public static void leading(boolean leads) {
        leading = leads;
    }

    @Override
    public ByteBuffer subscriptionUserData(Set<String> topics) {
        return ByteBuffer.wrap(new byte[] {(byte) (leading ? 1 : 0)});
    }

    @Override
    public GroupAssignment assign(Cluster metadata, GroupSubscription group) {
        Map<String, List<TopicPartition>> partitions = new HashMap<>();
        Map<String, TreeSet<String>> leadersByTopic = new HashMap<>();
        group.groupSubscription().forEach((member, subscription) -> {
            partitions.put(member, new ArrayList<>());
            if (leads(subscription)) {
                for (String topic : subscription.topics()) {
                    leadersByTopic.computeIfAbsent(topic, t -> new TreeSet<>()).add(member);
                }
            }
        });
        // two claimants only while a former leader has not yet noticed its loss: the first by member id takes all
        leadersByTopic.forEach((topic, leaders) -> {
            List<PartitionInfo> infos = metadata.partitionsForTopic(topic);
            for (PartitionInfo info : infos == null ? List.<PartitionInfo>of() : infos) {
                partitions.get(leaders.first()).add(new TopicPartition(topic, info.partition()));
            }
        });
        Map<String, Assignment> assignments = new HashMap<>();
        partitions.forEach((member, assigned) -> assignments.put(member, new Assignment(assigned)));
        return new GroupAssignment(assignments);
    }

    private static boolean leads(Subscription subscription) {
        ByteBuffer data = subscription.userData();
        return data != null && data.remaining() > 0 && data.get(data.position()) == 1;
    }

    @Override
    public String name() {
        return "citybridge-leader-takes-all";
    }
}
