package org.citybridge.matchmaking.rest;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.http.HttpClient;
import io.vertx.core.http.HttpClientOptions;
import io.vertx.core.http.HttpMethod;
import io.vertx.core.http.HttpServerRequest;
import io.vertx.core.http.HttpServerResponse;
import io.vertx.core.http.RequestOptions;
import io.vertx.ext.web.Router;
import io.vertx.ext.web.RoutingContext;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import jakarta.inject.Inject;
import org.citybridge.kit.problem.Problem;
import org.citybridge.matchmaking.readmodel.EngineLeadership;
import org.jboss.logging.Logger;

import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.regex.Pattern;

/**
 * On an instance that does not run the engine, the requests that change it (answers to proposals,
 * recorded partnerships, pairing rounds, re-scores, model fits and activations) go to the instance that
 * does, unchanged (token, If-Match and Idempotency-Key included), and its answer comes back as it is.
 * Reads never leave the instance: they come from the database every instance shares. While no leader is
 * known (a takeover is under way) such a request is answered 503 with Retry-After.
 */
@ApplicationScoped
public class LeaderForwarding {

    private static final Logger LOG = Logger.getLogger(LeaderForwarding.class);

    /** Marks a forwarded request: an instance never forwards one again (no loops while leadership moves). */
    static final String FORWARDED_HEADER = "CityBridge-Forwarded";

    /** What needs the engine: each POST or PUT here runs under its lock (see MatchmakingState). */
    private static final List<Pattern> ENGINE_WRITES = List.of(
            Pattern.compile("POST /api/v1/proposals/[^/]+/(accept|decline)"),
            Pattern.compile("POST /api/v1/partnerships(/imports)?"),
            Pattern.compile("POST /api/v1/pairing-rounds(/[^/]+/proposals)?"),
            Pattern.compile("POST /api/v1/admin/(rescore|model/fits)"),
            Pattern.compile("PUT /api/v1/admin/model"));

    /** Connection-level headers, which belong to one hop and are not passed on. */
    private static final Set<String> HOP_BY_HOP = Set.of(
            "connection",
            "keep-alive",
            "transfer-encoding",
            "te",
            "trailer",
            "upgrade",
            "host",
            "content-length",
            "proxy-authorization",
            "proxy-connection");

    /** A pairing round of thousands of cities may take a while. */
    private static final long TIMEOUT_MILLIS = 120_000;

    @Inject
    EngineLeadership leadership;

    @Inject
    Vertx vertx;

    @Inject
    ObjectMapper json;

    private HttpClient client;

    void install(@Observes Router router) {
        client = vertx.createHttpClient(new HttpClientOptions().setConnectTimeout(2_000));
        router.route().order(-100).handler(this::route);
    }

    static boolean needsEngine(HttpMethod method, String path) {
        String request = method.name() + " " + (path.endsWith("/") ? path.substring(0, path.length() - 1) : path);
        return ENGINE_WRITES.stream().anyMatch(p -> p.matcher(request).matches());
    }

    private void route(RoutingContext context) {
        HttpServerRequest request = context.request();
        if (leadership.leads() || !needsEngine(request.method(), request.path())) {
            context.next();
            return;
        }
        Optional<String> leader = leadership.leaderUrl();
        if (request.getHeader(FORWARDED_HEADER) != null || leader.isEmpty()) {
            unavailable(context, "The instance that runs the matchmaking engine is changing; retry shortly");
            return;
        }
        RequestOptions forward = new RequestOptions()
                .setMethod(request.method())
                .setAbsoluteURI(leader.get() + request.uri())
                .setTimeout(TIMEOUT_MILLIS);
        request.headers().forEach(header -> {
            if (!HOP_BY_HOP.contains(header.getKey().toLowerCase(Locale.ROOT))) {
                forward.addHeader(header.getKey(), header.getValue());
            }
        });
        forward.putHeader(FORWARDED_HEADER, "1");
        Future<Buffer> body = request.body();
        request.resume(); // the server pauses a request until a handler asks for its body
        AtomicBoolean connected = new AtomicBoolean();
        body.compose(content -> client.request(forward).compose(out -> {
                    connected.set(true);
                    return out.send(content);
                }))
                .compose(answer -> answer.body().map(content -> {
                    HttpServerResponse response = context.response().setStatusCode(answer.statusCode());
                    for (String name : answer.headers().names()) {
                        if (!HOP_BY_HOP.contains(name.toLowerCase(Locale.ROOT))) {
                            // set, not add: the leader's answer replaces what this instance's filters put there
                            response.headers().set(name, answer.headers().getAll(name));
                        }
                    }
                    response.end(content);
                    return content;
                }))
                .onFailure(failure -> {
                    LOG.warnf(
                            "Could not forward %s %s to the engine's leader: %s",
                            request.method(), request.path(), failure.toString());
                    if (context.response().headWritten()) {
                        return;
                    }
                    if (connected.get()) {
                        // sent: it may have taken effect, so no invitation to retry blindly
                        problem(
                                context,
                                502,
                                "Bad Gateway",
                                "The instance that runs the matchmaking engine did not answer in time; the request "
                                        + "may have taken effect: read the resource before retrying, or retry with "
                                        + "the same Idempotency-Key",
                                null);
                    } else {
                        unavailable(
                                context, "The instance that runs the matchmaking engine did not answer; retry shortly");
                    }
                });
    }

    private void unavailable(RoutingContext context, String detail) {
        problem(context, 503, "Service Unavailable", detail, "2");
    }

    private void problem(RoutingContext context, int status, String title, String detail, String retryAfter) {
        Problem problem = new Problem(
                Problem.TYPE_BASE + (status == 503 ? "unavailable" : "bad-gateway"),
                title,
                status,
                detail,
                context.request().path(),
                null);
        String body;
        try {
            body = json.writeValueAsString(problem);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
        HttpServerResponse response =
                context.response().setStatusCode(status).putHeader("Content-Type", Problem.MEDIA_TYPE);
        if (retryAfter != null) {
            response.putHeader("Retry-After", retryAfter);
        }
        response.end(Buffer.buffer(body));
    }
}
