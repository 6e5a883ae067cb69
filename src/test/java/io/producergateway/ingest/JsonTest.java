package io.producergateway.ingest;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.nio.charset.StandardCharsets;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.TextNode;

import io.producergateway.event.GatewayException;
import io.producergateway.event.ProblemType;

/** One JSON document in UTF-8, kept exactly; anything else is malformed-request, never an internal error. */
class JsonTest {

    private final Json json = new Json(new ObjectMapper());

    @Test
    void numbersAndCharactersAreStoredExactlyAsSent() {
        assertEquals("{\"big\":1E+400,\"fine\":0.10000000000000000000001,\"emoji\":\"😀\"}", text(json.bytes(
                json.parse(utf8("{ \"big\": 1e400, \"fine\": 0.10000000000000000000001, \"emoji\": \"\\ud83d\\ude00\" }")))));
    }

    @ParameterizedTest
    @ValueSource(strings = { "", " ", "{", "{\"a\":1} {\"a\":2}", "{\"a\":1,\"a\":2}", "{'a':1}", "[NaN]",
            "{\"a\":1e9999999999}", "// x\n{}" })
    void whatIsNotOneJsonDocumentIsMalformed(String body) {
        GatewayException refused = assertThrows(GatewayException.class, () -> json.parse(utf8(body)));
        assertEquals(ProblemType.MALFORMED_REQUEST, refused.type(), body);
    }

    @Test
    void invalidUtf8IsNamedWithItsPosition() {
        byte[] overlong = { '{', '"', 'a', '"', ':', '"', (byte) 0xC0, (byte) 0xAF, '"', '}' };
        assertEquals("The request body is not UTF-8 JSON: an invalid UTF-8 sequence at byte 6",
                assertThrows(GatewayException.class, () -> json.parse(overlong)).getMessage());
        byte[] nul = { '{', '}', 0 };
        assertEquals("The request body is not UTF-8 JSON: a NUL byte at byte 2",
                assertThrows(GatewayException.class, () -> json.parse(nul)).getMessage());
    }

    @Test
    void nestingDeeperThanTheLimitIsRefused() {
        String deep = "[".repeat(Json.MAX_NESTING_DEPTH + 1) + "]".repeat(Json.MAX_NESTING_DEPTH + 1);
        assertEquals(ProblemType.MALFORMED_REQUEST,
                assertThrows(GatewayException.class, () -> json.parse(utf8(deep))).type());
        String limit = "[".repeat(Json.MAX_NESTING_DEPTH) + "]".repeat(Json.MAX_NESTING_DEPTH);
        assertEquals(limit, text(json.bytes(json.parse(utf8(limit)))));
    }

    @Test
    void aStringValueIsStoredAsTheWriterWritesIt() throws Exception {
        ObjectMapper writer = new ObjectMapper();
        StringBuilder every = new StringBuilder();
        for (char c = 0; c < 0x200; c++) {
            String one = "a" + c + "b";
            assertArrayEquals(writer.writeValueAsBytes(one), json.bytes(TextNode.valueOf(one)), "U+" + (int) c);
            every.append(c);
        }
        for (String text : new String[] { "", every.toString(), "x".repeat(5000), "tab\there",
                "quote \" and \\ backslash", "\u007f\u0080" }) {
            assertArrayEquals(writer.writeValueAsBytes(text), json.bytes(TextNode.valueOf(text)), text);
        }
        assertArrayEquals(utf8("\"plain ASCII~\""), Json.plainString("plain ASCII~"));
        assertNull(Json.plainString("needs \"escaping\""), "left to the writer");
    }

    private static byte[] utf8(String text) {
        return text.getBytes(StandardCharsets.UTF_8);
    }

    private static String text(byte[] bytes) {
        return new String(bytes, StandardCharsets.UTF_8);
    }
}
