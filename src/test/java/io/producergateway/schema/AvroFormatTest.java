package io.producergateway.schema;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;

import org.apache.avro.Schema;
import org.apache.avro.generic.GenericData;
import org.apache.avro.generic.GenericDatumReader;
import org.apache.avro.generic.GenericRecord;
import org.apache.avro.io.DecoderFactory;
import org.apache.avro.util.Utf8;
import org.junit.jupiter.api.Test;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

import io.producergateway.event.GatewayException;
import io.producergateway.event.ProblemType;

class AvroFormatTest {

    private static final ObjectMapper JSON = new ObjectMapper();

    private static final String PERSON = """
            {"type": "record", "name": "Person", "namespace": "com.example",
             "fields": [
               {"name": "name", "type": "string"},
               {"name": "age", "type": ["null", "int"], "default": null},
               {"name": "email", "type": ["null", "string"], "default": null},
               {"name": "tags", "type": {"type": "array", "items": "string"}, "default": []},
               {"name": "scores", "type": {"type": "map", "values": "double"}, "default": {}},
               {"name": "status", "type": {"type": "enum", "name": "Status", "symbols": ["ACTIVE", "GONE"]},
                "default": "ACTIVE"},
               {"name": "address", "type": ["null", {"type": "record", "name": "Address", "fields": [
                  {"name": "street", "type": "string"},
                  {"name": "city", "type": "string"}]}], "default": null},
               {"name": "avatar", "type": "bytes", "default": ""},
               {"name": "id", "type": {"type": "fixed", "name": "Id", "size": 2}, "default": "\\u0000\\u0000"},
               {"name": "created", "type": {"type": "long", "logicalType": "timestamp-millis"}, "default": 0},
               {"name": "amount", "type": {"type": "bytes", "logicalType": "decimal", "precision": 9, "scale": 2},
                "default": "\\u0000"},
               {"name": "active", "type": "boolean", "default": true},
               {"name": "ratio", "type": "float", "default": 0.5}
             ]}
            """;

    private final AvroFormat format = new AvroFormat();

    @Test
    void avroRecordIsWrittenAsBinaryThatAvroReadsBack() throws IOException {
        GenericRecord read = roundTrip(PERSON, """
                {"name": "Ada", "age": {"int": 36}, "email": {"string": "ada@example.com"},
                 "tags": ["a", "b"], "scores": {"math": 9.5}, "status": "GONE",
                 "address": {"com.example.Address": {"street": "1 Loop", "city": "London"}},
                 "avatar": "\\u0001\\u00ff", "id": "ab", "created": 1700000000000, "amount": "\\u0004\\u00d2",
                 "active": false, "ratio": 2}
                """);
        assertEquals(new Utf8("Ada"), read.get("name"));
        assertEquals(36, read.get("age"));
        assertEquals(new Utf8("ada@example.com"), read.get("email"));
        assertEquals(List.of(new Utf8("a"), new Utf8("b")), List.copyOf((GenericData.Array<?>) read.get("tags")));
        assertEquals(Map.of(new Utf8("math"), 9.5), read.get("scores"));
        assertEquals("GONE", read.get("status").toString());
        GenericRecord address = (GenericRecord) read.get("address");
        assertEquals(new Utf8("London"), address.get("city"));
        assertEquals(ByteBuffer.wrap(new byte[] {1, (byte) 0xFF}), read.get("avatar"));
        assertArrayEquals("ab".getBytes(StandardCharsets.ISO_8859_1), ((GenericData.Fixed) read.get("id")).bytes());
        assertEquals(1700000000000L, read.get("created"));
        // 1234 unscaled, scale 2: 12.34, as the decimal's two's-complement bytes 0x04 0xD2.
        assertEquals(ByteBuffer.wrap(new byte[] {0x04, (byte) 0xD2}), read.get("amount"));
        assertEquals(false, read.get("active"));
        assertEquals(2.0f, read.get("ratio"));
    }

    @Test
    void avroMissingFieldsTakeTheirDefaults() throws IOException {
        GenericRecord read = roundTrip(PERSON, "{\"name\": \"Ada\"}");
        assertNull(read.get("age"));
        assertNull(read.get("address"));
        assertEquals(List.of(), List.copyOf((GenericData.Array<?>) read.get("tags")));
        assertEquals("ACTIVE", read.get("status").toString());
        assertEquals(true, read.get("active"));
        assertEquals(0.5f, read.get("ratio"));
        assertEquals(0L, read.get("created"));
    }

