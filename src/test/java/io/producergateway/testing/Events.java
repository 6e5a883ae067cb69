package io.producergateway.testing;

import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

import io.producergateway.event.Event;

/** Events for unit tests, as the readers would make them. */
public final class Events {

    public static final Instant TIME = Instant.ofEpochMilli(1_700_000_000_000L);

    private Events() {
    }

    public static Event keyed(String id, String key) {
        return new Event(id, key == null ? null : key.getBytes(StandardCharsets.UTF_8),
                ("\"" + id + "\"").getBytes(StandardCharsets.UTF_8), new ArrayList<>(), null, null, TIME);
    }

    public static Event keyless(String id) {
        return keyed(id, null);
    }

    public static Event withPartition(String id, int partition) {
        Event event = keyless(id);
        return new Event(id, null, event.value(), event.headers(), partition, null, TIME);
    }

    public static Event withPriority(String id, String key, String priority) {
        Event event = keyed(id, key);
        return new Event(id, event.key(), event.value(), event.headers(), null, priority, TIME);
    }

    public static Event ofValueBytes(String id, int valueBytes) {
        return new Event(id, null, new byte[valueBytes], List.of(), null, null, TIME);
    }
}
