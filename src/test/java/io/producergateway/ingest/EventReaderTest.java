package io.producergateway.ingest;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.List;
import java.util.Map;

import org.apache.kafka.common.header.Header;
import org.junit.jupiter.api.Test;

import com.fasterxml.jackson.databind.ObjectMapper;

import io.producergateway.event.Event;
import io.producergateway.event.GatewayException;
import io.producergateway.event.GatewayException.Violation;
import io.producergateway.event.ProblemType;
import io.producergateway.testing.TestConfig;

/** Our API's body becomes the events Kafka will store, or a refusal listing every invalid field. */
class EventReaderTest {

    private final EventReader reader = new EventReader(new Json(new ObjectMapper()),
            TestConfig.gateway(Map.of("gateway.ingest.max-events-per-request", "3")));

    @Test
    void anEventBecomesItsRecord() {
        EventReader.Batch batch = reader.read(utf8("""
                {"id":"order-1","key":"customer-7","value":{"total":12.5},"headers":{"source":"checkout"},
                 "partition":2,"priority":"high","timestamp":"2023-11-14T22:13:20.123Z"}"""));
        assertTrue(batch.single());
        Event event = batch.events().get(0);
        assertEquals("order-1", event.id());
        assertArrayEquals(utf8("customer-7"), event.key());
        assertEquals("{\"total\":12.5}", text(event.value()));
        assertEquals(List.of("source=checkout", EventReader.ID_HEADER + "=order-1"), headers(event.headers()));
        assertEquals(2, event.partition());
        assertEquals("high", event.priority());
        assertEquals(Instant.ofEpochMilli(1_700_000_000_123L), event.timestamp());
    }

    @Test
    void anArrayKeepsItsOrderAndGeneratesMissingIds() {
        EventReader.Batch batch = reader.read(utf8("[{\"value\":1},{\"id\":\"b\",\"value\":null}]"));
        assertFalse(batch.single());
        assertEquals(36, batch.events().get(0).id().length(), "a UUID");
        assertEquals("b", batch.events().get(1).id());
        assertNull(batch.events().get(1).value(), "a tombstone");
    }

    @Test
    void everyInvalidFieldIsListedAtOnce() {
        GatewayException refused = assertThrows(GatewayException.class, () -> reader.read(utf8("""
                [{"value":1,"key":7},{"key":"k"},{"value":1,"timestamp":-1,"headers":{"h":1}}]""")));
        assertEquals(ProblemType.INVALID_FIELD, refused.type(), "the first violation's type");
        assertEquals(3, refused.events());
        assertEquals(List.of("0 key invalid-field", "1 value invalid-event", "2 headers.h invalid-header",
                "2 timestamp invalid-field"), refused.violations().stream().map(EventReaderTest::shown).toList());
    }

    @Test
    void tooManyEventsAreRefusedBeforeAnyIsRead() {
        GatewayException refused = assertThrows(GatewayException.class,
                () -> reader.read(utf8("[{\"value\":1},{\"value\":2},{\"value\":3},{\"value\":4}]")));
        assertEquals(ProblemType.PAYLOAD_TOO_LARGE, refused.type());
        assertEquals(ProblemType.INVALID_EVENT, assertThrows(GatewayException.class,
                () -> reader.read(utf8("[]"))).type());
    }

    @Test
    void aKeyThatHasNoUtf8FormIsRefusedRatherThanStoredAsQuestionMarks() {
        GatewayException refused = assertThrows(GatewayException.class,
                () -> reader.read(utf8("{\"key\":\"\\ud800\",\"value\":1}")));
        assertEquals("key", refused.violations().get(0).field());
    }

    private static String shown(Violation v) {
        return v.index() + " " + v.field() + " " + v.type().substring(v.type().lastIndexOf(':') + 1);
    }

    private static List<String> headers(List<Header> headers) {
        return headers.stream().map(h -> h.key() + "=" + text(h.value())).toList();
    }

    private static byte[] utf8(String text) {
        return text.getBytes(StandardCharsets.UTF_8);
    }

    private static String text(byte[] bytes) {
        return new String(bytes, StandardCharsets.UTF_8);
    }
}
