package io.producergateway.ingest;

import com.fasterxml.jackson.databind.JsonNode;

import io.producergateway.event.Event;

/**
 * An event read from a request, whose key and value may still be JSON data to write with a schema.
 *
 * @param index the event's place in the request, for the violations listed in an answer
 * @param event the event, with the key and value bytes of the parts that need no schema
 * @param key the key as JSON data, when the API took it as JSON (so a schema can write it); else null
 * @param keySchema the schema the request names for the key, or null
 * @param value the value as JSON data, when the API took it as JSON; else null
 * @param valueSchema the schema the request names for the value, or null
 */
public record SchemaDraft(int index, Event event, JsonNode key, SchemaRef keySchema, JsonNode value,
        SchemaRef valueSchema) {

    /** Whether nothing of the event needs a schema: unless its topic is governed, the event is final. */
    public boolean plain() {
        return keySchema == null && valueSchema == null;
    }
}
