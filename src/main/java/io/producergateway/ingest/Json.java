package io.producergateway.ingest;

import java.io.IOException;

import jakarta.enterprise.context.ApplicationScoped;

import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.ObjectReader;

/**
 * Reads request bodies and writes answers. The gateway parses bodies itself, rather than letting the framework
 * bind them, so every malformed body gets the same problem answer, and duplicate fields are refused instead of
 * silently keeping the last one.
 */
@ApplicationScoped
public class Json {

    private final ObjectMapper mapper;
    private final ObjectReader reader;

    public Json(ObjectMapper mapper) {
        this.mapper = mapper;
        this.reader = mapper.reader().with(JsonParser.Feature.STRICT_DUPLICATE_DETECTION);
    }

    /** @throws GatewayException malformed-request when the body is empty or not one valid JSON document */
    public JsonNode parse(byte[] body) {
        if (body == null || body.length == 0) {
            throw new GatewayException(ProblemType.MALFORMED_REQUEST, "The request body is empty");
        }
        try {
            JsonNode node = reader.readTree(body);
            if (node == null || node.isMissingNode()) {
                throw new GatewayException(ProblemType.MALFORMED_REQUEST, "The request body is empty");
            }
            return node;
        } catch (IOException e) {
            throw new GatewayException(ProblemType.MALFORMED_REQUEST, "The request body is not valid JSON: "
                    + firstLine(e.getMessage()));
        }
    }

    /** The compact JSON text of a node, as the bytes Kafka stores. */
    public byte[] bytes(JsonNode node) {
        try {
            return mapper.writeValueAsBytes(node);
        } catch (IOException e) {
            throw new IllegalStateException("A parsed JSON node could not be written back", e);
        }
    }

    public byte[] write(Object answer) {
        try {
            return mapper.writeValueAsBytes(answer);
        } catch (IOException e) {
            throw new IllegalStateException("An answer could not be written as JSON", e);
        }
    }

    private static String firstLine(String message) {
        if (message == null) {
            return "parse error";
        }
        int end = message.indexOf('\n');
        String line = end < 0 ? message : message.substring(0, end);
        return line.length() > 200 ? line.substring(0, 200) : line;
    }
}
