package org.citybridge.launcher;

import com.sun.net.httpserver.HttpServer;
import org.citybridge.infra.Ports;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/** The entry point of {@code ./run.sh --replicas N}: connections go round the instances, past a stopped one. */
class RoundRobinEntryTest {

    private final List<HttpServer> instances = new ArrayList<>();
    private RoundRobinEntry entry;

    @AfterEach
    void stop() {
        if (entry != null) {
            entry.close();
        }
        instances.forEach(server -> server.stop(0));
    }

    @Test
    void shouldSendEachConnectionToTheNextInstanceAndSkipOneThatIsDown() throws Exception {
        HttpServer a = instance("a");
        HttpServer b = instance("b");
        entry = RoundRobinEntry.start(
                "test",
                "127.0.0.1",
                Ports.free(),
                List.of(
                        new InetSocketAddress("127.0.0.1", a.getAddress().getPort()),
                        new InetSocketAddress("127.0.0.1", b.getAddress().getPort())));

        List<String> answers = new ArrayList<>();
        for (int i = 0; i < 4; i++) {
            answers.add(getOnNewConnection());
        }
        assertThat(answers).containsExactly("a", "b", "a", "b");

        a.stop(0);
        answers.clear();
        for (int i = 0; i < 4; i++) {
            answers.add(getOnNewConnection());
        }
        assertThat(answers).containsOnly("b").hasSize(4);
    }

    @Test
    void shouldPassARequestBodyAndAKeptAliveConnectionThrough() throws Exception {
        HttpServer a = instance("a");
        entry = RoundRobinEntry.start(
                "test",
                "127.0.0.1",
                Ports.free(),
                List.of(new InetSocketAddress("127.0.0.1", a.getAddress().getPort())));
        HttpClient client = HttpClient.newHttpClient();
        for (int i = 0; i < 3; i++) { // one client: the connection is kept and reused
            HttpResponse<String> echoed = client.send(
                    HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + entry.port() + "/echo"))
                            .POST(HttpRequest.BodyPublishers.ofString("body " + i))
                            .build(),
                    HttpResponse.BodyHandlers.ofString());
            assertThat(echoed.body()).isEqualTo("a:body " + i);
        }
    }

    /** A fresh client per call: a new connection each time. */
    private String getOnNewConnection() throws IOException, InterruptedException {
        return HttpClient.newHttpClient()
                .send(
                        HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + entry.port() + "/"))
                                .build(),
                        HttpResponse.BodyHandlers.ofString())
                .body();
    }

    private HttpServer instance(String name) throws IOException {
        HttpServer server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
        server.createContext("/", exchange -> {
            byte[] body = exchange.getRequestBody().readAllBytes();
            String text = exchange.getRequestURI().getPath().equals("/echo")
                    ? name + ":" + new String(body, StandardCharsets.UTF_8)
                    : name;
            byte[] answer = text.getBytes(StandardCharsets.UTF_8);
            exchange.sendResponseHeaders(200, answer.length);
            exchange.getResponseBody().write(answer);
            exchange.close();
        });
        server.start();
        instances.add(server);
        return server;
    }
}
