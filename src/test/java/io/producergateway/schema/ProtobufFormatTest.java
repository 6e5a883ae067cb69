package io.producergateway.schema;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.util.Arrays;
import java.util.List;

import org.junit.jupiter.api.Test;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.google.protobuf.ByteString;
import com.google.protobuf.Descriptors.Descriptor;
import com.google.protobuf.Descriptors.FieldDescriptor;
import com.google.protobuf.DynamicMessage;
import com.google.protobuf.Message;
import com.google.protobuf.Timestamp;

import io.producergateway.event.GatewayException;
import io.producergateway.event.ProblemType;

class ProtobufFormatTest {

    private static final ObjectMapper JSON = new ObjectMapper();

    private static final String ORDER = """
            syntax = "proto3";
            package com.example.orders;

            import "google/protobuf/timestamp.proto";

            message Order {
              string id = 1;
              int64 amount = 2;
              repeated string tags = 3;
              Status status = 4;
              Customer customer = 5;
              map<string, int32> counts = 6;
              oneof payment {
                string card = 7;
                string iban = 8;
              }
              optional int32 priority = 9;
              google.protobuf.Timestamp created = 10;
              repeated Line lines = 11;
              bytes blob = 12;

              message Line {
                string sku = 1;
                uint32 quantity = 2;
              }
              enum Status {
                NEW = 0;
                PAID = 1;
              }
            }

            message Customer {
              string name = 1;
              Address address = 2;
            }

            message Address {
              string city = 1;
              sint32 floor = 2;
            }
            """;

    private final ProtobufFormat format = new ProtobufFormat();

    @Test
    void protobufSmallMessageHasTheBytesProtocWouldWrite() throws IOException {
        ParsedSchema parsed = format.parse("syntax = \"proto3\"; message M { string s = 1; int32 n = 2; }");
        byte[] payload = format.payload(parsed, JSON.readTree("{\"s\": \"a\", \"n\": 150}"));
        // Message index [0] as the single byte 0, then field 1 (tag 0x0a) length 1 "a", field 2 (tag 0x10) varint
        // 150 (0x96 0x01).
        assertArrayEquals(new byte[] {0x00, 0x0a, 0x01, 0x61, 0x10, (byte) 0x96, 0x01}, payload);
    }

    @Test
    void protobufPayloadStartsWithTheFirstMessageIndexAsTheByteZero() throws IOException {
        byte[] payload = format.payload(format.parse(ORDER), JSON.readTree("{}"));
        assertArrayEquals(new byte[] {0x00}, payload);
    }

    @Test
    void protobufMessageIndexesAreZigzagVarintsAsConfluentWritesThem() {
        assertArrayEquals(new byte[] {0}, ProtobufFormat.messageIndexes(List.of(0)));
        // count 1 -> 2, index 1 -> 2
        assertArrayEquals(new byte[] {2, 2}, ProtobufFormat.messageIndexes(List.of(1)));
        // count 2 -> 4, 0 -> 0, 3 -> 6
        assertArrayEquals(new byte[] {4, 0, 6}, ProtobufFormat.messageIndexes(List.of(0, 3)));
        // count 1, index 64 -> zigzag 128 -> 0x80 0x01
        assertArrayEquals(new byte[] {2, (byte) 0x80, 0x01}, ProtobufFormat.messageIndexes(List.of(64)));
    }

