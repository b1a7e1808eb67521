package org.citybridge.contracts.events;

/** A record that cannot be read as a CityBridge CloudEvent; consumers send it to their dead-letter topic. */
public class MalformedEventException extends RuntimeException {

    public MalformedEventException(String message) {
        super(message);
    }

    public MalformedEventException(String message, Throwable cause) {
        super(message, cause);
    }
}
