package org.citybridge.infra;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;

/** Loopback port helpers. */
public final class Ports {

    private Ports() {}

    /** Lowest port handed out: below are the well-known and registered services' usual ports. */
    private static final int LOWEST = 10_000;

    private static final java.util.Set<Integer> HANDED_OUT = java.util.concurrent.ConcurrentHashMap.newKeySet();
    private static final java.util.Random RANDOM = new java.security.SecureRandom();

    /**
     * A port that was free on the loopback interface a moment ago, below the kernel's ephemeral range:
     * the source ports of outgoing connections come from that range, so a port picked there can be taken
     * by a client's connection before the server it was meant for binds it (seen: a service's management
     * port, during a test with many connections open). Never the same port twice in this JVM.
     */
    public static int free() {
        return free(1)[0];
    }

    /** {@code count} distinct free loopback ports (see {@link #free()}). */
    public static int[] free(int count) {
        int highest = ephemeralRangeStart() - 1;
        int[] ports = new int[count];
        for (int i = 0; i < count; i++) {
            ports[i] = freeBetween(LOWEST, highest);
        }
        return ports;
    }

    private static int freeBetween(int lowest, int highest) {
        for (int attempt = 0; attempt < 1_000; attempt++) {
            int port = lowest + RANDOM.nextInt(highest - lowest + 1);
            if (!HANDED_OUT.contains(port) && bindable(port) && HANDED_OUT.add(port)) {
                return port;
            }
        }
        throw new UncheckedIOException(new IOException("No free loopback port between " + lowest + " and " + highest));
    }

    private static boolean bindable(int port) {
        try (ServerSocket socket = new ServerSocket(port, 1, InetAddress.getLoopbackAddress())) {
            return true;
        } catch (IOException e) {
            return false;
        }
    }

    /** The first port of the kernel's ephemeral range (Linux's default when it cannot be read). */
    static int ephemeralRangeStart() {
        try {
            String range =
                    java.nio.file.Files.readString(java.nio.file.Path.of("/proc/sys/net/ipv4/ip_local_port_range"));
            int start = Integer.parseInt(range.trim().split("\\s+")[0]);
            return start > LOWEST + 1_000 ? start : 32_768;
        } catch (IOException | RuntimeException e) {
            return 32_768;
        }
    }

    /** True if something accepts connections on this loopback port. */
    public static boolean inUse(int port) {
        try (Socket socket = new Socket()) {
            socket.connect(new InetSocketAddress(InetAddress.getLoopbackAddress(), port), 200);
            return true;
        } catch (IOException e) {
            return false;
        }
    }
}
