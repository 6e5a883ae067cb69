package io.producergateway.schema;

import java.io.ByteArrayOutputStream;
import java.util.Iterator;
import java.util.List;
import java.util.Map;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.google.protobuf.Descriptors.Descriptor;
import com.google.protobuf.Descriptors.FieldDescriptor;
import com.google.protobuf.Descriptors.FileDescriptor;
import com.google.protobuf.DynamicMessage;
import com.google.protobuf.InvalidProtocolBufferException;
import com.google.protobuf.util.JsonFormat;

/**
 * Protobuf: {@code .proto} text (proto2 or proto3) parsed by Square's Wire, turned into a protobuf-java
 * {@link FileDescriptor}; JSON data read by protobuf's JSON mapping into a {@link DynamicMessage} of the file's first
 * message (the record type, as Confluent's serializers take by default), written after its message indexes. Imports
 * of Google's well-known types are resolved from protobuf-java itself; any other import would be a schema reference,
 * which is not supported.
 */
final class ProtobufFormat implements SchemaFormat {

    /** The message indexes of the file's first message, [0], as Confluent writes them: the single byte 0. */
    private static final byte[] FIRST_MESSAGE = messageIndexes(List.of(0));

    /** A parsed .proto: its descriptor, the record type (the first message) and the JSON parser for it. */
    record Parsed(String text, FileDescriptor file, Descriptor message, JsonFormat.Parser parser)
            implements ParsedSchema {

        @Override
        public SchemaType type() {
            return SchemaType.PROTOBUF;
        }

        @Override
        public String recordName() {
            return message.getFullName();
        }
    }

    @Override
    public SchemaType type() {
        return SchemaType.PROTOBUF;
    }

    @Override
    public ParsedSchema parse(String text) {
        if (text == null || text.isBlank()) {
            throw ProtoDescriptors.invalid("the schema is empty");
        }
        FileDescriptor file = ProtoDescriptors.build(text);
        if (file.getMessageTypes().isEmpty()) {
            throw ProtoDescriptors.invalid("the file defines no message");
        }
        JsonFormat.TypeRegistry.Builder types = JsonFormat.TypeRegistry.newBuilder();
        types.add(file.getMessageTypes());
        for (FileDescriptor dependency : file.getDependencies()) {
            types.add(dependency.getMessageTypes());
        }
        return new Parsed(text, file, file.getMessageTypes().get(0),
                JsonFormat.parser().usingTypeRegistry(types.build()));
    }

    @Override
    public byte[] payload(ParsedSchema schema, JsonNode data) {
        Parsed parsed = (Parsed) schema;
        DynamicMessage message = message(parsed.parser(), parsed.message(), data, "");
        byte[] body = message.toByteArray();
        byte[] payload = new byte[FIRST_MESSAGE.length + body.length];
        System.arraycopy(FIRST_MESSAGE, 0, payload, 0, FIRST_MESSAGE.length);
        System.arraycopy(body, 0, payload, FIRST_MESSAGE.length, body.length);
        return payload;
    }

    /**
     * Message indexes as Confluent's serializers write them: the path of the message type in the file (its index
     * among the file's messages, then among that message's nested messages, ...) as a zigzag varint count followed
     * by zigzag varint indexes; [0], the first message, as the single byte 0.
     */
    static byte[] messageIndexes(List<Integer> indexes) {
        if (indexes.size() == 1 && indexes.get(0) == 0) {
            return new byte[] {0};
        }
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        zigzagVarint(out, indexes.size());
        for (int index : indexes) {
            zigzagVarint(out, index);
        }
        return out.toByteArray();
    }

    private static void zigzagVarint(ByteArrayOutputStream out, int value) {
        int zigzag = (value << 1) ^ (value >> 31);
        while ((zigzag & ~0x7F) != 0) {
            out.write((zigzag & 0x7F) | 0x80);
            zigzag >>>= 7;
        }
        out.write(zigzag);
    }

    // -- JSON data to a message

    private static DynamicMessage message(JsonFormat.Parser parser, Descriptor type, JsonNode data, String path) {
        DynamicMessage.Builder builder = DynamicMessage.newBuilder(type);
        try {
            parser.merge(data.toString(), builder);
        } catch (InvalidProtocolBufferException | RuntimeException e) {
            throw locate(parser, type, data, path, detail(e));
        }
        DynamicMessage message = builder.buildPartial();
        if (!message.isInitialized()) {
            List<String> missing = message.findInitializationErrors();
            throw new SchemaViolation(join(path, missing.get(0)), "missing required field of message "
                    + type.getFullName() + (missing.size() > 1 ? " (and " + (missing.size() - 1) + " more)" : ""));
        }
        return message;
    }