    @Test
    void protobufMessageIsReadBackByProtobufWithTheSchemasDescriptor() throws IOException {
        ProtobufFormat.Parsed parsed = (ProtobufFormat.Parsed) format.parse(ORDER);
        byte[] payload = format.payload(parsed, JSON.readTree("""
                {"id": "o-1", "amount": "1234567890123", "tags": ["x", "y"], "status": "PAID",
                 "customer": {"name": "Ada", "address": {"city": "London", "floor": -2}},
                 "counts": {"apples": 3}, "iban": "DE00", "priority": 0,
                 "created": "2024-01-02T03:04:05Z", "lines": [{"sku": "s1", "quantity": 2}], "blob": "AQI="}
                """));
        assertEquals(0, payload[0]);
        Descriptor order = parsed.message();
        DynamicMessage read = DynamicMessage.parseFrom(order, Arrays.copyOfRange(payload, 1, payload.length));
        assertEquals("o-1", read.getField(order.findFieldByName("id")));
        assertEquals(1234567890123L, read.getField(order.findFieldByName("amount")));
        assertEquals(List.of("x", "y"), read.getField(order.findFieldByName("tags")));
        assertEquals("PAID", ((com.google.protobuf.Descriptors.EnumValueDescriptor) read
                .getField(order.findFieldByName("status"))).getName());
        Message customer = (Message) read.getField(order.findFieldByName("customer"));
        Message address = (Message) customer.getField(customer.getDescriptorForType().findFieldByName("address"));
        assertEquals("London", address.getField(address.getDescriptorForType().findFieldByName("city")));
        assertEquals(-2, address.getField(address.getDescriptorForType().findFieldByName("floor")));
        FieldDescriptor counts = order.findFieldByName("counts");
        assertTrue(counts.isMapField());
        Message entry = (Message) read.getRepeatedField(counts, 0);
        assertEquals("apples", entry.getField(entry.getDescriptorForType().findFieldByName("key")));
        assertEquals(3, entry.getField(entry.getDescriptorForType().findFieldByName("value")));
        assertEquals("iban", read.getOneofFieldDescriptor(order.getOneofs().get(0)).getName());
        // proto3 optional: present even at its default value.
        assertTrue(read.hasField(order.findFieldByName("priority")));
        Timestamp created = Timestamp.parseFrom(((Message) read.getField(order.findFieldByName("created")))
                .toByteString());
        assertEquals(1704164645L, created.getSeconds());
        Message line = (Message) read.getRepeatedField(order.findFieldByName("lines"), 0);
        assertEquals(2, line.getField(line.getDescriptorForType().findFieldByName("quantity")));
        assertEquals(ByteString.copyFrom(new byte[] {1, 2}), read.getField(order.findFieldByName("blob")));
    }

    @Test
    void protobufRecordNameIsTheFirstMessagesFullName() {
        ParsedSchema parsed = format.parse(ORDER);
        assertEquals("com.example.orders.Order", parsed.recordName());
        assertEquals(SchemaType.PROTOBUF, parsed.type());
        assertEquals("Top", format.parse("syntax = \"proto3\"; enum E { A = 0; } message Top { E e = 1; }")
                .recordName());
    }

    @Test
    void protobufProto2RequiredOptionalAndDefaultsAreKept() throws IOException {
        String proto2 = """
                syntax = "proto2";
                message P {
                  required string name = 1;
                  optional int32 level = 2 [default = 7];
                  repeated int32 values = 3 [packed = true];
                  optional Inner inner = 4;
                  message Inner { required string code = 1; }
                }
                """;
        ProtobufFormat.Parsed parsed = (ProtobufFormat.Parsed) format.parse(proto2);
        FieldDescriptor level = parsed.message().findFieldByName("level");
        assertEquals(7, level.getDefaultValue());
        assertTrue(parsed.message().findFieldByName("values").isPacked());
        byte[] payload = format.payload(parsed, JSON.readTree("{\"name\": \"a\", \"values\": [1, 2]}"));
        // 0, then field 1 "a", then field 3 packed: tag 0x1a, length 2, 1, 2.
        assertArrayEquals(new byte[] {0, 0x0a, 0x01, 0x61, 0x1a, 0x02, 0x01, 0x02}, payload);

        SchemaViolation missing = assertThrows(SchemaViolation.class,
                () -> format.payload(parsed, JSON.readTree("{\"level\": 1}")));
        assertEquals("name", missing.path());
        assertTrue(missing.getMessage().contains("missing required field"), missing.getMessage());
        SchemaViolation nested = assertThrows(SchemaViolation.class,
                () -> format.payload(parsed, JSON.readTree("{\"name\": \"a\", \"inner\": {}}")));
        assertEquals("inner.code", nested.path());
    }

    @Test
    void protobufFieldOfTheWrongTypeNestedNamesItsDottedPath() {
        SchemaViolation violation = violation(ORDER, """
                {"id": "o-1", "customer": {"name": "Ada", "address": {"city": "London", "floor": "high"}}}
                """);
        assertEquals("customer.address.floor", violation.path());
        assertTrue(violation.getMessage().contains("high"), violation.getMessage());
    }

    @Test
    void protobufUnknownFieldIsNamed() {
        SchemaViolation violation = violation(ORDER, "{\"id\": \"o-1\", \"customer\": {\"nmae\": \"Ada\"}}");
        assertEquals("customer.nmae", violation.path());
        assertTrue(violation.getMessage().contains("no field named"), violation.getMessage());
    }

