package io.producergateway.ingest;

import java.io.IOException;

import jakarta.inject.Singleton;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.StreamReadConstraints;
import com.fasterxml.jackson.core.StreamWriteConstraints;
import com.fasterxml.jackson.core.json.JsonWriteFeature;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.ObjectReader;
import com.fasterxml.jackson.databind.ObjectWriter;
import com.fasterxml.jackson.databind.cfg.JsonNodeFeature;

import io.producergateway.event.GatewayException;
import io.producergateway.event.ProblemType;

/**
 * Reads request bodies and writes answers. The gateway parses bodies itself, rather than letting the framework
 * bind them, so every malformed body gets the same problem answer, and duplicate fields are refused instead of
 * silently keeping the last one.
 * <p>
 * A body is one JSON document in UTF-8 (RFC 8259), nothing after it, within the parser's limits below; anything
 * else is {@code malformed-request}, never an internal error. Numbers are kept exactly as sent (no rounding to
 * {@code double}, so {@code 1e400} stays a number and {@code 0.10000000000000000000001} keeps its digits; an
 * exponent is written in the form {@code 1E+400}).
 */
@Singleton
public class Json {

    /** Deepest nesting of arrays and objects in a body (the event or records wrapper included). */
    public static final int MAX_NESTING_DEPTH = 1000;
    /** Longest number, in characters. */
    public static final int MAX_NUMBER_LENGTH = 1000;
    /** Longest field name, in characters (a header name of our API is a field name). */
    public static final int MAX_NAME_LENGTH = 50_000;

    private static final StreamReadConstraints READ_LIMITS = StreamReadConstraints.builder()
            .maxNestingDepth(MAX_NESTING_DEPTH).maxNumberLength(MAX_NUMBER_LENGTH).maxNameLength(MAX_NAME_LENGTH)
            .build();
    /** A value read within {@link #READ_LIMITS} can always be written back. */
    private static final StreamWriteConstraints WRITE_LIMITS = StreamWriteConstraints.builder()
            .maxNestingDepth(MAX_NESTING_DEPTH).build();

    private final ObjectMapper mapper;
    private final JsonFactory factory;
    private final ObjectReader reader;
    private final ObjectWriter values;

    public Json(ObjectMapper mapper) {
        this.mapper = mapper;
        // The limits are pinned here, on a factory of our own: a body is refused by them (400), it must never get
        // deeper into the service than they allow, whatever the application-wide ObjectMapper is set to.
        this.factory = mapper.getFactory().copy()
                .setStreamReadConstraints(READ_LIMITS)
                .setStreamWriteConstraints(WRITE_LIMITS);
        ObjectMapper bodies = mapper.copyWith(factory);
        this.reader = bodies.reader()
                .with(JsonParser.Feature.STRICT_DUPLICATE_DETECTION)
                // {"value":1} {"value":2} is not one document: refused, not cut to its first part.
                .with(DeserializationFeature.FAIL_ON_TRAILING_TOKENS)
                // Exact decimals: a double would store 1e400 as the string "Infinity" and round long fractions.
                .with(DeserializationFeature.USE_BIG_DECIMAL_FOR_FLOATS)
                .without(JsonNodeFeature.STRIP_TRAILING_BIGDECIMAL_ZEROES);
        // A character beyond the BMP is stored as its 4 UTF-8 bytes, as sent, not as a 12-byte surrogate pair escape.
        this.values = bodies.writer().with(JsonWriteFeature.COMBINE_UNICODE_SURROGATES_IN_UTF8);
    }

    /** @throws GatewayException malformed-request when the body is empty or not one valid JSON document */
    public JsonNode parse(byte[] body) {
        if (body == null || body.length == 0) {
            throw new GatewayException(ProblemType.MALFORMED_REQUEST, "The request body is empty");
        }
        int invalid = invalidUtf8(body);
        if (invalid >= 0) {
            throw new GatewayException(ProblemType.MALFORMED_REQUEST, "The request body is not UTF-8 JSON: "
                    + (body[invalid] == 0 ? "a NUL byte" : "an invalid UTF-8 sequence") + " at byte " + invalid);
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
        } catch (NumberFormatException e) {
            // A number the grammar allows but no decimal can hold, e.g. 1e9999999999 (exponent overflow).
            throw new GatewayException(ProblemType.MALFORMED_REQUEST, "The request body has a number out of range: "
                    + firstLine(e.getMessage()));
        }
    }

