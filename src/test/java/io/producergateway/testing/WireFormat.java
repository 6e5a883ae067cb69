package io.producergateway.testing;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.util.Arrays;

import org.apache.avro.Schema;
import org.apache.avro.generic.GenericDatumReader;
import org.apache.avro.generic.GenericRecord;
import org.apache.avro.io.DecoderFactory;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.google.protobuf.InvalidProtocolBufferException;
import com.google.protobuf.UnknownFieldSet;

import io.restassured.RestAssured;

/**
 * A record's bytes as a Confluent deserializer reads them: magic byte 0, the schema id (4 bytes, big-endian), the
 * payload; decoded with the schema the registry itself serves for that id, by the format's own library.
 */
public record WireFormat(int schemaId, byte[] payload) {

    private static final ObjectMapper JSON = new ObjectMapper();

    public static WireFormat of(byte[] record) {
        assertTrue(record != null && record.length >= 5, "a wire-format record has 5 bytes of header at least");
        assertEquals(0, record[0], "magic byte");
        return new WireFormat(ByteBuffer.wrap(record, 1, 4).getInt(), Arrays.copyOfRange(record, 5, record.length));
    }

    /** The schema text the shared registry serves for this id (GET /schemas/ids/{id}). */
    public String registeredSchema() {
        return RestAssured.given().baseUri(SharedSchemaRegistry.server().confluentUrl())
                .get("/schemas/ids/{id}", schemaId).then().statusCode(200).extract().path("schema");
    }

    /** The payload read by Apache Avro with the registered schema. */
    public GenericRecord avro() {
        Schema schema = new Schema.Parser().parse(registeredSchema());
        try {
            return new GenericDatumReader<GenericRecord>(schema).read(null,
                    DecoderFactory.get().binaryDecoder(payload, null));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** The payload of a JSON Schema record: the JSON text. */
    public JsonNode json() {
        try {
            return JSON.readTree(payload);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /**
     * The payload of a Protobuf record: the message indexes (one byte 0 for the first message), then the message,
     * read field by field without our descriptors.
     */
    public UnknownFieldSet protobufFirstMessage() {
        assertEquals(0, payload[0], "message indexes [0]: the first message of the schema, as one byte 0");
        try {
            return UnknownFieldSet.parseFrom(Arrays.copyOfRange(payload, 1, payload.length));
        } catch (InvalidProtocolBufferException e) {
            throw new AssertionError("not a protobuf message", e);
        }
    }
}
