package org.citybridge.kit.inbox;

import org.citybridge.contracts.events.EventPayload;
import org.citybridge.contracts.events.EventType;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Consumer;

/**
 * How every consumer dispatches: one handler per event type, declared once in the consumer; events of
 * other types on the same topic are not the consumer's business and are ignored.
 */
public final class EventHandlers {

    private final Map<Class<?>, Consumer<ReceivedEvent>> handlers;

    private EventHandlers(Map<Class<?>, Consumer<ReceivedEvent>> handlers) {
        this.handlers = Map.copyOf(handlers);
    }

    public static Builder builder() {
        return new Builder();
    }

    /** Applies the event's handler, if its type has one. */
    public void handle(ReceivedEvent event) {
        Consumer<ReceivedEvent> handler = handlers.get(event.payload().getClass());
        if (handler != null) {
            handler.accept(event);
        }
    }

    /** Applies each event's handler, in order. */
    public void handleAll(List<ReceivedEvent> events) {
        events.forEach(this::handle);
    }

    /** True if some handler takes events of this type. */
    public boolean handles(EventType type) {
        return handlers.containsKey(type.payloadType());
    }

    /** Declares the handlers. */
    public static final class Builder {
        private final Map<Class<?>, Consumer<ReceivedEvent>> handlers = new LinkedHashMap<>();

        private Builder() {}

        /** The handler of one payload type; a type has at most one. */
        public <T extends EventPayload> Builder on(Class<T> type, Consumer<T> handler) {
            return onEvent(type, event -> handler.accept(type.cast(event.payload())));
        }

        /** As {@link #on}, for handlers that also need the event's headers (id, time, source). */
        public <T extends EventPayload> Builder onEvent(Class<T> type, Consumer<ReceivedEvent> handler) {
            if (handlers.putIfAbsent(type, handler) != null) {
                throw new IllegalStateException("Two handlers for " + type.getSimpleName());
            }
            return this;
        }

        public EventHandlers build() {
            return new EventHandlers(handlers);
        }
    }
}
