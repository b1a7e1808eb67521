package org.citybridge.kit.imports;

import java.util.HashMap;
import java.util.Map;

/**
 * What the rows of a dry run checked so far would write, by natural key, remembered across its chunks (which
 * {@link Importer} checks one at a time, in order) so that a row naming again what an earlier row would have
 * written counts as the import would count it. A chunk's drafts are kept only once the chunk went through:
 * a chunk that throws is checked again row by row, and must not meet its own drafts then. Only the job's
 * thread, which checks the chunks, reads and drafts; chunks written at once may each {@link #clear} them.
 * Values are never null.
 */
public final class Drafts<K, V> {

    private final Map<K, V> kept = new HashMap<>();
    private final Map<K, V> chunk = new HashMap<>();

    /** What an earlier row would have written under this key, or null. */
    public V get(K key) {
        V drafted = chunk.get(key);
        return drafted != null ? drafted : kept.get(key);
    }

    /** What this row would write under this key. */
    public void put(K key, V value) {
        chunk.put(key, value);
    }

    /** Checks one chunk: its drafts are kept if {@code checks} returns, dropped if it throws. */
    public void check(Runnable checks) {
        chunk.clear();
        try {
            checks.run();
            kept.putAll(chunk);
        } finally {
            chunk.clear();
        }
    }

    /**
     * Forgets every draft: the writing has begun (an atomic import, once checked), where drafts are not read;
     * chunks written at once may each call it.
     */
    public synchronized void clear() {
        kept.clear();
        chunk.clear();
    }
}
