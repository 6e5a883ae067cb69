package io.producergateway.ingest.cloudevents;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Pattern;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.cfg.JsonNodeFeature;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;

import io.cloudevents.CloudEvent;
import io.cloudevents.jackson.JsonFormat;
import io.producergateway.event.ProblemType;
import io.producergateway.ingest.EventFields;

/**
 * The JSON event format (structured mode) and its batch format: each event is checked member by member, then read by
 * the SDK's JSON format, its Jackson module on a mapper that keeps numbers exactly as the gateway parsed them (the
 * SDK's own mapper would round {@code 0.10000000000000000000001} and turn {@code 1e400} into Infinity).
 */
final class JsonMode {

    /** The attributes of the specification, whose values are strings in JSON; the rest are extensions. */
    private static final Set<String> STRINGS = Set.of("specversion", "id", "source", "type", "datacontenttype",
            "dataschema", "subject", "time", "partitionkey");
    /** Content types whose data the SDK takes as a JSON value; for any other, data must be a string. */
    private static final Pattern JSON_DATA = Pattern.compile("^(application|text)/([a-zA-Z]+\\+)?json(;.*)*$");

    private final ObjectMapper mapper;

    JsonMode(ObjectMapper mapper) {
        this.mapper = mapper.copy().registerModule(JsonFormat.getCloudEventJacksonModule())
                .enable(DeserializationFeature.USE_BIG_DECIMAL_FOR_FLOATS)
                .configure(JsonNodeFeature.STRIP_TRAILING_BIGDECIMAL_ZEROES, false);
    }

    /**
     * The events, in order.
     *
     * @throws io.producergateway.event.GatewayException naming every bad attribute of every event; nothing is read
     */
    List<CloudEvent> read(List<JsonNode> nodes) {
        EventFields fields = new EventFields();
        List<ObjectNode> checked = new ArrayList<>(nodes.size());
        for (int i = 0; i < nodes.size(); i++) {
            checked.add(check(i, nodes.get(i), fields));
        }
        fields.throwIfAny(nodes.size());
        List<CloudEvent> events = new ArrayList<>(nodes.size());
        for (int i = 0; i < checked.size(); i++) {
            try {
                events.add(mapper.treeToValue(checked.get(i), CloudEvent.class));
            } catch (JsonProcessingException | IllegalArgumentException e) {
                // what the rules let through and the SDK still refuses
                fields.violation(i, "", ProblemType.INVALID_EVENT, "The CloudEvents SDK cannot read event " + i + ": "
                        + String.valueOf(e.getMessage()).lines().findFirst().orElse(""));
            }
        }
        fields.throwIfAny(nodes.size());
        return events;
    }

    /** The event's members as the SDK reads them (an attribute set to null is unset), or null when not an object. */
    private static ObjectNode check(int index, JsonNode node, EventFields fields) {
        if (!node.isObject()) {
            fields.violation(index, "", ProblemType.INVALID_EVENT, "A CloudEvent in JSON is an object");
            return null;
        }
        ObjectNode event = JsonNodeFactory.instance.objectNode();
        Map<String, String> attributes = new LinkedHashMap<>();
        Set<String> refused = new HashSet<>();
        for (Map.Entry<String, JsonNode> member : node.properties()) {
            String name = member.getKey();
            JsonNode value = member.getValue();
            if (value.isNull() && !name.equals("data")) {
                continue; // unset, as the JSON format reads null (the SDK would make an extension "null" of it)
            }
            if (name.equals("data")) {
                event.set(name, value); // data: null is a null payload, not an absent one
            } else if (name.equals("data_base64")) {
                if (fields.base64(index, name, value) != null && value.textValue().length() % 4 != 0) {
                    // the format's base64 is RFC 4648's, padded; the SDK refuses it without
                    fields.violation(index, name, ProblemType.INVALID_ENCODING, name + " is not valid base64: its "
                            + "padding ('=') is missing");
                }
                event.set(name, value);
            } else {
                String text = canonical(index, name, value, fields);
                if (text != null) {
                    attributes.put(name, text);
                    event.set(name, value);
                } else {
                    refused.add(name);
                }
            }
        }
        if (event.has("data") && event.has("data_base64")) {
            fields.violation(index, "data_base64", ProblemType.INVALID_EVENT, "data and data_base64 exclude each "
                    + "other: send one");
        }
        String contentType = attributes.get("datacontenttype");
        if (event.has("data") && !event.get("data").isTextual() && contentType != null
                && !JSON_DATA.matcher(contentType).matches()) {
            fields.violation(index, "data", ProblemType.INVALID_FIELD, "With datacontenttype "
                    + EventFields.shown(contentType) + ", data must be a string: send other bytes as data_base64");
        }
        CloudEventRules.check(index, attributes, refused, name -> name, fields);
        return event;
    }

    /** An attribute's canonical string: a string, or for an extension also a boolean or a 32-bit integer. */
    private static String canonical(int index, String name, JsonNode value, EventFields fields) {
        boolean string = STRINGS.contains(name);
        if (value.isTextual()) {
            return value.textValue();
        }
        if (!string && (value.isBoolean() || value.isInt())) {
            return value.asText();
        }
        String shown = EventFields.shown(name);
        fields.violation(index, shown, ProblemType.INVALID_FIELD, string ? name + " must be a string"
                : "The extension " + shown + " must be a string, a boolean or an integer of 32 bits");
        return null;
    }
}
