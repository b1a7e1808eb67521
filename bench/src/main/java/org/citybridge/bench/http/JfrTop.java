package org.citybridge.bench.http;

import jdk.jfr.consumer.RecordedEvent;
import jdk.jfr.consumer.RecordedFrame;
import jdk.jfr.consumer.RecordedStackTrace;
import jdk.jfr.consumer.RecordingFile;

import java.nio.file.Path;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Where a service spent its CPU during a measurement: reads a JFR recording ({@code settings=profile})
 * and prints the methods most often on top of the sampled stacks (self time), the methods most often
 * anywhere on them (inclusive time), and self time grouped by package. Usage: {@code JfrTop <file.jfr> [n]}.
 */
public final class JfrTop {

    private JfrTop() {}

    public static void main(String[] args) throws Exception {
        int n = args.length > 1 ? Integer.parseInt(args[1]) : 25;
        Map<String, Integer> self = new HashMap<>();
        Map<String, Integer> inclusive = new HashMap<>();
        Map<String, Integer> packages = new HashMap<>();
        int samples = 0;
        for (RecordedEvent event : RecordingFile.readAllEvents(Path.of(args[0]))) {
            if (!event.getEventType().getName().equals("jdk.ExecutionSample")) {
                continue;
            }
            RecordedStackTrace stack = event.getStackTrace();
            if (stack == null || stack.getFrames().isEmpty()) {
                continue;
            }
            samples++;
            List<RecordedFrame> frames = stack.getFrames();
            String top = name(frames.get(0));
            self.merge(top, 1, Integer::sum);
            packages.merge(packageOf(frames.get(0)), 1, Integer::sum);
            Set<String> seen = new HashSet<>();
            for (RecordedFrame frame : frames) {
                String method = name(frame);
                if (seen.add(method)) {
                    inclusive.merge(method, 1, Integer::sum);
                }
            }
        }
        System.out.println(samples + " execution samples");
        print("self time (top of stack)", self, samples, n);
        print("self time by package", packages, samples, n);
        print("inclusive time (anywhere on the stack)", inclusive, samples, n);
    }

    private static void print(String title, Map<String, Integer> counts, int samples, int n) {
        System.out.println("-- " + title);
        counts.entrySet().stream()
                .sorted((a, b) -> b.getValue() - a.getValue())
                .limit(n)
                .forEach(e -> System.out.printf("%5.1f%%  %s%n", 100.0 * e.getValue() / samples, e.getKey()));
    }

    private static String name(RecordedFrame frame) {
        return frame.getMethod().getType().getName() + "." + frame.getMethod().getName();
    }

    private static String packageOf(RecordedFrame frame) {
        String type = frame.getMethod().getType().getName();
        String[] parts = type.split("\\.");
        return parts.length <= 3 ? type : String.join(".", parts[0], parts[1], parts[2]);
    }
}
