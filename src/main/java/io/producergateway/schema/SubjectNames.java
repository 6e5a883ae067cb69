package io.producergateway.schema;

import java.util.Arrays;
import java.util.Locale;
import java.util.stream.Collectors;

import io.producergateway.event.GatewayException;
import io.producergateway.event.ProblemType;

/** Subject names by {@link SubjectNameStrategy}, and the strategies by their names in the configuration. */
final class SubjectNames {

    private SubjectNames() {
    }

    /**
     * The strategy a configured name ({@code topic-name}, {@code record-name}, {@code topic-record-name}) stands for.
     *
     * @throws IllegalArgumentException naming the choices, when the name is none of them
     */
    static SubjectNameStrategy strategy(String name) {
        return Arrays.stream(SubjectNameStrategy.values()).filter(s -> spelling(s).equals(name.trim()))
                .findFirst().orElseThrow(() -> new IllegalArgumentException("'" + name + "' is not one of "
                        + Arrays.stream(SubjectNameStrategy.values()).map(SubjectNames::spelling)
                                .collect(Collectors.joining(", "))));
    }

    /**
     * The subject of a topic's key or value schema, as Confluent's serializers name it.
     *
     * @throws GatewayException invalid-schema when a record strategy meets no schema, or one without a named record
     */
    static String subject(SubjectNameStrategy strategy, String topic, boolean key, ParsedSchema schema) {
        if (strategy == SubjectNameStrategy.TOPIC_NAME) {
            return topic + (key ? "-key" : "-value");
        }
        if (schema == null) {
            throw new GatewayException(ProblemType.INVALID_SCHEMA, "The subject name strategy " + spelling(strategy)
                    + " names the subject after the schema's record, and no schema text was given: name the subject");
        }
        String record = schema.recordName();
        if (record == null) {
            throw new GatewayException(ProblemType.INVALID_SCHEMA, "The subject name strategy " + spelling(strategy)
                    + " (gateway.schemas.subject-name-strategy) needs a schema with a named record, and this "
                    + schema.type() + " schema has none");
        }
        return strategy == SubjectNameStrategy.RECORD_NAME ? record : topic + "-" + record;
    }

    private static String spelling(SubjectNameStrategy strategy) {
        return strategy.name().toLowerCase(Locale.ROOT).replace('_', '-');
    }
}
