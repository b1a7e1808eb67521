package org.citybridge.infra;

import org.apache.kafka.common.Uuid;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Properties;

/**
 * Entry point of the Kafka child process started by {@link KafkaServer}: a single KRaft node acting
 * as broker and controller, formatted on first start. It exits when its standard input closes, so a
 * parent that dies (even by {@code kill -9}) never leaves a broker behind.
 *
 * <p>Arguments: data directory (holding the credentials {@link KafkaServer} wrote), broker port, controller
 * port. Clients authenticate with SCRAM-SHA-256 and may do only what ACLs allow; the administrator
 * ({@link KafkaCredentials#ADMIN}) is the one super user.
 */
public final class KafkaBrokerMain {

    private KafkaBrokerMain() {}

    public static void main(String[] args) throws Exception {
        Path dir = Path.of(args[0]);
        int port = Integer.parseInt(args[1]);
        int controllerPort = Integer.parseInt(args[2]);
        Files.createDirectories(dir);
        Path logDir = dir.resolve("logs");
        Path config = dir.resolve("server.properties");

        String admin = KafkaCredentials.read(dir).password(KafkaCredentials.ADMIN);
        String scram = "org.apache.kafka.common.security.scram.ScramLoginModule required username=\"admin\" password=\""
                + admin + "\";";
        String plain = "org.apache.kafka.common.security.plain.PlainLoginModule required username=\"admin\" password=\""
                + admin + "\" user_admin=\"" + admin + "\";";

        Properties props = new Properties();
        props.setProperty("process.roles", "broker,controller");
        props.setProperty("node.id", "1");
        props.setProperty("controller.quorum.voters", "1@127.0.0.1:" + controllerPort);
        // clients authenticate with SCRAM; the controller's own listener with a password only this node knows
        props.setProperty(
                "listeners", "SASL_PLAINTEXT://127.0.0.1:" + port + ",CONTROLLER://127.0.0.1:" + controllerPort);
        props.setProperty("advertised.listeners", "SASL_PLAINTEXT://127.0.0.1:" + port);
        props.setProperty("controller.listener.names", "CONTROLLER");
        props.setProperty("inter.broker.listener.name", "SASL_PLAINTEXT");
        props.setProperty("listener.security.protocol.map", "SASL_PLAINTEXT:SASL_PLAINTEXT,CONTROLLER:SASL_PLAINTEXT");
        props.setProperty("sasl.enabled.mechanisms", KafkaCredentials.MECHANISM);
        props.setProperty("sasl.mechanism.inter.broker.protocol", KafkaCredentials.MECHANISM);
        props.setProperty("listener.name.sasl_plaintext.scram-sha-256.sasl.jaas.config", scram);
        props.setProperty("listener.name.controller.sasl.enabled.mechanisms", "PLAIN");
        props.setProperty("sasl.mechanism.controller.protocol", "PLAIN");
        props.setProperty("listener.name.controller.plain.sasl.jaas.config", plain);
        // nothing without an ACL that allows it, except for the administrator
        props.setProperty("authorizer.class.name", "org.apache.kafka.metadata.authorizer.StandardAuthorizer");
        props.setProperty("super.users", "User:" + KafkaCredentials.ADMIN);
        props.setProperty("allow.everyone.if.no.acl.found", "false");
        props.setProperty("log.dirs", logDir.toString());
        props.setProperty("num.partitions", "3");
        // topics and their ACLs are made by the administrator (PlatformTopics), never by a client's first use
        props.setProperty("auto.create.topics.enable", "false");
        props.setProperty("offsets.topic.replication.factor", "1");
        props.setProperty("offsets.topic.num.partitions", "5");
        props.setProperty("transaction.state.log.replication.factor", "1");
        props.setProperty("transaction.state.log.min.isr", "1");
        props.setProperty("share.coordinator.state.topic.replication.factor", "1");
        props.setProperty("share.coordinator.state.topic.min.isr", "1");
        props.setProperty("group.initial.rebalance.delay.ms", "0");
        props.setProperty("log.flush.interval.messages", "1000000");
        try (OutputStream out = Files.newOutputStream(config)) {
            props.store(out, "Single-node KRaft broker for CityBridge local runs and tests");
        }

        if (!Files.exists(logDir.resolve("meta.properties"))) {
            // the administrator's SCRAM credential is part of the cluster's first metadata
            int rc = kafka.tools.StorageTool.execute(
                    new String[] {
                        "format",
                        "-t",
                        Uuid.randomUuid().toString(),
                        "-c",
                        config.toString(),
                        "--add-scram",
                        KafkaCredentials.MECHANISM + "=[name=" + KafkaCredentials.ADMIN + ",password=" + admin + "]"
                    },
                    System.out);
            if (rc != 0) {
                System.err.println("Formatting the Kafka log directory failed: " + rc);
                System.exit(rc);
            }
        }

        Thread watchdog = new Thread(
                () -> {
                    try (InputStream in = System.in) {
                        while (in.read() >= 0) {
                            // the parent never writes; EOF means it is gone
                        }
                    } catch (IOException ignored) {
                        // treated as EOF
                    }
                    System.exit(0);
                },
                "parent-watchdog");
        watchdog.setDaemon(true);
        watchdog.start();

        kafka.Kafka.main(new String[] {config.toString()});
    }
}
