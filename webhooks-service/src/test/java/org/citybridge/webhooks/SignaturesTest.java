package org.citybridge.webhooks;

import org.citybridge.webhooks.service.Signatures;
import org.junit.jupiter.api.Test;

import java.nio.charset.StandardCharsets;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/** The Standard Webhooks scheme, checked against the example its specification publishes. */
class SignaturesTest {

    @Test
    void shouldSignAsTheStandardWebhooksSpecificationsExample() {
        String signature = Signatures.sign(
                "whsec_MfKQ9r8GKYqrTwjUPD8ILPZIo2LaLaSw",
                "msg_p5jXN8AQM9LWM0D4loKWxJek",
                1614265330,
                "{\"test\": 2432232314}".getBytes(StandardCharsets.UTF_8));

        assertThat(signature).isEqualTo("v1,g0hM9SsE+OTPJTGt/tmIKtSyZlE3uFJELVlNIOLJ1OE=");
    }

    @Test
    void shouldCarryOneSignaturePerSecretAfterARotation() {
        byte[] body = "{}".getBytes(StandardCharsets.UTF_8);
        String current = Signatures.newSecret();
        String previous = Signatures.newSecret();

        String header = Signatures.header(List.of(current, previous), "id", 1, body);

        assertThat(header.split(" "))
                .containsExactly(Signatures.sign(current, "id", 1, body), Signatures.sign(previous, "id", 1, body));
        assertThat(current).startsWith("whsec_").isNotEqualTo(previous);
    }
}
