package org.citybridge.launcher;

/** A port the platform needs is taken: reported as one sentence, never as a stack trace. */
public final class PortInUseException extends RuntimeException {

    public PortInUseException(String component, int port) {
        super("Port " + port + " (" + component + ") is already in use. Stop whatever holds it "
                + "(a platform still running? `ss -ltnp 'sport = :" + port + "'` names it) and run again.");
    }
}