    /**
     * A parser that is fed the bytes of a body as they arrive (Jackson's non-blocking parser), within the same limits:
     * it finds where each value of concatenated JSON ends. Each value is then read by {@link #parse}.
     */
    public JsonParser nonBlockingParser() {
        try {
            return factory.createNonBlockingByteArrayParser();
        } catch (IOException e) {
            throw new IllegalStateException("No non-blocking JSON parser", e);
        }
    }

    /** The compact JSON text of a node, as the bytes Kafka stores. */
    public byte[] bytes(JsonNode node) {
        if (node.isTextual()) {
            byte[] plain = plainString(node.textValue());
            if (plain != null) {
                return plain;
            }
        }
        try {
            return values.writeValueAsBytes(node);
        } catch (IOException e) {
            throw new IllegalStateException("A parsed JSON node could not be written back", e);
        }
    }

    /**
     * A string of printable ASCII with no quote or backslash, in quotes: byte for byte what the writer writes for it (it
     * escapes nothing else in that range), without a generator; null for any other string. Most values are such
     * strings, and writing them was a tenth of the CPU of a batch.
     */
    static byte[] plainString(String text) {
        int length = text.length();
        byte[] quoted = new byte[length + 2];
        quoted[0] = '"';
        for (int i = 0; i < length; i++) {
            char c = text.charAt(i);
            if (c < 0x20 || c > 0x7F || c == '"' || c == '\\') {
                return null;
            }
            quoted[i + 1] = (byte) c;
        }
        quoted[length + 1] = '"';
        return quoted;
    }

    public byte[] write(Object answer) {
        try {
            return mapper.writeValueAsBytes(answer);
        } catch (IOException e) {
            throw new IllegalStateException("An answer could not be written as JSON", e);
        }
    }

    /**
     * The index of the first byte that makes the body something other than well-formed UTF-8 (Unicode table 3-7: no
     * overlong forms, no encoded surrogates, nothing above U+10FFFF), or of a NUL byte, which no JSON text in UTF-8
     * holds (it would have to be escaped inside a string); -1 when there is none. Also refuses UTF-16 and UTF-32
     * bodies, which the parser would otherwise guess and accept. A UTF-8 byte order mark is valid and skipped by the
     * parser, as RFC 8259 allows.
     */
    static int invalidUtf8(byte[] bytes) {
        int i = 0;
        int n = bytes.length;
        while (i < n) {
            int b = bytes[i];
            if (b > 0) {
                i++;
                continue;
            }
            if (b == 0) {
                return i;
            }
            b &= 0xFF;
            int length;
            int secondMin = 0x80;
            int secondMax = 0xBF;
            if (b >= 0xC2 && b <= 0xDF) {
                length = 2;
            } else if (b >= 0xE0 && b <= 0xEF) {
                length = 3;
                if (b == 0xE0) {
                    secondMin = 0xA0; // overlong below U+0800
                } else if (b == 0xED) {
                    secondMax = 0x9F; // U+D800..U+DFFF, surrogates
                }
            } else if (b >= 0xF0 && b <= 0xF4) {
                length = 4;
                if (b == 0xF0) {
                    secondMin = 0x90; // overlong below U+10000
                } else if (b == 0xF4) {
                    secondMax = 0x8F; // above U+10FFFF
                }
            } else {
                return i; // a continuation byte without a lead, C0/C1 (overlong), or F5..FF
            }
            if (i + length > n) {
                return i; // cut short by the end of the body
            }
            int second = bytes[i + 1] & 0xFF;
            if (second < secondMin || second > secondMax) {
                return i;
            }
            for (int k = 2; k < length; k++) {
                if ((bytes[i + k] & 0xC0) != 0x80) {
                    return i;
                }
            }
            i += length;
        }
        return -1;
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