    @Test
    void avroUnionTakesTheBranchNamedInTheValue() throws IOException {
        String schema = """
                {"type": "record", "name": "U", "fields": [
                  {"name": "age", "type": ["null", "int", "string"]}]}
                """;
        assertEquals(25, roundTrip(schema, "{\"age\": {\"int\": 25}}").get("age"));
        assertEquals(new Utf8("25"), roundTrip(schema, "{\"age\": {\"string\": \"25\"}}").get("age"));
        assertNull(roundTrip(schema, "{\"age\": null}").get("age"));
        // The branch index is in the binary: int is branch 1, zigzag 2; then 25, zigzag 50.
        assertArrayEquals(new byte[] {2, 50}, payload(schema, "{\"age\": {\"int\": 25}}"));
    }

    @Test
    void avroUnionBranchOfANamedTypeIsItsFullNameOrItsUniqueSimpleName() throws IOException {
        String schema = """
                {"type": "record", "name": "Outer", "namespace": "n", "fields": [
                  {"name": "inner", "type": ["null", {"type": "record", "name": "Inner", "fields": [
                     {"name": "x", "type": "int"}]}]}]}
                """;
        GenericRecord full = (GenericRecord) roundTrip(schema, "{\"inner\": {\"n.Inner\": {\"x\": 1}}}").get("inner");
        assertEquals(1, full.get("x"));
        GenericRecord simple = (GenericRecord) roundTrip(schema, "{\"inner\": {\"Inner\": {\"x\": 2}}}").get("inner");
        assertEquals(2, simple.get("x"));
    }

    @Test
    void avroUnionValueNotWrappedInItsBranchIsRefused() {
        SchemaViolation violation = violation(PERSON, "{\"name\": \"Ada\", \"age\": 25}");
        assertEquals("age", violation.path());
        assertTrue(violation.getMessage().contains("{\"<branch>\": value}"), violation.getMessage());
        assertTrue(violation.getMessage().contains("[null, int]"), violation.getMessage());
    }

    @Test
    void avroUnionBranchNotInTheUnionIsRefused() {
        SchemaViolation violation = violation(PERSON, "{\"name\": \"Ada\", \"age\": {\"long\": 25}}");
        assertEquals("age", violation.path());
        assertTrue(violation.getMessage().contains("found \"long\""), violation.getMessage());
    }

    @Test
    void avroNullForAUnionWithoutNullIsRefused() {
        String schema = """
                {"type": "record", "name": "U", "fields": [{"name": "v", "type": ["int", "string"]}]}
                """;
        assertEquals("v", violation(schema, "{\"v\": null}").path());
    }

    @Test
    void avroMissingFieldWithoutDefaultIsNamed() {
        SchemaViolation violation = violation(PERSON, "{\"age\": null}");
        assertEquals("name", violation.path());
        assertTrue(violation.getMessage().contains("missing required field"), violation.getMessage());
        assertTrue(violation.getMessage().contains("a string"), violation.getMessage());
    }

    @Test
    void avroWrongTypeInANestedRecordNamesItsDottedPath() {
        SchemaViolation violation = violation(PERSON, """
                {"name": "Ada", "address": {"com.example.Address": {"street": "1 Loop", "city": 7}}}
                """);
        assertEquals("address.city", violation.path());
        assertEquals("expected a string, found an integer 7", violation.getMessage());
    }

    @Test
    void avroMissingFieldInANestedRecordNamesItsDottedPath() {
        assertEquals("address.city", violation(PERSON, """
                {"name": "Ada", "address": {"com.example.Address": {"street": "1 Loop"}}}
                """).path());
    }

    @Test
    void avroWrongArrayItemNamesItsIndex() {
        SchemaViolation violation = violation(PERSON, "{\"name\": \"Ada\", \"tags\": [\"a\", \"b\", 3]}");
        assertEquals("tags[2]", violation.path());
        assertEquals("expected a string, found an integer 3", violation.getMessage());
    }

    @Test
    void avroWrongMapValueNamesItsKey() {
        SchemaViolation violation = violation(PERSON, "{\"name\": \"Ada\", \"scores\": {\"math\": \"high\"}}");
        assertEquals("scores.math", violation.path());
        assertTrue(violation.getMessage().startsWith("expected a double"), violation.getMessage());
    }

