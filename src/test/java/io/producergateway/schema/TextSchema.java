package io.producergateway.schema;

/**
 * A schema text taken as it is, for tests of what the registry and the caches do with texts and ids (parsing belongs
 * to the formats, tested on their own).
 */
record TextSchema(SchemaType type, String text, String recordName) implements ParsedSchema {

    static TextSchema parse(SchemaType type, String text) {
        return new TextSchema(type, text, null);
    }
}
