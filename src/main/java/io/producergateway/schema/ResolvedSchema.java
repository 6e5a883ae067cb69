package io.producergateway.schema;

/** A schema the registry knows, with its global id: what a record's wire format names. */
public record ResolvedSchema(int id, ParsedSchema schema) {
}
