package io.producergateway.schema;

import static io.producergateway.schema.SchemaData.child;
import static io.producergateway.schema.SchemaData.found;

import java.math.BigDecimal;
import java.math.BigInteger;
import java.nio.ByteBuffer;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.Iterator;
import java.util.List;
import java.util.Map;

import org.apache.avro.Schema;
import org.apache.avro.generic.GenericData;

import com.fasterxml.jackson.databind.JsonNode;

/**
 * JSON data in Avro's JSON encoding turned into the datum GenericDatumWriter writes, walked against the schema so
 * that whatever does not match is named by its place in the data and by what the schema takes there.
 */
final class AvroDatum {

    private AvroDatum() {
    }

    /** The datum GenericDatumWriter writes for this JSON value under this schema. */
    static Object toAvro(Schema schema, JsonNode node, String path) {
        if (node == null || node.isMissingNode()) {
            throw new SchemaViolation(path, "expected " + describe(schema) + ", found nothing");
        }
        switch (schema.getType()) {
            case NULL:
                if (!node.isNull()) {
                    throw mismatch(path, schema, node);
                }
                return null;
            case BOOLEAN:
                if (!node.isBoolean()) {
                    throw mismatch(path, schema, node);
                }
                return node.booleanValue();
            case INT:
                if (!node.isIntegralNumber() && !isWholeDecimal(node) || !fitsInt(node)) {
                    throw mismatch(path, schema, node);
                }
                return node.intValue();
            case LONG:
                if (!node.isIntegralNumber() && !isWholeDecimal(node) || !fitsLong(node)) {
                    throw mismatch(path, schema, node);
                }
                return node.longValue();
            case FLOAT:
                if (!node.isNumber()) {
                    throw mismatch(path, schema, node);
                }
                return node.floatValue();
            case DOUBLE:
                if (!node.isNumber()) {
                    throw mismatch(path, schema, node);
                }
                return node.doubleValue();
            case STRING:
                if (!node.isTextual()) {
                    throw mismatch(path, schema, node);
                }
                return node.textValue();
            case BYTES:
                return ByteBuffer.wrap(latin1(schema, node, path));
            case FIXED: {
                byte[] bytes = latin1(schema, node, path);
                if (bytes.length != schema.getFixedSize()) {
                    throw new SchemaViolation(path, "expected " + describe(schema) + " of " + schema.getFixedSize()
                            + " bytes, found " + bytes.length + " bytes");
                }
                return new GenericData.Fixed(schema, bytes);
            }
            case ENUM:
                if (!node.isTextual()) {
                    throw mismatch(path, schema, node);
                }
                if (!schema.hasEnumSymbol(node.textValue())) {
                    throw new SchemaViolation(path, "expected one of the symbols " + schema.getEnumSymbols()
                            + " of enum " + schema.getFullName() + ", found \"" + node.textValue() + "\"");
                }
                return new GenericData.EnumSymbol(schema, node.textValue());
            case ARRAY: {
                if (!node.isArray()) {
                    throw mismatch(path, schema, node);
                }
                Schema items = schema.getElementType();
                List<Object> values = new ArrayList<>(node.size());
                for (int i = 0; i < node.size(); i++) {
                    values.add(toAvro(items, node.get(i), path + "[" + i + "]"));
                }
                return new GenericData.Array<>(schema, values);
            }
            case MAP: {
                if (!node.isObject()) {
                    throw mismatch(path, schema, node);
                }
                Schema values = schema.getValueType();
                Map<String, Object> map = new HashMap<>();
                for (Iterator<Map.Entry<String, JsonNode>> it = node.fields(); it.hasNext();) {
                    Map.Entry<String, JsonNode> entry = it.next();
                    map.put(entry.getKey(), toAvro(values, entry.getValue(), child(path, entry.getKey())));
                }
                return map;
            }
            case RECORD:
                return record(schema, node, path);
            case UNION:
                return union(schema, node, path);
            default:
                throw new SchemaViolation(path, "unsupported Avro type " + schema.getType());
        }
    }

    private static GenericData.Record record(Schema schema, JsonNode node, String path) {
        if (!node.isObject()) {
            throw mismatch(path, schema, node);
        }
        GenericData.Record record = new GenericData.Record(schema);
        for (Schema.Field field : schema.getFields()) {
            JsonNode value = node.get(field.name());
            String at = child(path, field.name());
            if (value == null) {
                if (!field.hasDefaultValue()) {
                    throw new SchemaViolation(at, "missing required field of record " + schema.getFullName()
                            + " (expected " + describe(field.schema()) + ", and it has no default)");
                }
                record.put(field.pos(), GenericData.get().deepCopy(field.schema(),
                        GenericData.get().getDefaultValue(field)));
            } else {
                record.put(field.pos(), toAvro(field.schema(), value, at));
            }
        }
        for (Iterator<String> names = node.fieldNames(); names.hasNext();) {
            String name = names.next();
            if (schema.getField(name) == null) {
                throw new SchemaViolation(child(path, name), "record " + schema.getFullName()
                        + " has no field named \"" + name + "\"");
            }
        }
        return record;
    }

