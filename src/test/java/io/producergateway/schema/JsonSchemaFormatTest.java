package io.producergateway.schema;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.List;

import org.junit.jupiter.api.Test;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

import io.producergateway.event.GatewayException;
import io.producergateway.event.ProblemType;

class JsonSchemaFormatTest {

    private static final ObjectMapper JSON = new ObjectMapper();

    private static final String PERSON = """
            {"title": "com.example.Person", "type": "object",
             "properties": {
               "name": {"type": "string"},
               "age": {"type": ["integer", "null"], "minimum": 0},
               "status": {"enum": ["ACTIVE", "GONE"]},
               "tags": {"type": "array", "items": {"type": "string"}},
               "address": {"type": "object", "required": ["city"],
                           "properties": {"city": {"type": "string"}, "zip": {"$ref": "#/definitions/zip"}}}
             },
             "required": ["name"],
             "definitions": {"zip": {"type": "string", "pattern": "^[0-9]{5}$"}}}
            """;

    private final JsonSchemaFormat format = new JsonSchemaFormat();

    @Test
    void jsonValidDataIsWrittenAsItsCompactJsonText() throws IOException {
        String data = """
                {"name": "Ada",  "age": 36, "status": "GONE", "tags": ["a", "b"],
                 "address": {"city": "London", "zip": "12345"}, "extra": {"kept": [1, 2.5, true, null]}}
                """;
        byte[] bytes = payload(PERSON, data);
        String text = new String(bytes, StandardCharsets.UTF_8);
        assertEquals(JSON.readTree(data), JSON.readTree(bytes));
        assertTrue(!text.contains(" ") && !text.contains("\n"), text);
    }

    @Test
    void jsonMissingRequiredPropertyNamesIt() {
        SchemaViolation violation = violation(PERSON, "{\"age\": 3}");
        assertEquals("name", violation.path());
        assertTrue(violation.getMessage().contains("name"), violation.getMessage());
        assertTrue(violation.getMessage().contains("required"), violation.getMessage());
    }

    @Test
    void jsonMissingRequiredPropertyOfANestedObjectNamesItsDottedPath() {
        assertEquals("address.city", violation(PERSON, "{\"name\": \"Ada\", \"address\": {}}").path());
    }

    @Test
    void jsonWrongTypeNestedNamesItsDottedPath() {
        SchemaViolation violation = violation(PERSON, "{\"name\": \"Ada\", \"address\": {\"city\": 7}}");
        assertEquals("address.city", violation.path());
        assertTrue(violation.getMessage().contains("integer"), violation.getMessage());
        assertTrue(violation.getMessage().contains("string"), violation.getMessage());
    }

    @Test
    void jsonArrayItemOfTheWrongTypeNamesItsIndex() {
        SchemaViolation violation = violation(PERSON, "{\"name\": \"Ada\", \"tags\": [\"a\", \"b\", 3]}");
        assertEquals("tags[2]", violation.path());
    }

    @Test
    void jsonValueNotInTheEnumIsRefused() {
        SchemaViolation violation = violation(PERSON, "{\"name\": \"Ada\", \"status\": \"LOST\"}");
        assertEquals("status", violation.path());
        assertTrue(violation.getMessage().contains("enum"), violation.getMessage());
    }

    @Test
    void jsonLocalRefIsFollowed() {
        SchemaViolation violation = violation(PERSON, """
                {"name": "Ada", "address": {"city": "London", "zip": "1234"}}
                """);
        assertEquals("address.zip", violation.path());
        assertTrue(violation.getMessage().contains("pattern"), violation.getMessage());
    }

    @Test
    void jsonRefsWithinASchemaThatHasAnIdAreFollowedWithoutLoadingAnything() throws IOException {
        for (String draft : List.of("http://json-schema.org/draft-07/schema#",
                "https://json-schema.org/draft/2020-12/schema")) {
            String schema = """
                    {"$schema": "%s", "$id": "https://example.com/schemas/person.json",
                     "type": "object", "properties": {
                       "home": {"$ref": "#/definitions/place"},
                       "work": {"$ref": "https://example.com/schemas/person.json#/definitions/place"},
                       "nick": {"$ref": "nick.json"}},
                     "definitions": {
                       "place": {"type": "object", "required": ["city"]},
                       "nick": {"$id": "nick.json", "type": "string", "maxLength": 3}}}
                    """.formatted(draft);
            payload(schema, "{\"home\": {\"city\": \"x\"}, \"work\": {\"city\": \"y\"}, \"nick\": \"abc\"}");
            assertEquals("home.city", violation(schema, "{\"home\": {}}").path(), draft);
            assertEquals("work.city", violation(schema, "{\"work\": {}}").path(), draft);
            assertEquals("nick", violation(schema, "{\"nick\": \"abcd\"}").path(), draft);
        }
    }

