package io.producergateway.ingest;

import java.time.DateTimeException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;

import com.fasterxml.jackson.databind.JsonNode;

import io.producergateway.event.GatewayException;
import io.producergateway.event.GatewayException.Violation;
import io.producergateway.event.ProblemType;

/**
 * Reads the fields of one event of a request and collects what is wrong with them, so that a request is answered
 * with every invalid field at once and nothing is sent.
 */
public final class EventFields {

    /** More violations than this are not listed in one answer. */
    private static final int MAX_LISTED = 100;

    private final List<Violation> violations = new ArrayList<>();
    private ProblemType first;

    public void violation(int index, String field, ProblemType type, String detail) {
        if (first == null) {
            first = type;
        }
        if (violations.size() < MAX_LISTED) {
            violations.add(new Violation(index, field, type.type(), detail));
        }
    }

    /** @throws GatewayException with the first violation's type and all of them listed, if there are any */
    public void throwIfAny(int events) {
        if (first != null) {
            throw new GatewayException(first, violations.get(0).detail()
                    + (violations.size() > 1 ? " (and " + (violations.size() - 1) + " more, see errors)" : ""),
                    violations, events);
        }
    }

    public Integer partition(int index, JsonNode node) {
        return partition(index, node, "partition");
    }

    /** The explicit partition in the field of this name (REST Proxy v3 calls it {@code partition_id}), or null. */
    public Integer partition(int index, JsonNode node, String name) {
        JsonNode field = node.get(name);
        if (field == null || field.isNull()) {
            return null;
        }
        if (!field.isIntegralNumber() || !field.canConvertToInt() || field.intValue() < 0) {
            violation(index, name, ProblemType.INVALID_FIELD, name + " must be a whole number from 0");
            return null;
        }
        return field.intValue();
    }

    /**
     * Epoch milliseconds or an ISO-8601 instant; the ingest time when absent. An instant must fit a Kafka record
     * timestamp (epoch milliseconds in a long): {@code +999999999-12-31T23:59:59Z} parses, but is refused here.
     */
    public Instant timestamp(int index, JsonNode node, Instant now) {
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
                    instant.toEpochMilli(); // throws beyond the range of a record timestamp
                    return instant;
                }
            } catch (DateTimeException | ArithmeticException e) {
                // reported below
            }
        }
        violation(index, "timestamp", ProblemType.INVALID_FIELD,
                "timestamp must be epoch milliseconds (from 0) or an ISO-8601 instant");
        return now;
    }

    public String optionalText(int index, JsonNode node, String name, int maxLength) {
        JsonNode field = node.get(name);
        if (field == null || field.isNull()) {
            return null;
        }
        if (!field.isTextual() || field.textValue().isEmpty() || field.textValue().length() > maxLength) {
            violation(index, name, ProblemType.INVALID_FIELD, name + " must be a string of 1 to " + maxLength
                    + " characters");
            return null;
        }
        if (!encodable(field.textValue())) {
            violation(index, name, ProblemType.INVALID_FIELD, name + UNPAIRED_SURROGATE);
            return null;
        }
        return field.textValue();
    }

    /** Said of a string that holds an unpaired surrogate. */
    public static final String UNPAIRED_SURROGATE = " has an unpaired surrogate escape (\\uD800 to \\uDFFF): it has "
            + "no UTF-8 form and would be stored as '?'";

    /**
     * Whether a string the gateway stores as UTF-8 bytes (a key, a header, the id) survives the encoding: the body is
     * valid UTF-8, but a JSON escape such as {@code "\\ud800"} can still make an unpaired surrogate, which Java's
     * encoder silently replaces with '?' (so that two different keys would become the same one).
     */
    public static boolean encodable(String text) {
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            if (Character.isHighSurrogate(c)) {
                if (i + 1 >= text.length() || !Character.isLowSurrogate(text.charAt(i + 1))) {
                    return false;
                }
                i++;
            } else if (Character.isLowSurrogate(c)) {
                return false;
            }
        }
        return true;
    }

    /** A caller's string as it may be echoed in a problem: at most 64 characters. */
    public static String shown(String text) {
        return text.length() <= 64 ? text : text.substring(0, 64) + "... (" + text.length() + " characters)";
    }

    public byte[] base64(int index, String field, JsonNode node) {
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
