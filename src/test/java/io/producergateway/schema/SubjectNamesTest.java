package io.producergateway.schema;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

import io.producergateway.event.GatewayException;
import io.producergateway.event.ProblemType;

/** Subjects as Confluent's serializers name them, and the strategies' names in the configuration. */
class SubjectNamesTest {

    private static final ParsedSchema ORDER = new TextSchema(SchemaType.AVRO, "{}", "shop.Order");
    private static final ParsedSchema UNNAMED = new TextSchema(SchemaType.JSON, "{}", null);

    @Test
    void eachStrategyNamesTheSubjectAsConfluentDoes() {
        assertEquals("orders-key", SubjectNames.subject(SubjectNameStrategy.TOPIC_NAME, "orders", true, ORDER));
        assertEquals("orders-value", SubjectNames.subject(SubjectNameStrategy.TOPIC_NAME, "orders", false, UNNAMED));
        assertEquals("shop.Order", SubjectNames.subject(SubjectNameStrategy.RECORD_NAME, "orders", false, ORDER));
        assertEquals("orders-shop.Order",
                SubjectNames.subject(SubjectNameStrategy.TOPIC_RECORD_NAME, "orders", true, ORDER));
    }

    @Test
    void aRecordStrategyRefusesASchemaWithoutANamedRecord() {
        GatewayException refused = assertThrows(GatewayException.class,
                () -> SubjectNames.subject(SubjectNameStrategy.TOPIC_RECORD_NAME, "orders", false, UNNAMED));
        assertEquals(ProblemType.INVALID_SCHEMA, refused.type());
        assertTrue(refused.getMessage().contains("topic-record-name"), refused.getMessage());
    }

    @Test
    void theConfiguredNamesAreTheStrategiesInKebabCase() {
        assertEquals(SubjectNameStrategy.TOPIC_NAME, SubjectNames.strategy("topic-name"));
        assertEquals(SubjectNameStrategy.RECORD_NAME, SubjectNames.strategy("record-name"));
        assertEquals(SubjectNameStrategy.TOPIC_RECORD_NAME, SubjectNames.strategy("topic-record-name"));
        IllegalArgumentException unknown = assertThrows(IllegalArgumentException.class,
                () -> SubjectNames.strategy("TopicNameStrategy"));
        assertEquals("'TopicNameStrategy' is not one of topic-name, record-name, topic-record-name",
                unknown.getMessage());
    }
}
