package io.producergateway.ingest;

import java.time.DateTimeException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;

import com.fasterxml.jackson.databind.JsonNode;

import io.producergateway.ingest.GatewayException.Violation;

/**
 * Reads the fields of one event of a request and collects what is wrong with them, so that a request is answered
 * with every invalid field at once and nothing is sent.
 */
final class EventFields {

    /** More violations than this are not listed in one answer. */
    private static final int MAX_LISTED = 100;

    private final List<Violation> violations = new ArrayList<>();
    private ProblemType first;

    void violation(int index, String field, ProblemType type, String detail) {
        if (first == null) {
            first = type;
        }
        if (violations.size() < MAX_LISTED) {
            violations.add(new Violation(index, field, type.type(), detail));
        }
    }

    /** @throws GatewayException with the first violation's type and all of them listed, if there are any */
    void throwIfAny(int events) {
        if (first != null) {
            throw new GatewayException(first, violations.get(0).detail()
                    + (violations.size() > 1 ? " (and " + (violations.size() - 1) + " more, see errors)" : ""),
                    violations, events);
        }
    }

    Integer partition(int index, JsonNode node) {
        JsonNode field = node.get("partition");
        if (field == null || field.isNull()) {
            return null;
        }
        if (!field.isIntegralNumber() || !field.canConvertToInt() || field.intValue() < 0) {
            violation(index, "partition", ProblemType.INVALID_FIELD, "partition must be a whole number from 0");
            return null;
        }
        return field.intValue();
    }

    /** Epoch milliseconds or an ISO-8601 instant; the ingest time when absent. */
    Instant timestamp(int index, JsonNode node, Instant now) {
        JsonNode field = node.get("timestamp");
        if (field == null || field.isNull()) {
            return now;
        }
        if (field.isIntegralNumber() && field.canConvertToLong() && field.longValue() >= 0) {
            return Instant.ofEpochMilli(field.longValue());
        }
        if (field.isTextual()) {
            try {
                Instant instant = Instant.parse(field.textValue());
                if (!instant.isBefore(Instant.EPOCH)) {
                    return instant;
                }
            } catch (DateTimeException e) {
                // reported below
            }
        }
        violation(index, "timestamp", ProblemType.INVALID_FIELD,
                "timestamp must be epoch milliseconds (from 0) or an ISO-8601 instant");
        return now;
    }

    String optionalText(int index, JsonNode node, String name, int maxLength) {
        JsonNode field = node.get(name);
        if (field == null || field.isNull()) {
            return null;
        }
        if (!field.isTextual() || field.textValue().isEmpty() || field.textValue().length() > maxLength) {
            violation(index, name, ProblemType.INVALID_FIELD, name + " must be a string of 1 to " + maxLength
                    + " characters");
            return null;
        }
        return field.textValue();
    }

    byte[] base64(int index, String field, JsonNode node) {
        if (node == null || node.isNull()) {
            return null;
        }
        if (!node.isTextual()) {
            violation(index, field, ProblemType.INVALID_ENCODING, field + " must be a base64 string");
            return null;
        }
        try {
            return Base64.getDecoder().decode(node.textValue());
        } catch (IllegalArgumentException e) {
            violation(index, field, ProblemType.INVALID_ENCODING, field + " is not valid base64");
            return null;
        }
    }
}
