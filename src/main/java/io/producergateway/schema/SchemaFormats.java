package io.producergateway.schema;

import java.util.EnumMap;
import java.util.List;
import java.util.Map;

import jakarta.enterprise.context.ApplicationScoped;

import com.fasterxml.jackson.databind.JsonNode;

/** The formats by type: the one place that picks Avro, JSON Schema or Protobuf. */
@ApplicationScoped
class SchemaFormats {

    private final Map<SchemaType, SchemaFormat> formats = new EnumMap<>(SchemaType.class);

    SchemaFormats() {
        for (SchemaFormat format : List.of(new AvroFormat(), new JsonSchemaFormat(), new ProtobufFormat())) {
            formats.put(format.type(), format);
        }
    }

    /** @see SchemaFormat#parse */
    ParsedSchema parse(SchemaType type, String text) {
        return format(type).parse(text);
    }

    /** @see SchemaFormat#payload */
    byte[] payload(ParsedSchema schema, JsonNode data) {
        return format(schema.type()).payload(schema, data);
    }

    private SchemaFormat format(SchemaType type) {
        SchemaFormat format = formats.get(type);
        if (format == null) {
            throw new IllegalArgumentException("no schema format for " + type);
        }
        return format;
    }
}
