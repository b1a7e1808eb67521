package org.citybridge.kit.tracing;

import io.opentelemetry.api.trace.Span;
import io.opentelemetry.api.trace.SpanContext;
import io.opentelemetry.api.trace.propagation.W3CTraceContextPropagator;
import io.opentelemetry.context.Context;
import io.opentelemetry.context.propagation.TextMapGetter;

import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The W3C trace context that follows a fact from the request that caused it, through the outbox and
 * Kafka (the record header {@value #HEADER}), to the consumers and what they publish in turn. While
 * tracing is off there is no current span, and nothing is stored or sent.
 */
public final class TraceContexts {

    /** The record header, as W3C Trace Context names it and OpenTelemetry's Kafka instrumentations read it. */
    public static final String HEADER = "traceparent";

    private static final TextMapGetter<Map<String, String>> MAP = new TextMapGetter<>() {
        @Override
        public Iterable<String> keys(Map<String, String> carrier) {
            return carrier.keySet();
        }

        @Override
        public String get(Map<String, String> carrier, String key) {
            return carrier == null ? null : carrier.get(key);
        }
    };

    private TraceContexts() {}

    /** The current span as a {@code traceparent} value; null when there is none. */
    public static String currentTraceParent() {
        SpanContext span = Span.current().getSpanContext();
        if (!span.isValid()) {
            return null;
        }
        return "00-" + span.getTraceId() + "-" + span.getSpanId() + "-"
                + span.getTraceFlags().asHex();
    }

    /** The remote span a {@code traceparent} value names; empty when it is absent or malformed. */
    public static Optional<SpanContext> parse(String traceParent) {
        if (traceParent == null || traceParent.isBlank()) {
            return Optional.empty();
        }
        Context extracted =
                W3CTraceContextPropagator.getInstance().extract(Context.root(), Map.of(HEADER, traceParent), MAP);
        SpanContext span = Span.fromContext(extracted).getSpanContext();
        return span.isValid() ? Optional.of(span) : Optional.empty();
    }

    /** The parent for work done on behalf of several events: the first one's span, if it has one. */
    public static Context parentOf(List<SpanContext> causes) {
        return causes.isEmpty() ? Context.root() : Context.root().with(Span.wrap(causes.get(0)));
    }
}
