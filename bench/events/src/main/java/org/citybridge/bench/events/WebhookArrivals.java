package org.citybridge.bench.events;

import com.sun.net.httpserver.HttpServer;

import java.io.IOException;
import java.io.InputStream;
import java.net.InetSocketAddress;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Executors;

/**
 * A webhook receiver on loopback for the latency benchmark: answers 204 at once and keeps, per aggregate
 * (the {@code ce-subject} of a binary CloudEvent), when its first delivery arrived ({@link System#nanoTime}).
 */
final class WebhookArrivals implements AutoCloseable {

    private final HttpServer server;
    private final Map<UUID, Long> arrivals = new ConcurrentHashMap<>();

    WebhookArrivals() throws IOException {
        server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
        server.setExecutor(Executors.newFixedThreadPool(4));
        server.createContext("/hook", exchange -> {
            long now = System.nanoTime();
            try (InputStream body = exchange.getRequestBody()) {
                body.readAllBytes();
                String subject = exchange.getRequestHeaders().getFirst("ce-subject");
                if (subject != null) {
                    arrivals.putIfAbsent(UUID.fromString(subject), now);
                }
                exchange.sendResponseHeaders(204, -1);
            } finally {
                exchange.close();
            }
        });
        server.start();
    }

    String url() {
        return "http://127.0.0.1:" + server.getAddress().getPort() + "/hook";
    }

    /** When the first delivery about this aggregate arrived; -1 if none did. */
    long arrival(UUID subject) {
        return arrivals.getOrDefault(subject, -1L);
    }

    int arrivedOf(UUID[] subjects) {
        int arrived = 0;
        for (UUID subject : subjects) {
            if (arrivals.containsKey(subject)) {
                arrived++;
            }
        }
        return arrived;
    }

    @Override
    public void close() {
        server.stop(0);
    }
}
