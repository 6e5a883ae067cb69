package io.producergateway.ingest.restproxy;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;

import com.fasterxml.jackson.databind.ObjectMapper;

import io.producergateway.event.Event;
import io.producergateway.event.GatewayException;
import io.producergateway.event.ProblemType;
import io.producergateway.ingest.Json;
import io.producergateway.ingest.restproxy.RestProxyReader.Format;
import io.producergateway.testing.TestConfig;

/** REST Proxy v2 records become the bytes REST Proxy itself would store. */
class RestProxyReaderTest {

    private final RestProxyReader reader = new RestProxyReader(new Json(new ObjectMapper()), TestConfig.gateway(Map.of()));

    @Test
    void jsonKeysAndValuesAreStoredAsTheirJsonText() {
        Event event = reader.read(utf8("{\"records\":[{\"key\":\"k1\",\"value\":{\"n\":1},\"headers\":"
                + "[{\"key\":\"h\",\"value\":\"aGVsbG8=\"}]}]}"), Format.JSON, "high").get(0);
        assertEquals("\"k1\"", text(event.key()), "a JSON string key keeps its quotes, as REST Proxy stores it");
        assertEquals("{\"n\":1}", text(event.value()));
        assertEquals("h", event.headers().get(0).key());
        assertEquals("hello", text(event.headers().get(0).value()));
        assertEquals("high", event.priority(), "X-Priority applies to every record");
    }

    @Test
    void binaryKeysAndValuesAreStoredAsTheDecodedBytes() {
        List<Event> events = reader.read(utf8("{\"records\":[{\"key\":\"AAE=\",\"value\":\"/w==\",\"partition\":1},"
                + "{\"value\":null}]}"), Format.BINARY, null);
        assertArrayEquals(new byte[] { 0, 1 }, events.get(0).key());
        assertArrayEquals(new byte[] { (byte) 0xFF }, events.get(0).value());
        assertEquals(1, events.get(0).partition());
        assertNull(events.get(1).value(), "a tombstone");
    }

    @Test
    void invalidRecordsAreListedWithTheirIndex() {
        GatewayException refused = assertThrows(GatewayException.class, () -> reader.read(utf8(
                "{\"records\":[{\"value\":\"not base64!\"},{\"key\":\"AA==\"}]}"), Format.BINARY, null));
        assertEquals(ProblemType.INVALID_ENCODING, refused.type());
        assertEquals(List.of("0 value", "1 value"), refused.violations().stream()
                .map(v -> v.index() + " " + v.field()).toList());
        assertEquals(ProblemType.INVALID_EVENT, assertThrows(GatewayException.class,
                () -> reader.read(utf8("{\"records\":[]}"), Format.JSON, null)).type());
    }

    private static byte[] utf8(String text) {
        return text.getBytes(StandardCharsets.UTF_8);
    }

    private static String text(byte[] bytes) {
        return new String(bytes, StandardCharsets.UTF_8);
    }
}
