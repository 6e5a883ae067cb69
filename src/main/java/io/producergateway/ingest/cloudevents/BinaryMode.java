package io.producergateway.ingest.cloudevents;

import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.function.UnaryOperator;

import io.cloudevents.CloudEvent;
import io.cloudevents.http.HttpMessageFactory;
import io.producergateway.event.ProblemType;
import io.producergateway.ingest.EventFields;

/**
 * The HTTP binding's binary mode: the attributes in {@code ce-*} headers, {@code datacontenttype} in
 * {@code Content-Type}, the body is {@code data}. The headers are decoded and checked here; the SDK's HTTP message
 * reader then makes the event.
 */
final class BinaryMode {

    private static final String PREFIX = "ce-";
    private static final UnaryOperator<String> HEADER = name -> name.equals("datacontenttype") ? "Content-Type"
            : PREFIX + name;

    private BinaryMode() {
    }

    /**
     * The event.
     *
     * @param headers the request's headers, in order
     * @param contentType the request's Content-Type, or null
     * @throws io.producergateway.event.GatewayException naming every bad attribute
     */
    static CloudEvent read(Iterable<Map.Entry<String, String>> headers, String contentType, byte[] body) {
        EventFields fields = new EventFields();
        Map<String, String> attributes = new LinkedHashMap<>();
        Set<String> refused = new HashSet<>();
        for (Map.Entry<String, String> header : headers) {
            String name = header.getKey().toLowerCase(Locale.ROOT);
            if (!name.startsWith(PREFIX)) {
                continue;
            }
            String attribute = name.substring(PREFIX.length());
            String shown = EventFields.shown(attribute);
            String value = HeaderValues.decode(header.getValue());
            if (attribute.equals("datacontenttype")) {
                fields.violation(0, attribute, ProblemType.INVALID_FIELD, "Binary mode carries datacontenttype as "
                        + "Content-Type: send no ce-datacontenttype header");
            } else if (value == null) {
                refused.add(attribute);
                fields.violation(0, shown, ProblemType.INVALID_FIELD, PREFIX + shown + " is not a valid header "
                        + "value: an unterminated quoted string, a bad percent escape, or percent-encoded bytes that "
                        + "are not UTF-8");
            } else if (attributes.putIfAbsent(attribute, value) != null) {
                fields.violation(0, shown, ProblemType.INVALID_FIELD, PREFIX + shown + " is sent more than once");
            }
        }
        if (contentType != null) {
            attributes.put("datacontenttype", contentType);
        }
        CloudEventRules.check(0, attributes, refused, HEADER, fields);
        fields.throwIfAny(1);
        return HttpMessageFactory.createReader(visit -> attributes.forEach((attribute, value) -> visit.accept(
                HEADER.apply(attribute), value)), body).toEvent();
    }
}