    @Test
    void jsonTwoVersionsWithTheSameIdEachResolveTheirOwnRefs() throws IOException {
        String version = """
                {"$id": "https://example.com/schemas/v.json", "type": "object",
                 "properties": {"n": {"$ref": "https://example.com/schemas/v.json#/definitions/n"}},
                 "definitions": {"n": {"type": "%s"}}}
                """;
        ParsedSchema first = format.parse(version.formatted("integer"));
        ParsedSchema second = format.parse(version.formatted("string"));
        format.payload(first, JSON.readTree("{\"n\": 1}"));
        format.payload(second, JSON.readTree("{\"n\": \"one\"}"));
        assertThrows(SchemaViolation.class, () -> format.payload(second, JSON.readTree("{\"n\": 1}")));
        assertThrows(SchemaViolation.class, () -> format.payload(first, JSON.readTree("{\"n\": \"one\"}")));
    }

    @Test
    void jsonRootOfTheWrongTypeHasTheEmptyPath() {
        assertEquals("", violation(PERSON, "[1]").path());
    }

    @Test
    void jsonAdditionalPropertyNotAllowedNamesIt() {
        String closed = "{\"type\": \"object\", \"properties\": {\"a\": {}}, \"additionalProperties\": false}";
        assertEquals("b", violation(closed, "{\"a\": 1, \"b\": 2}").path());
    }

    @Test
    void jsonDraftIsTakenFromTheSchema() throws IOException {
        // exclusiveMinimum is a boolean in draft 4, a number from draft 6 on.
        String draft4 = """
                {"$schema": "http://json-schema.org/draft-04/schema#", "type": "integer",
                 "minimum": 5, "exclusiveMinimum": true}
                """;
        assertEquals("", violation(draft4, "5").path());
        payload(draft4, "6");
        String draft2020 = """
                {"$schema": "https://json-schema.org/draft/2020-12/schema",
                 "type": "array", "prefixItems": [{"type": "integer"}], "items": {"type": "string"}}
                """;
        payload(draft2020, "[1, \"a\"]");
        assertEquals("[1]", violation(draft2020, "[1, 2]").path());
        String draft2019 = """
                {"$schema": "https://json-schema.org/draft/2019-09/schema",
                 "type": "object", "dependentRequired": {"a": ["b"]}}
                """;
        SchemaViolation dependent = violation(draft2019, "{\"a\": 1}");
        assertEquals("", dependent.path());
        assertTrue(dependent.getMessage().contains("'b'"), dependent.getMessage());
        String draft6 = "{\"$schema\": \"http://json-schema.org/draft-06/schema#\", \"const\": 3}";
        assertEquals("", violation(draft6, "4").path());
    }

    @Test
    void jsonBooleanSchemaIsASchema() throws IOException {
        payload("true", "{\"anything\": 1}");
        assertEquals("", violation("false", "1").path());
    }

    @Test
    void jsonRecordNameIsTheTitle() {
        assertEquals("com.example.Person", format.parse(PERSON).recordName());
        assertNull(format.parse("{\"type\": \"object\"}").recordName());
        assertEquals(SchemaType.JSON, format.parse(PERSON).type());
    }

    @Test
    void jsonSchemaThatIsNotASchemaIsAnInvalidSchema() {
        for (String text : List.of("", "{", "[1, 2]", "\"string\"", "42",
                "{\"type\": \"strin\"}",
                "{\"type\": \"object\", \"properties\": 5}",
                "{\"$schema\": \"http://example.com/my-dialect\", \"type\": \"object\"}",
                "{\"type\": \"object\", \"properties\": {\"a\": {\"$ref\": \"#/definitions/missing\"}}}")) {
            GatewayException e = assertThrows(GatewayException.class, () -> format.parse(text), text);
            assertEquals(ProblemType.INVALID_SCHEMA, e.type(), text);
            assertTrue(e.getMessage().startsWith("Invalid JSON Schema: "), e.getMessage());
        }
    }

    @Test
    void jsonRemoteRefIsNeverFetched() {
        for (String ref : List.of("https://example.com/schemas/person.json", "http://127.0.0.1:1/x.json",
                "file:///etc/passwd", "classpath:application.properties", "other.json")) {
            String text = "{\"type\": \"object\", \"properties\": {\"a\": {\"$ref\": \"" + ref + "\"}}}";
            GatewayException e = assertThrows(GatewayException.class, () -> format.parse(text), ref);
            assertTrue(e.getMessage().contains("schema references are not supported"), e.getMessage());
            assertEquals(ProblemType.INVALID_SCHEMA, e.type(), ref);
        }
    }

    private byte[] payload(String schemaText, String data) throws IOException {
        JsonNode node = JSON.readTree(data);
        return format.payload(format.parse(schemaText), node);
    }

    private SchemaViolation violation(String schemaText, String data) {
        ParsedSchema parsed = format.parse(schemaText);
        SchemaViolation violation = assertThrows(SchemaViolation.class,
                () -> format.payload(parsed, JSON.readTree(data)));
        return violation;
    }
}
