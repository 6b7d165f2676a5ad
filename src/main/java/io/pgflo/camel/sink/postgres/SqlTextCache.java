package io.pgflo.camel.sink.postgres;

import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Supplier;

/**
 * Remembers the SQL text of each statement shape (table, columns, key), so quoting and joining happen
 * once per shape rather than once per change. Bounded: it starts afresh when full. Thread-safe.
 */
final class SqlTextCache {

    private final int capacity;
    private final Map<List<Object>, String> texts = new ConcurrentHashMap<>();

    SqlTextCache(int capacity) {
        this.capacity = capacity;
    }

    String text(List<Object> shape, Supplier<String> build) {
        String text = texts.get(shape);
        if (text == null) {
            if (texts.size() >= capacity) {
                texts.clear();
            }
            text = build.get();
            texts.put(shape, text);
        }
        return text;
    }
}
