package org.citybridge.infra;

import org.junit.jupiter.api.Test;

import java.net.InetAddress;
import java.net.ServerSocket;
import java.util.Arrays;

import static org.assertj.core.api.Assertions.assertThat;

/** Ports for the platform's servers: free, distinct, and out of the range outgoing connections take theirs from. */
class PortsTest {

    @Test
    void shouldHandOutDistinctBindablePortsBelowTheEphemeralRange() throws Exception {
        int[] ports = Ports.free(20);

        assertThat(Arrays.stream(ports).distinct().count()).isEqualTo(20);
        assertThat(Arrays.stream(ports).boxed().toList())
                .allSatisfy(port -> assertThat(port).isBetween(10_000, Ports.ephemeralRangeStart() - 1));
        for (int port : ports) {
            try (ServerSocket socket = new ServerSocket(port, 1, InetAddress.getLoopbackAddress())) {
                assertThat(socket.getLocalPort()).isEqualTo(port);
            }
        }
        assertThat(Ports.free()).isNotIn(Arrays.stream(ports).boxed().toList());
    }
}