    @Test
    void avroEnumSymbolNotInTheEnumIsRefused() {
        SchemaViolation violation = violation(PERSON, "{\"name\": \"Ada\", \"status\": \"LOST\"}");
        assertEquals("status", violation.path());
        assertTrue(violation.getMessage().contains("[ACTIVE, GONE]"), violation.getMessage());
        assertTrue(violation.getMessage().contains("\"LOST\""), violation.getMessage());
    }

    @Test
    void avroFieldTheRecordDoesNotHaveIsRefused() {
        SchemaViolation violation = violation(PERSON, "{\"name\": \"Ada\", \"nickname\": \"A\"}");
        assertEquals("nickname", violation.path());
        assertTrue(violation.getMessage().contains("no field named"), violation.getMessage());
    }

    @Test
    void avroIntOutOfRangeOrFractionalIsRefused() {
        String schema = "{\"type\": \"record\", \"name\": \"N\", \"fields\": [{\"name\": \"n\", \"type\": \"int\"}]}";
        assertEquals("n", violation(schema, "{\"n\": 2147483648}").path());
        assertEquals("n", violation(schema, "{\"n\": 1.5}").path());
        assertEquals("n", violation(schema, "{\"n\": \"1\"}").path());
    }

    @Test
    void avroBytesAboveIso88591AreRefused() {
        SchemaViolation violation = violation(PERSON, "{\"name\": \"Ada\", \"avatar\": \"\\u0100\"}");
        assertEquals("avatar", violation.path());
        assertTrue(violation.getMessage().contains("ISO-8859-1"), violation.getMessage());
    }

    @Test
    void avroFixedOfTheWrongSizeIsRefused() {
        SchemaViolation violation = violation(PERSON, "{\"name\": \"Ada\", \"id\": \"abc\"}");
        assertEquals("id", violation.path());
        assertTrue(violation.getMessage().contains("2 bytes"), violation.getMessage());
    }

    @Test
    void avroNonRecordSchemaWritesItsValueAndHasNoRecordName() throws IOException {
        ParsedSchema parsed = format.parse("\"long\"");
        assertNull(parsed.recordName());
        byte[] bytes = format.payload(parsed, JSON.readTree("300"));
        Object read = new GenericDatumReader<>(new Schema.Parser().parse("\"long\""))
                .read(null, DecoderFactory.get().binaryDecoder(bytes, null));
        assertEquals(300L, read);
        assertEquals("", assertThrows(SchemaViolation.class,
                () -> format.payload(parsed, JSON.readTree("\"x\""))).path());
    }

    @Test
    void avroRecordNameIsTheFullName() {
        ParsedSchema parsed = format.parse(PERSON);
        assertEquals("com.example.Person", parsed.recordName());
        assertEquals(SchemaType.AVRO, parsed.type());
        assertEquals(PERSON, parsed.text());
    }

    @Test
    void avroSchemaThatDoesNotParseIsAnInvalidSchema() {
        for (String text : List.of("", "{", "{\"type\": \"recrod\", \"name\": \"X\", \"fields\": []}",
                "{\"type\": \"record\", \"fields\": []}",
                "{\"type\": \"record\", \"name\": \"X\", \"fields\": [{\"name\": \"a\", \"type\": \"Nope\"}]}",
                "{\"type\": \"record\", \"name\": \"X\", \"fields\": [{\"name\": \"a\", \"type\": \"int\", "
                        + "\"default\": \"x\"}]}")) {
            GatewayException e = assertThrows(GatewayException.class, () -> format.parse(text), text);
            assertEquals(ProblemType.INVALID_SCHEMA, e.type(), text);
            assertTrue(e.getMessage().length() > "Invalid Avro schema: ".length(), e.getMessage());
        }
    }

    private GenericRecord roundTrip(String schemaText, String data) throws IOException {
        byte[] bytes = payload(schemaText, data);
        // Decoded by Avro itself, with the schema parsed anew from the same text.
        Schema schema = new Schema.Parser().parse(schemaText);
        GenericRecord record = new GenericDatumReader<GenericRecord>(schema)
                .read(null, DecoderFactory.get().binaryDecoder(bytes, null));
        return record;
    }

    private byte[] payload(String schemaText, String data) throws IOException {
        JsonNode node = JSON.readTree(data);
        return format.payload(format.parse(schemaText), node);
    }

    private SchemaViolation violation(String schemaText, String data) {
        ParsedSchema parsed = format.parse(schemaText);
        return assertThrows(SchemaViolation.class, () -> format.payload(parsed, JSON.readTree(data)));
    }
}
