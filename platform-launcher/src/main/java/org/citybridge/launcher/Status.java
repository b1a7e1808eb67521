package org.citybridge.launcher;

import java.io.PrintStream;
import java.time.Duration;
import java.time.Instant;

/** One readable line per state change of a component: starting, ready, failed (with its log), stopped. */
public final class Status {

    private final PrintStream out;
    private final Instant started = Instant.now();

    public Status(PrintStream out) {
        this.out = out;
    }

    /** Prints nothing: for tests that run the platform quietly. */
    public static Status silent() {
        return new Status(new PrintStream(java.io.OutputStream.nullOutputStream()));
    }

    public void starting(String component, String detail) {
        line("starting", component, detail);
    }

    public void ready(String component, String detail, Duration took) {
        line("ready", component, detail + String.format(" (%.1f s)", took.toMillis() / 1000.0));
    }

    public void failed(String component, String reason) {
        line("FAILED", component, reason);
    }

    public void stopping(String component) {
        line("stopping", component, "");
    }

    public void info(String text) {
        synchronized (out) {
            out.println(text);
            out.flush();
        }
    }

    private void line(String state, String component, String detail) {
        long seconds = Duration.between(started, Instant.now()).toSeconds();
        info(String.format("[%3d s] %-9s %-20s %s", seconds, state, component, detail)
                .stripTrailing());
    }
}