    @Test
    void protobufEnumNameNotInTheEnumIsRefused() {
        SchemaViolation violation = violation(ORDER, "{\"status\": \"LOST\"}");
        assertEquals("status", violation.path());
        assertTrue(violation.getMessage().contains("LOST"), violation.getMessage());
    }

    @Test
    void protobufArrayItemOfTheWrongTypeNamesItsIndex() {
        assertEquals("tags[1]", violation(ORDER, "{\"tags\": [\"a\", {\"b\": 1}]}").path());
        SchemaViolation line = violation(ORDER, "{\"lines\": [{\"sku\": \"a\"}, {\"quantity\": -1}]}");
        assertEquals("lines[1].quantity", line.path());
    }

    @Test
    void protobufMapValueOfTheWrongTypeNamesItsKey() {
        assertEquals("counts.pears", violation(ORDER, "{\"counts\": {\"apples\": 1, \"pears\": \"many\"}}").path());
    }

    @Test
    void protobufTwoFieldsOfOneOneofAreRefused() {
        SchemaViolation violation = violation(ORDER, "{\"card\": \"4111\", \"iban\": \"DE00\"}");
        assertTrue(violation.getMessage().contains("oneof"), violation.getMessage());
    }

    @Test
    void protobufWellKnownTypeOfTheWrongFormIsALeaf() {
        SchemaViolation violation = violation(ORDER, "{\"created\": \"yesterday\"}");
        assertEquals("created", violation.path());
    }

    @Test
    void protobufNestedEnumsMessagesAndAliasesBuild() throws IOException {
        String text = """
                syntax = "proto3";
                package p;
                import "google/protobuf/wrappers.proto";
                import "google/protobuf/struct.proto";
                message Outer {
                  message Middle {
                    message Inner { Kind kind = 1; }
                    enum Kind { option allow_alias = true; UNKNOWN = 0; FIRST = 1; PRIMARY = 1; }
                    Inner inner = 1;
                  }
                  Middle middle = 1;
                  .p.Outer.Middle.Inner direct = 2;
                  google.protobuf.StringValue label = 3;
                  google.protobuf.Struct extra = 4;
                  map<int64, Middle> byId = 5;
                }
                """;
        ProtobufFormat.Parsed parsed = (ProtobufFormat.Parsed) format.parse(text);
        byte[] payload = format.payload(parsed, JSON.readTree("""
                {"middle": {"inner": {"kind": "PRIMARY"}}, "direct": {"kind": "FIRST"}, "label": "x",
                 "extra": {"a": [1, "b"]}, "byId": {"5": {"inner": {}}}}
                """));
        DynamicMessage read = DynamicMessage.parseFrom(parsed.message(),
                Arrays.copyOfRange(payload, 1, payload.length));
        Message middle = (Message) read.getField(parsed.message().findFieldByName("middle"));
        assertFalse(middle.getAllFields().isEmpty());
        assertEquals(1, read.getRepeatedFieldCount(parsed.message().findFieldByName("byId")));
    }

    @Test
    void protobufImportOtherThanAWellKnownTypeIsAnInvalidSchema() {
        GatewayException e = assertThrows(GatewayException.class, () -> format.parse("""
                syntax = "proto3";
                import "other/customer.proto";
                message M { other.Customer c = 1; }
                """));
        assertEquals(ProblemType.INVALID_SCHEMA, e.type());
        assertTrue(e.getMessage().contains("references are not supported"), e.getMessage());
    }

    @Test
    void protobufSchemaThatDoesNotParseOrBuildIsAnInvalidSchema() {
        for (String text : List.of("", "syntax = \"proto3\"; message {", "message M { strin name = 1; }",
                "syntax = \"proto3\"; message M { Missing m = 1; }",
                "syntax = \"proto3\"; message M { string a = 1; string b = 1; }",
                "syntax = \"proto3\"; enum OnlyAnEnum { A = 0; }",
                "syntax = \"proto3\"; message M { map<double, string> m = 1; }")) {
            GatewayException e = assertThrows(GatewayException.class, () -> format.parse(text), text);
            assertEquals(ProblemType.INVALID_SCHEMA, e.type(), text);
            assertTrue(e.getMessage().startsWith("Invalid Protobuf schema: "), e.getMessage());
        }
    }

    private SchemaViolation violation(String schemaText, String data) {
        ParsedSchema parsed = format.parse(schemaText);
        SchemaViolation violation = assertThrows(SchemaViolation.class,
                () -> format.payload(parsed, JSON.readTree(data)));
        return violation;
    }
}
