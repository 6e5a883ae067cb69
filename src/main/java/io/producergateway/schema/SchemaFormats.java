package io.producergateway.schema;

import jakarta.enterprise.context.ApplicationScoped;

import com.fasterxml.jackson.databind.JsonNode;

/** The formats by type: the one place that picks Avro, JSON Schema or Protobuf. */
@ApplicationScoped
class SchemaFormats {

    /** @see SchemaFormat#parse */
    ParsedSchema parse(SchemaType type, String text) {
        throw new UnsupportedOperationException("contract: implemented by the schema work");
    }

    /** @see SchemaFormat#payload */
    byte[] payload(ParsedSchema schema, JsonNode data) {
        throw new UnsupportedOperationException("contract: implemented by the schema work");
    }
}
