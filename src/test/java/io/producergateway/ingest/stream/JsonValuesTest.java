package io.producergateway.ingest.stream;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

import org.junit.jupiter.api.Test;

import com.fasterxml.jackson.databind.ObjectMapper;

import io.producergateway.event.ProblemType;
import io.producergateway.ingest.Json;

/** Concatenated JSON cut into its values, whatever pieces the bytes arrive in. */
class JsonValuesTest {

    private static final Json JSON = new Json(new ObjectMapper());

    private static final String VALUES = "{\"a\":{\"b\":[1,2,{\"c\":\"}]{\\\"\"}]}}{\"é\":\"日本\"}\n\n {}"
            + "[1,[2]]\t\"text\" 12.5e3 true null -7{\"last\":\"😀\"}";
    private static final List<String> EXPECTED = List.of("{\"a\":{\"b\":[1,2,{\"c\":\"}]{\\\"\"}]}}",
            "{\"é\":\"日本\"}", "{}", "[1,[2]]", "\"text\"", "12.5e3", "true", "null", "-7", "{\"last\":\"😀\"}");

    @Test
    void everyValueIsHandedOverAsItsExactBytesWhereverThePiecesEnd() {
        byte[] bytes = VALUES.getBytes(StandardCharsets.UTF_8);
        assertEquals(EXPECTED, split(pieces(bytes, 1), 1_000));
        for (int cut = 0; cut <= bytes.length; cut++) {
            assertEquals(EXPECTED, split(List.of(Arrays.copyOfRange(bytes, 0, cut),
                    Arrays.copyOfRange(bytes, cut, bytes.length)), 1_000), "cut at " + cut);
        }
        assertEquals(EXPECTED, split(List.of(bytes), 1_000));
    }

    @Test
    void whitespaceAloneIsNoValueAndDoesNotCountTowardsTheLimit() {
        assertEquals(List.of(), split(List.of(" \n\t\r ".getBytes(StandardCharsets.UTF_8)), 10));
        byte[] spaced = (" ".repeat(50) + "{\"a\":1}" + " ".repeat(50) + "{\"b\":2}").getBytes(StandardCharsets.UTF_8);
        assertEquals(List.of("{\"a\":1}", "{\"b\":2}"), split(pieces(spaced, 7), 10));
    }

    @Test
    void aValueLongerThanTheLimitBreaksAfterTheValuesBeforeIt() {
        List<String> values = new ArrayList<>();
        JsonValues splitter = new JsonValues(JSON.nonBlockingParser(), 20, "the-limit");
        StreamBreak cause = assertThrows(StreamBreak.class, () -> {
            for (byte[] piece : pieces(("{\"a\":1} {\"long\":\"" + "x".repeat(100) + "\"} {\"c\":3}")
                    .getBytes(StandardCharsets.UTF_8), 4)) {
                splitter.feed(piece, v -> values.add(new String(v, StandardCharsets.UTF_8)));
            }
        });
        assertEquals(List.of("{\"a\":1}"), values);
        assertEquals(JsonValues.TOO_LARGE, cause.reason());
        assertEquals(ProblemType.PAYLOAD_TOO_LARGE, cause.problem().type());
        assertTrue(cause.getMessage().startsWith("Record 1 is longer than 20 bytes (the-limit)"), cause.getMessage());
    }

    @Test
    void aValueOfExactlyTheLimitPasses() {
        assertEquals(List.of("{\"a\":\"xxx\"}"), split(List.of("{\"a\":\"xxx\"}".getBytes(StandardCharsets.UTF_8)),
                11));
    }

    @Test
    void invalidJsonBreaksAfterTheValuesBeforeItAndNothingMoreIsRead() {
        List<String> values = new ArrayList<>();
        JsonValues splitter = new JsonValues(JSON.nonBlockingParser(), 1_000, "the-limit");
        StreamBreak cause = assertThrows(StreamBreak.class, () -> splitter.feed(
                "{\"a\":1}{\"b\":2} {\"c\":} {\"d\":4}".getBytes(StandardCharsets.UTF_8),
                v -> values.add(new String(v, StandardCharsets.UTF_8))));
        assertEquals(List.of("{\"a\":1}", "{\"b\":2}"), values);
        assertEquals(JsonValues.MALFORMED, cause.reason());
        assertEquals(ProblemType.MALFORMED_REQUEST, cause.problem().type());
        assertTrue(cause.getMessage().startsWith("Record 2 is not valid JSON"), cause.getMessage());
        splitter.feed("{\"e\":5}".getBytes(StandardCharsets.UTF_8), v -> values.add("more"));
        splitter.end(v -> values.add("more"));
        assertEquals(2, values.size(), "nothing after the break");
    }

    @Test
    void inputEndingInsideAValueBreaksAtTheEnd() {
        for (String cut : List.of("{\"a\":1} {\"b\":", "{\"a\":1} \"open", "{\"a\":1} [1,")) {
            List<String> values = new ArrayList<>();
            JsonValues splitter = new JsonValues(JSON.nonBlockingParser(), 1_000, "the-limit");
            splitter.feed(cut.getBytes(StandardCharsets.UTF_8), v -> values.add(new String(v, StandardCharsets.UTF_8)));
            StreamBreak cause = assertThrows(StreamBreak.class, () -> splitter.end(v -> values.add("more")));
            assertEquals(List.of("{\"a\":1}"), values, cut);
            assertEquals("Record 1 is not valid JSON: the request ended inside it; nothing after it is read",
                    cause.getMessage(), cut);
        }
    }

    @Test
    void theLimitsOfEveryBodyHoldHereToo() {
        String deep = "[".repeat(Json.MAX_NESTING_DEPTH + 1) + "]".repeat(Json.MAX_NESTING_DEPTH + 1);
        JsonValues splitter = new JsonValues(JSON.nonBlockingParser(), 1_000_000, "the-limit");
        StreamBreak cause = assertThrows(StreamBreak.class,
                () -> splitter.feed(deep.getBytes(StandardCharsets.UTF_8), v -> { }));
        assertEquals(JsonValues.MALFORMED, cause.reason());
    }

    private static List<String> split(List<byte[]> pieces, int maxValueBytes) {
        List<String> values = new ArrayList<>();
        JsonValues splitter = new JsonValues(JSON.nonBlockingParser(), maxValueBytes, "the-limit");
        for (byte[] piece : pieces) {
            splitter.feed(piece, v -> values.add(new String(v, StandardCharsets.UTF_8)));
        }
        splitter.end(v -> values.add(new String(v, StandardCharsets.UTF_8)));
        assertEquals(values.size(), splitter.count());
        return values;
    }

    private static List<byte[]> pieces(byte[] bytes, int size) {
        List<byte[]> pieces = new ArrayList<>();
        for (int from = 0; from < bytes.length; from += size) {
            pieces.add(Arrays.copyOfRange(bytes, from, Math.min(bytes.length, from + size)));
        }
        return pieces;
    }
}
