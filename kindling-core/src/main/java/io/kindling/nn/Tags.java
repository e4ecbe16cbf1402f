package io.kindling.nn;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.stream.Collectors;

/**
 * The tags of one parameter ({@link TagKey}): an immutable map from key to value in the order they
 * were recorded (core tags first: {@code block}, {@code stage}; then the layer's own).
 *
 * @param values the tags, key to value; empty values are dropped
 */
public record Tags(Map<String, String> values) {

    /** No tags. */
    public static final Tags NONE = new Tags(Map.of());

    public Tags {
        Map<String, String> kept = new LinkedHashMap<>();
        values.forEach(
                (k, v) -> {
                    if (v != null && !v.isEmpty()) {
                        kept.put(k, v);
                    }
                });
        values = Collections.unmodifiableMap(kept);
    }

    /** These tags with {@code key=value} added (or replaced); an empty value removes the key. */
    public Tags with(TagKey key, String value) {
        Map<String, String> next = new LinkedHashMap<>(values);
        next.remove(key.name());
        next.put(key.name(), value);
        return new Tags(next);
    }

    /** The value of {@code key}, or what its absence counts as. */
    public String get(TagKey key) {
        return values.getOrDefault(key.name(), key.absent());
    }

    /** Whether the tag is present. */
    public boolean has(TagKey key) {
        return values.containsKey(key.name());
    }

    /** {@code key=value} pairs joined by spaces, e.g. {@code block=stage2.block1 stage=2}. */
    @Override
    public String toString() {
        return values.entrySet().stream()
                .map(e -> e.getKey() + "=" + e.getValue())
                .collect(Collectors.joining(" "));
    }
}