    /**
     * A union value: plain {@code null} for its null branch, otherwise an object of one member naming the branch by
     * its type name (the full name for a named type, as Avro's JSON encoding writes it; the simple name is taken too
     * when no other branch has it).
     */
    private static Object union(Schema schema, JsonNode node, String path) {
        List<Schema> branches = schema.getTypes();
        if (node.isNull()) {
            for (Schema branch : branches) {
                if (branch.getType() == Schema.Type.NULL) {
                    return null;
                }
            }
            throw new SchemaViolation(path, "expected " + describe(schema) + " (which has no null branch), found null");
        }
        if (!node.isObject() || node.size() != 1) {
            throw new SchemaViolation(path, "expected a union value as {\"<branch>\": value} with <branch> one of "
                    + branchNames(schema) + ", found " + found(node));
        }
        Map.Entry<String, JsonNode> only = node.fields().next();
        Schema branch = branch(schema, only.getKey());
        if (branch == null) {
            throw new SchemaViolation(path, "expected a union branch among " + branchNames(schema) + ", found \""
                    + only.getKey() + "\"");
        }
        return toAvro(branch, only.getValue(), path);
    }

    private static Schema branch(Schema union, String name) {
        Schema simple = null;
        int simpleMatches = 0;
        for (Schema branch : union.getTypes()) {
            if (branchName(branch).equals(name)) {
                return branch;
            }
            if (isNamed(branch) && branch.getName().equals(name)) {
                simple = branch;
                simpleMatches++;
            }
        }
        return simpleMatches == 1 ? simple : null;
    }

    private static List<String> branchNames(Schema union) {
        List<String> names = new ArrayList<>();
        for (Schema branch : union.getTypes()) {
            names.add(branchName(branch));
        }
        return names;
    }

    /** The name Avro's JSON encoding gives a union branch. */
    private static String branchName(Schema branch) {
        return isNamed(branch) ? branch.getFullName() : branch.getType().getName();
    }

    private static boolean isNamed(Schema schema) {
        return switch (schema.getType()) {
            case RECORD, ENUM, FIXED -> true;
            default -> false;
        };
    }

    /** Bytes and fixed in Avro's JSON encoding: each character a byte, so none above U+00FF. */
    private static byte[] latin1(Schema schema, JsonNode node, String path) {
        if (!node.isTextual()) {
            throw mismatch(path, schema, node);
        }
        String text = node.textValue();
        byte[] bytes = new byte[text.length()];
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            if (c > 0xFF) {
                throw new SchemaViolation(path, "expected " + describe(schema)
                        + " as a string of ISO-8859-1 code points (one per byte), found the character U+"
                        + String.format("%04X", (int) c) + " at " + i);
            }
            bytes[i] = (byte) c;
        }
        return bytes;
    }

    private static boolean isWholeDecimal(JsonNode node) {
        if (!node.isFloatingPointNumber()) {
            return false;
        }
        BigDecimal value = node.decimalValue();
        return value.signum() == 0 || value.stripTrailingZeros().scale() <= 0;
    }

    private static boolean fitsInt(JsonNode node) {
        if (node.isInt() || node.isShort()) {
            return true;
        }
        BigInteger value = node.bigIntegerValue();
        return value.bitLength() < 32;
    }

    private static boolean fitsLong(JsonNode node) {
        if (node.isInt() || node.isLong() || node.isShort()) {
            return true;
        }
        BigInteger value = node.bigIntegerValue();
        return value.bitLength() < 64;
    }

    private static SchemaViolation mismatch(String path, Schema schema, JsonNode node) {
        return new SchemaViolation(path, "expected " + describe(schema) + ", found " + found(node));
    }

    /** What the schema takes, for a message. */
    static String describe(Schema schema) {
        String logical = schema.getLogicalType() == null ? "" : " (" + schema.getLogicalType().getName() + ")";
        return switch (schema.getType()) {
            case NULL -> "null";
            case BOOLEAN -> "a boolean";
            case INT -> "an int" + logical;
            case LONG -> "a long" + logical;
            case FLOAT -> "a float" + logical;
            case DOUBLE -> "a double" + logical;
            case STRING -> "a string" + logical;
            case BYTES -> "bytes" + logical;
            case FIXED -> "fixed " + schema.getFullName() + logical;
            case ENUM -> "enum " + schema.getFullName();
            case ARRAY -> "an array";
            case MAP -> "a map (an object)";
            case RECORD -> "record " + schema.getFullName() + " (an object)";
            case UNION -> "a union of " + branchNames(schema);
        };
    }
}
