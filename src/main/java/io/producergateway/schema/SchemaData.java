package io.producergateway.schema;

import com.fasterxml.jackson.databind.JsonNode;

/** What the formats say of JSON data in their errors: where it is and what it is. */
final class SchemaData {

    private SchemaData() {
    }

    /** What the data has, for a message: its JSON type, and the value itself when it is short. */
    static String found(JsonNode node) {
        String kind = switch (node.getNodeType()) {
            case NULL -> "null";
            case BOOLEAN -> "a boolean";
            case NUMBER -> node.isIntegralNumber() ? "an integer" : "a number";
            case STRING -> "a string";
            case ARRAY -> "an array";
            case OBJECT -> "an object";
            default -> node.getNodeType().name().toLowerCase();
        };
        if (node.isValueNode() && !node.isNull()) {
            String text = node.toString();
            return kind + " " + (text.length() > 40 ? text.substring(0, 40) + "..." : text);
        }
        return kind;
    }

    static String child(String path, String name) {
        return path.isEmpty() ? name : path + "." + name;
    }
}
