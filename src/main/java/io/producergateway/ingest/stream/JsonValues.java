package io.producergateway.ingest.stream;

import java.io.IOException;
import java.util.Arrays;
import java.util.function.Consumer;

import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.core.async.ByteArrayFeeder;

import io.producergateway.event.GatewayException;
import io.producergateway.event.ProblemType;
import io.producergateway.ingest.Json;

/**
 * Finds where each JSON value of concatenated JSON ({@code {"a":1} {"b":2}...}, RFC 7464's sibling without
 * separators, as REST Proxy v3 takes records) ends, as the bytes arrive in pieces of any size: Jackson's non-blocking
 * parser reads the tokens, and the bytes of each whole top-level value are handed over as they are, to be read by
 * {@link Json#parse} like any body. Only the value being read is held, at most {@code maxValueBytes}.
 * <p>
 * A syntax error leaves no way to know where the next value would begin, so it ends the splitting, as a value that
 * passes {@code maxValueBytes} does; both are a {@link StreamBreak}, thrown once the values before it are handed over.
 */
public final class JsonValues {

    public static final String MALFORMED = "malformed-record";
    public static final String TOO_LARGE = "record-too-large";

    private final JsonParser parser;
    private final ByteArrayFeeder feeder;
    private final int maxValueBytes;
    private final String limitName;
    /** The bytes from the end of the last whole value on: whitespace, then the value being read. */
    private byte[] held = new byte[256];
    private int heldLength;
    /** The offset in the input of {@code held[0]}. */
    private long heldFrom;
    private int depth;
    private int count;
    private boolean over;

    /**
     * @param parser a non-blocking parser ({@link Json#nonBlockingParser}), with the limits of every body
     * @param limitName the setting that bounds a value, as the problem names it
     */
    public JsonValues(JsonParser parser, int maxValueBytes, String limitName) {
        this.parser = parser;
        this.feeder = (ByteArrayFeeder) parser.getNonBlockingInputFeeder();
        this.maxValueBytes = maxValueBytes;
        this.limitName = limitName;
    }

    /** How many values were handed over: the index of the next one. */
    public int count() {
        return count;
    }

    /**
     * Reads the next piece of the input and hands over every value it completes, in order.
     *
     * @throws StreamBreak after those values, when the input is not concatenated JSON or a value is too long
     */
    public void feed(byte[] bytes, Consumer<byte[]> values) {
        if (over || bytes.length == 0) {
            return;
        }
        hold(bytes);
        try {
            feeder.feedInput(bytes, 0, bytes.length);
        } catch (IOException e) {
            throw malformed(firstLine(e.getMessage()));
        }
        tokens(values);
        int start = start();
        if (start >= 0 && heldLength - start > maxValueBytes) {
            throw tooLarge();
        }
        drop(start < 0 ? heldLength : start); // the whitespace since the last value
    }

    /**
     * The input ended: hands over a last value that only its end completes (a number).
     *
     * @throws StreamBreak when the input ended inside a value
     */
    public void end(Consumer<byte[]> values) {
        if (over) {
            return;
        }
        feeder.endOfInput();
        try {
            tokens(values);
        } catch (StreamBreak cut) { // in the parser's own words, with positions in a source it does not show
            throw malformed("the request ended inside it");
        }
        if (depth > 0 || start() >= 0) {
            throw malformed("the request ended inside it");
        }
        finish();
    }

    private void tokens(Consumer<byte[]> values) {
        try {
            JsonToken token;
            while ((token = parser.nextToken()) != null && token != JsonToken.NOT_AVAILABLE) {
                if (token == JsonToken.START_OBJECT || token == JsonToken.START_ARRAY) {
                    depth++;
                } else if (token == JsonToken.END_OBJECT || token == JsonToken.END_ARRAY) {
                    depth--;
                }
                if (depth == 0) {
                    complete(parser.currentLocation().getByteOffset(), values);
                }
            }
        } catch (JsonProcessingException e) { // a syntax error, or past a limit (nesting, a number's length)
            throw malformed(firstLine(e.getOriginalMessage()));
        } catch (IOException e) {
            throw malformed(firstLine(e.getMessage()));
        }
    }

    /** A whole value ends at this offset of the input (exclusive): hands it over, holds what follows it. */
    private void complete(long endOffset, Consumer<byte[]> values) {
        int end = (int) (endOffset - heldFrom);
        int start = start();
        if (end - start > maxValueBytes) {
            throw tooLarge();
        }
        byte[] value = Arrays.copyOfRange(held, start, end);
        drop(end);
        count++;
        values.accept(value);
    }

    /** Forgets the first bytes held: they are handed over, or whitespace. */
    private void drop(int bytes) {
        System.arraycopy(held, bytes, held, 0, heldLength - bytes);
        heldLength -= bytes;
        heldFrom += bytes;
    }

    /** The index in {@link #held} of the first byte of the value being read, or -1 when only whitespace is held. */
    private int start() {
        for (int i = 0; i < heldLength; i++) {
            byte b = held[i];
            if (b != ' ' && b != '\t' && b != '\n' && b != '\r') {
                return i;
            }
        }
        return -1;
    }

    private void hold(byte[] bytes) {
        if (heldLength + bytes.length > held.length) {
            held = Arrays.copyOf(held, Math.max(held.length * 2, heldLength + bytes.length));
        }
        System.arraycopy(bytes, 0, held, heldLength, bytes.length);
        heldLength += bytes.length;
    }

    private StreamBreak malformed(String why) {
        finish();
        return new StreamBreak(MALFORMED, new GatewayException(ProblemType.MALFORMED_REQUEST, "Record " + count
                + " is not valid JSON: " + why + "; nothing after it is read"));
    }

    private StreamBreak tooLarge() {
        finish();
        return new StreamBreak(TOO_LARGE, new GatewayException(ProblemType.PAYLOAD_TOO_LARGE, "Record " + count
                + " is longer than " + maxValueBytes + " bytes (" + limitName + "); nothing after it is read"));
    }

    private void finish() {
        over = true;
        held = new byte[0];
        heldLength = 0;
        try {
            parser.close();
        } catch (IOException e) {
            // nothing held
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
