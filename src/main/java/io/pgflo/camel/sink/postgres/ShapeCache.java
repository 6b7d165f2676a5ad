package io.pgflo.camel.sink.postgres;

import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Supplier;

/**
 * Remembers what is built from each statement shape (table, columns, key), such as its SQL text, so quoting
 * and joining happen once per shape rather than once per change. Bounded: it starts afresh when full.
 * Thread-safe.
 */
final class ShapeCache<K, V> {

    private final int capacity;
    private final Map<K, V> values = new ConcurrentHashMap<>();

    ShapeCache(int capacity) {
        this.capacity = capacity;
    }

    V get(K shape, Supplier<V> build) {
        V value = values.get(shape);
        if (value == null) {
            if (values.size() >= capacity) {
                values.clear();
            }
            value = build.get();
            values.put(shape, value);
        }
        return value;
    }
}
