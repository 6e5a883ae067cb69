package io.producergateway.problem;

import static io.producergateway.event.ProblemType.BROKER_UNAVAILABLE;
import static io.producergateway.event.ProblemType.DELIVERY_FAILED;
import static io.producergateway.event.ProblemType.FORBIDDEN;
import static io.producergateway.event.ProblemType.INTERNAL;
import static io.producergateway.event.ProblemType.INVALID_ENCODING;
import static io.producergateway.event.ProblemType.INVALID_EVENT;
import static io.producergateway.event.ProblemType.INVALID_FIELD;
import static io.producergateway.event.ProblemType.INVALID_HEADER;
import static io.producergateway.event.ProblemType.INVALID_SCHEMA;
import static io.producergateway.event.ProblemType.INVALID_TOPIC;
import static io.producergateway.event.ProblemType.MALFORMED_REQUEST;
import static io.producergateway.event.ProblemType.METHOD_NOT_ALLOWED;
import static io.producergateway.event.ProblemType.NOT_ACCEPTABLE;
import static io.producergateway.event.ProblemType.NOT_FOUND;
import static io.producergateway.event.ProblemType.OVERLOADED;
import static io.producergateway.event.ProblemType.PARTITION_OUT_OF_RANGE;
import static io.producergateway.event.ProblemType.PAYLOAD_TOO_LARGE;
import static io.producergateway.event.ProblemType.QUOTA_EXCEEDED;
import static io.producergateway.event.ProblemType.RECORD_TOO_LARGE;
import static io.producergateway.event.ProblemType.REQUEST_TIMEOUT;
import static io.producergateway.event.ProblemType.SCHEMA_INCOMPATIBLE;
import static io.producergateway.event.ProblemType.SCHEMA_MISMATCH;
import static io.producergateway.event.ProblemType.SCHEMA_NOT_SUPPORTED;
import static io.producergateway.event.ProblemType.SCHEMA_REGISTRY_UNAVAILABLE;
import static io.producergateway.event.ProblemType.SCHEMA_REQUIRED;
import static io.producergateway.event.ProblemType.SHUTTING_DOWN;
import static io.producergateway.event.ProblemType.TOO_MANY_STREAMS;
import static io.producergateway.event.ProblemType.UNAUTHORIZED;
import static io.producergateway.event.ProblemType.UNKNOWN_CLUSTER;
import static io.producergateway.event.ProblemType.UNKNOWN_PARTITION;
import static io.producergateway.event.ProblemType.UNKNOWN_SCHEMA;
import static io.producergateway.event.ProblemType.UNKNOWN_TOPIC;
import static io.producergateway.event.ProblemType.UNSUPPORTED_MEDIA_TYPE;
import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.EnumMap;
import java.util.EnumSet;
import java.util.Map;

import org.junit.jupiter.api.Test;

import io.producergateway.event.ProblemType;

/**
 * Every problem type has the code REST Proxy answers for the same cause (kafka-rest's Errors, rest-utils'
 * KafkaExceptionMapper), or its HTTP status. The table lists every type: a new one fails here until it is placed in
 * it and in docs/errors.md.
 */
class ConfluentCodesTest {

    /** The REST Proxy v2 code of each type, as docs/errors.md lists them. */
    private static final Map<ProblemType, Integer> V2 = new EnumMap<>(Map.ofEntries(
            Map.entry(MALFORMED_REQUEST, 400),
            Map.entry(INVALID_EVENT, 400),
            Map.entry(INVALID_TOPIC, 40002),
            Map.entry(UNAUTHORIZED, 401),
            Map.entry(FORBIDDEN, 40301),
            Map.entry(NOT_FOUND, 404),
            Map.entry(UNKNOWN_TOPIC, 40401),
            Map.entry(UNKNOWN_PARTITION, 40402),
            Map.entry(UNKNOWN_CLUSTER, 404),
            Map.entry(METHOD_NOT_ALLOWED, 405),
            Map.entry(NOT_ACCEPTABLE, 406),
            Map.entry(REQUEST_TIMEOUT, 408),
            Map.entry(PAYLOAD_TOO_LARGE, 413),
            Map.entry(RECORD_TOO_LARGE, 413),
            Map.entry(UNSUPPORTED_MEDIA_TYPE, 415),
            Map.entry(INVALID_FIELD, 422),
            Map.entry(INVALID_ENCODING, 422),
            Map.entry(INVALID_HEADER, 422),
            Map.entry(PARTITION_OUT_OF_RANGE, 40402),
            Map.entry(SCHEMA_NOT_SUPPORTED, 42206),
            Map.entry(SCHEMA_REQUIRED, 42202),
            Map.entry(UNKNOWN_SCHEMA, 40403),
            Map.entry(INVALID_SCHEMA, 42205),
            Map.entry(SCHEMA_MISMATCH, 42203),
            Map.entry(SCHEMA_INCOMPATIBLE, 40901),
            Map.entry(TOO_MANY_STREAMS, 429),
            Map.entry(QUOTA_EXCEEDED, 429),
            Map.entry(OVERLOADED, 503),
            Map.entry(BROKER_UNAVAILABLE, 50003),
            Map.entry(SCHEMA_REGISTRY_UNAVAILABLE, 503),
            Map.entry(DELIVERY_FAILED, 50002),
            Map.entry(SHUTTING_DOWN, 503),
            Map.entry(INTERNAL, 500)));

    @Test
    void everyProblemTypeHasItsRestProxyV2Code() {
        assertEquals(EnumSet.allOf(ProblemType.class), V2.keySet(), "place every problem type in this table");
        for (ProblemType type : ProblemType.values()) {
            assertEquals(V2.get(type), ConfluentCodes.v2(type), type.name());
        }
    }

    @Test
    void v3KeepsTheKafkaCodesButAnswers422ForAViolationAnd404OutsideProducing() {
        for (ProblemType type : ProblemType.values()) {
            int v2 = V2.get(type);
            int producing = v2 / 100 == 422 ? 422 : v2;
            int metadata = producing / 100 == 404 ? 404 : producing;
            assertEquals(producing, ConfluentCodes.v3(type, true), type + " producing records");
            assertEquals(metadata, ConfluentCodes.v3(type, false), type + " elsewhere under /v3");
        }
        assertEquals(40401, ConfluentCodes.v3(UNKNOWN_TOPIC, true));
        assertEquals(404, ConfluentCodes.v3(UNKNOWN_TOPIC, false));
        assertEquals(422, ConfluentCodes.v3(SCHEMA_NOT_SUPPORTED, true));
        assertEquals(50002, ConfluentCodes.v3(DELIVERY_FAILED, false));
    }

    @Test
    void aCodeIsAnHttpStatusOrAStatusWithATwoDigitSubcode() {
        for (ProblemType type : ProblemType.values()) {
            int code = ConfluentCodes.v2(type);
            int status = code < 1000 ? code : code / 100;
            assertEquals(true, status >= 400 && status < 600, type + ": " + code);
            if (code < 1000) {
                assertEquals(type.status(), code, type + ": without a code of Confluent's own, the status");
            }
        }
    }
}
