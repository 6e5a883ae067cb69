package io.producergateway.schema;

import java.io.ByteArrayOutputStream;
import java.io.IOException;

import org.apache.avro.Schema;
import org.apache.avro.generic.GenericData;
import org.apache.avro.generic.GenericDatumWriter;
import org.apache.avro.io.BinaryEncoder;
import org.apache.avro.io.EncoderFactory;

import com.fasterxml.jackson.databind.JsonNode;

import io.producergateway.event.GatewayException;
import io.producergateway.event.ProblemType;

/**
 * Avro: JSON data in Avro's JSON encoding, as Confluent's REST Proxy takes it (a union value as
 * {@code {"<branch>": value}} but for null, bytes and fixed as strings of ISO-8859-1 code points, enums as their
 * symbols, defaults for the fields left out), written as Avro binary. The data is walked against the schema by hand
 * so that an error names where it is ({@code address.city}, {@code tags[2]}) and what was expected there; Avro's own
 * JsonDecoder names no place. Logical types are written as their underlying types (a timestamp-millis as its long,
 * a decimal as its bytes).
 */
final class AvroFormat implements SchemaFormat {

    /** A parsed Avro schema. */
    record Parsed(String text, Schema schema) implements ParsedSchema {

        @Override
        public SchemaType type() {
            return SchemaType.AVRO;
        }

        @Override
        public String recordName() {
            return schema.getType() == Schema.Type.RECORD ? schema.getFullName() : null;
        }
    }

    @Override
    public SchemaType type() {
        return SchemaType.AVRO;
    }

    @Override
    public ParsedSchema parse(String text) {
        if (text == null || text.isBlank()) {
            throw new GatewayException(ProblemType.INVALID_SCHEMA, "The Avro schema is empty");
        }
        try {
            // A parser per text: it remembers the names it has seen.
            return new Parsed(text, new Schema.Parser().parse(text));
        } catch (RuntimeException e) {
            throw new GatewayException(ProblemType.INVALID_SCHEMA, "Invalid Avro schema: " + e.getMessage());
        }
    }

    @Override
    public byte[] payload(ParsedSchema schema, JsonNode data) {
        Schema avro = ((Parsed) schema).schema();
        Object datum = AvroDatum.toAvro(avro, data, "");
        ByteArrayOutputStream out = new ByteArrayOutputStream(128);
        BinaryEncoder encoder = EncoderFactory.get().directBinaryEncoder(out, null);
        try {
            new GenericDatumWriter<Object>(avro, GenericData.get()).write(datum, encoder);
            encoder.flush();
        } catch (IOException | RuntimeException e) {
            // The walk above builds only what the schema takes: this is a safety net, not a path.
            throw new SchemaViolation("", "The data could not be written as Avro: " + e.getMessage());
        }
        return out.toByteArray();
    }
}
