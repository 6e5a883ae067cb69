package io.producergateway.schema;

import com.fasterxml.jackson.databind.JsonNode;

/** One schema format: parses its schema texts and writes JSON data as its payload in Confluent's wire format. */
interface SchemaFormat {

    SchemaType type();

    /**
     * @throws io.producergateway.event.GatewayException invalid-schema, saying what is wrong with the text
     */
    ParsedSchema parse(String text);

    /**
     * What follows the magic byte and the schema id: Avro binary; the JSON text for JSON Schema; for Protobuf, the
     * message indexes then the message.
     *
     * @param schema a schema this format parsed
     * @throws SchemaViolation when the data does not match the schema, naming where
     */
    byte[] payload(ParsedSchema schema, JsonNode data);
}