    /**
     * Where the data the JSON mapping refused is: each field of the object is tried alone, and the first one refused
     * is looked into (a message field's fields, an array's items, a map's values) down to the value that is wrong.
     * Only runs for data already refused, so its cost is no concern.
     */
    private static SchemaViolation locate(JsonFormat.Parser parser, Descriptor type, JsonNode data, String path,
            String detail) {
        if (!data.isObject() || type.getFullName().startsWith("google.protobuf.")) {
            // A well-known type has a JSON form of its own (a timestamp's string, a Struct's any object): a leaf.
            return new SchemaViolation(path, detail);
        }
        for (Iterator<Map.Entry<String, JsonNode>> it = data.fields(); it.hasNext();) {
            Map.Entry<String, JsonNode> entry = it.next();
            String name = entry.getKey();
            JsonNode value = entry.getValue();
            String at = join(path, name);
            FieldDescriptor field = field(type, name);
            if (field == null) {
                return new SchemaViolation(at, "message " + type.getFullName() + " has no field named \"" + name
                        + "\"");
            }
            String refused = refusal(parser, type, name, value);
            if (refused == null) {
                continue;
            }
            if (field.isMapField()) {
                FieldDescriptor values = field.getMessageType().findFieldByName("value");
                if (value.isObject()) {
                    for (Iterator<Map.Entry<String, JsonNode>> entries = value.fields(); entries.hasNext();) {
                        Map.Entry<String, JsonNode> item = entries.next();
                        ObjectNode one = JsonNodeFactory.instance.objectNode().set(item.getKey(), item.getValue());
                        String itemRefused = refusal(parser, type, name, one);
                        if (itemRefused != null) {
                            return inner(parser, values, item.getValue(), join(at, item.getKey()), itemRefused);
                        }
                    }
                }
                return new SchemaViolation(at, refused);
            }
            if (field.isRepeated()) {
                if (value.isArray()) {
                    for (int i = 0; i < value.size(); i++) {
                        String itemRefused = refusal(parser, type, name,
                                JsonNodeFactory.instance.arrayNode().add(value.get(i)));
                        if (itemRefused != null) {
                            return inner(parser, field, value.get(i), at + "[" + i + "]", itemRefused);
                        }
                    }
                }
                return new SchemaViolation(at, refused);
            }
            return inner(parser, field, value, at, refused);
        }
        // No field is wrong on its own: a proto2 required field may be missing (the mapping builds sub-messages).
        for (FieldDescriptor field : type.getFields()) {
            if (field.isRequired() && !data.has(field.getJsonName()) && !data.has(field.getName())) {
                return new SchemaViolation(join(path, field.getName()), "missing required field of message "
                        + type.getFullName());
            }
        }
        return new SchemaViolation(path, detail);
    }

    /** The refusal of one value of this field: looked into further when the field is a message. */
    private static SchemaViolation inner(JsonFormat.Parser parser, FieldDescriptor field, JsonNode value, String at,
            String refused) {
        if (field.getJavaType() == FieldDescriptor.JavaType.MESSAGE && value.isObject()) {
            return locate(parser, field.getMessageType(), value, at, refused);
        }
        return new SchemaViolation(at, refused);
    }

    /** Why the JSON mapping refuses {@code {name: value}} for this message, or null when it takes it. */
    private static String refusal(JsonFormat.Parser parser, Descriptor type, String name, JsonNode value) {
        ObjectNode alone = JsonNodeFactory.instance.objectNode().set(name, value);
        try {
            parser.merge(alone.toString(), DynamicMessage.newBuilder(type));
            return null;
        } catch (InvalidProtocolBufferException | RuntimeException e) {
            return detail(e);
        }
    }

    /** The field the JSON mapping takes for this key: its JSON name (lowerCamelCase) or its proto name. */
    private static FieldDescriptor field(Descriptor type, String name) {
        for (FieldDescriptor field : type.getFields()) {
            if (field.getJsonName().equals(name) || field.getName().equals(name)) {
                return field;
            }
        }
        return null;
    }

    private static String detail(Exception e) {
        String message = e.getMessage();
        return message == null ? e.getClass().getSimpleName() : message;
    }

    private static String join(String path, String name) {
        return path.isEmpty() ? name : path + "." + name;
    }
}
