package org.citybridge.testing;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.function.IntFunction;

/** Fires requests at the same time, for the race tests (same ETag, same Idempotency-Key). */
public final class Concurrently {

    private Concurrently() {}

    /**
     * Runs {@code count} calls of {@code request} (given its index), each on a thread of its own, and returns
     * their results in index order; a failed call fails this one.
     */
    public static <T> List<T> run(int count, IntFunction<T> request) throws Exception {
        ExecutorService pool = Executors.newFixedThreadPool(count);
        try {
            List<Callable<T>> calls = new ArrayList<>();
            for (int i = 0; i < count; i++) {
                int index = i;
                calls.add(() -> request.apply(index));
            }
            List<T> results = new ArrayList<>();
            for (Future<T> result : pool.invokeAll(calls)) {
                results.add(result.get());
            }
            return results;
        } finally {
            pool.shutdownNow();
        }
    }
}
