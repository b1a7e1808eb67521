package org.citybridge.webhooks;

import com.sun.net.httpserver.HttpServer;

import java.io.IOException;
import java.io.InputStream;
import java.net.InetSocketAddress;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.Executors;
import java.util.function.IntSupplier;

/** A partner's HTTP endpoint on loopback: records what arrives and answers as a test tells it to. */
final class Receiver implements AutoCloseable {

    /** One request as it arrived: headers (names in lower case) and body. */
    record Received(Map<String, String> headers, byte[] body) {

        String header(String name) {
            return headers.get(name);
        }
    }

    private final HttpServer server;
    private final List<Received> received = new CopyOnWriteArrayList<>();
    private final java.util.concurrent.atomic.AtomicInteger refused = new java.util.concurrent.atomic.AtomicInteger();
    private volatile IntSupplier status = () -> 204;

    Receiver() throws IOException {
        server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
        server.setExecutor(Executors.newFixedThreadPool(4));
        server.createContext("/hook", exchange -> {
            try (InputStream body = exchange.getRequestBody()) {
                Map<String, String> headers = new TreeMap<>();
                exchange.getRequestHeaders()
                        .forEach((name, values) -> headers.put(name.toLowerCase(java.util.Locale.ROOT), values.get(0)));
                int answer = status.getAsInt();
                if (answer / 100 == 2) {
                    received.add(new Received(headers, body.readAllBytes()));
                } else {
                    refused.incrementAndGet();
                }
                exchange.sendResponseHeaders(answer, -1);
            } finally {
                exchange.close();
            }
        });
        server.start();
    }

    String url() {
        return "http://127.0.0.1:" + server.getAddress().getPort() + "/hook";
    }

    /** What it answers from now on to every request. */
    void answer(IntSupplier status) {
        this.status = status;
    }

    /** The requests it accepted (answered 2xx), in order of arrival. */
    List<Received> received() {
        return List.copyOf(received);
    }

    /** How many requests it answered with anything but 2xx. */
    int refused() {
        return refused.get();
    }

    @Override
    public void close() {
        server.stop(0);
    }
}
