package io.producergateway.schema;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.nio.charset.StandardCharsets;

import org.junit.jupiter.api.Test;

import com.fasterxml.jackson.databind.ObjectMapper;

import io.producergateway.event.GatewayException;
import io.producergateway.event.ProblemType;

class SchemaFormatsTest {

    private static final ObjectMapper JSON = new ObjectMapper();

    private final SchemaFormats formats = new SchemaFormats();

    @Test
    void formatsParseEachTypeWithItsOwnFormat() {
        assertEquals(SchemaType.AVRO, formats.parse(SchemaType.AVRO, "\"string\"").type());
        assertEquals(SchemaType.JSON, formats.parse(SchemaType.JSON, "{\"type\": \"string\"}").type());
        assertEquals(SchemaType.PROTOBUF, formats.parse(SchemaType.PROTOBUF, "message M { }").type());
    }

    @Test
    void formatsWriteThePayloadWithTheFormatOfTheSchemasType() throws Exception {
        // "ab" as an Avro string: length 2 (zigzag 4), then the bytes.
        assertArrayEquals(new byte[] {4, 'a', 'b'},
                formats.payload(formats.parse(SchemaType.AVRO, "\"string\""), JSON.readTree("\"ab\"")));
        assertArrayEquals("\"ab\"".getBytes(StandardCharsets.UTF_8),
                formats.payload(formats.parse(SchemaType.JSON, "{\"type\": \"string\"}"), JSON.readTree("\"ab\"")));
        assertArrayEquals(new byte[] {0, 0x0a, 0x02, 'a', 'b'}, formats.payload(
                formats.parse(SchemaType.PROTOBUF, "syntax = \"proto3\"; message M { string s = 1; }"),
                JSON.readTree("{\"s\": \"ab\"}")));
    }

    @Test
    void formatsRefuseATextThatIsNotASchemaOfTheGivenType() {
        // A valid JSON Schema is no Avro schema, and a .proto is neither.
        assertEquals(ProblemType.INVALID_SCHEMA, assertThrows(GatewayException.class,
                () -> formats.parse(SchemaType.AVRO, "{\"type\": \"object\"}")).type());
        assertEquals(ProblemType.INVALID_SCHEMA, assertThrows(GatewayException.class,
                () -> formats.parse(SchemaType.JSON, "message M { }")).type());
        assertEquals(ProblemType.INVALID_SCHEMA, assertThrows(GatewayException.class,
                () -> formats.parse(SchemaType.PROTOBUF, "{\"type\": \"string\"}")).type());
    }
}
