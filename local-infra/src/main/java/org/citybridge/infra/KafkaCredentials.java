package org.citybridge.infra;

import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The SCRAM passwords of a broker's principals, the administrator and one per service, made for each
 * installation and kept beside the broker's data in {@value #FILE} ({@link InstallationSecrets}).
 */
public final class KafkaCredentials {

    public static final String ADMIN = "admin";
    public static final String MECHANISM = "SCRAM-SHA-256";
    static final String FILE = "credentials.properties";

    private final InstallationSecrets secrets;

    private KafkaCredentials(InstallationSecrets secrets) {
        this.secrets = secrets;
    }

    /** The credentials kept in the broker's data directory {@code dir}, made first if there are none. */
    static KafkaCredentials ensure(Path dir, List<String> principals) {
        return new KafkaCredentials(InstallationSecrets.ensure(dir.resolve(FILE), principals));
    }

    /** The credentials kept in the broker's data directory {@code dir}. */
    public static KafkaCredentials read(Path dir) {
        return new KafkaCredentials(InstallationSecrets.read(dir.resolve(FILE)));
    }

    public String password(String principal) {
        return secrets.password(principal);
    }

    /** What a Kafka client needs to connect to {@code bootstrapServers} as {@code principal} (SASL/SCRAM). */
    public Map<String, String> clientConfig(String bootstrapServers, String principal) {
        Map<String, String> config = new LinkedHashMap<>();
        config.put("bootstrap.servers", bootstrapServers);
        config.put("security.protocol", "SASL_PLAINTEXT");
        config.put("sasl.mechanism", MECHANISM);
        config.put(
                "sasl.jaas.config",
                "org.apache.kafka.common.security.scram.ScramLoginModule required username=\"" + principal
                        + "\" password=\"" + password(principal) + "\";");
        return config;
    }
}
