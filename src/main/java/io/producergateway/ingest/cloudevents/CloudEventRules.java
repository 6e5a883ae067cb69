package io.producergateway.ingest.cloudevents;

import java.net.URI;
import java.net.URISyntaxException;
import java.time.DateTimeException;
import java.time.OffsetDateTime;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.UnaryOperator;
import java.util.regex.Pattern;

import io.producergateway.event.ProblemType;
import io.producergateway.ingest.EventFields;

/**
 * The CloudEvents 1.0 rules for an event's context attributes, checked before the SDK reads the event, so that a bad
 * event is answered with a problem naming each bad attribute: the SDK stops at the first one, says less, and lets
 * some through (an empty id, a time without seconds, an extension named {@code data}, a control character).
 */
final class CloudEventRules {

    /** The only version of the specification taken. */
    static final String SPEC_VERSION = "1.0";
    /** Required besides specversion, in the order a missing one is reported. */
    private static final List<String> REQUIRED = List.of("id", "source", "type");
    /** Attribute names: lower-case ASCII letters and digits (the specification recommends at most 20). */
    private static final Pattern NAME = Pattern.compile("[a-z0-9]+");
    /** RFC 3339's date-time; the fraction within what a Java time (and the SDK) holds. */
    private static final Pattern RFC_3339 = Pattern.compile(
            "\\d{4}-\\d{2}-\\d{2}[Tt]\\d{2}:\\d{2}:\\d{2}(\\.\\d{1,9})?([Zz]|[+-]\\d{2}:\\d{2})");

    private CloudEventRules() {
    }

    /**
     * Checks one event's attributes, extensions included, in their canonical string form.
     *
     * @param refused the attributes the event has, but already refused in a form that has no string (not missing)
     * @param named how the request names an attribute in a detail: its header in binary mode, its member in JSON
     */
    static void check(int index, Map<String, String> attributes, Set<String> refused, UnaryOperator<String> named,
            EventFields fields) {
        String version = attributes.get("specversion");
        if (version == null && !refused.contains("specversion")) {
            missing(index, "specversion", named, fields);
        } else if (version != null && !SPEC_VERSION.equals(version)) {
            fields.violation(index, "specversion", ProblemType.INVALID_FIELD, named.apply("specversion") + " is "
                    + EventFields.shown(version) + ": the gateway takes CloudEvents " + SPEC_VERSION);
        }
        for (String name : REQUIRED) {
            if (attributes.get(name) == null && !refused.contains(name)) {
                missing(index, name, named, fields);
            }
        }
        for (Map.Entry<String, String> attribute : attributes.entrySet()) {
            value(index, attribute.getKey(), attribute.getValue(), named, fields);
        }
    }

    private static void value(int index, String name, String value, UnaryOperator<String> named, EventFields fields) {
        String shown = EventFields.shown(name);
        if (!NAME.matcher(name).matches()) {
            fields.violation(index, shown, ProblemType.INVALID_FIELD, "The attribute name " + named.apply(shown)
                    + " is not a CloudEvents name: lower-case letters a-z and digits 0-9 only");
            return;
        }
        if (name.equals("data")) {
            fields.violation(index, name, ProblemType.INVALID_FIELD, named.apply(name) + ": data is a reserved "
                    + "name, not an attribute");
            return;
        }
        String problem = switch (name) {
            case "id", "type", "subject", "datacontenttype" -> value.isEmpty() ? "must not be empty" : null;
            case "source" -> value.isEmpty() || !uri(value, false) ? "must be a non-empty URI-reference (RFC 3986)"
                    : null;
            case "dataschema" -> uri(value, true) ? null : "must be an absolute URI (RFC 3986)";
            case "time" -> timestamp(value) ? null : "must be an RFC 3339 timestamp, such as 2024-05-01T12:00:00Z";
            default -> null;
        };
        if (problem == null && !allowed(value)) {
            problem = "holds a character a CloudEvents string may not: a control character (U+0000-U+001F, "
                    + "U+007F-U+009F), a noncharacter or an unpaired surrogate";
        }
        if (problem != null) {
            fields.violation(index, name, ProblemType.INVALID_FIELD, named.apply(name) + " " + problem);
        }
    }

    private static void missing(int index, String name, UnaryOperator<String> named, EventFields fields) {
        fields.violation(index, name, ProblemType.INVALID_EVENT, named.apply(name) + " is required: a CloudEvent "
                + "has specversion, id, source and type");
    }

    private static boolean uri(String value, boolean absolute) {
        try {
            URI uri = new URI(value);
            return !absolute || uri.isAbsolute();
        } catch (URISyntaxException e) {
            return false;
        }
    }

    private static boolean timestamp(String value) {
        if (!RFC_3339.matcher(value).matches()) {
            return false;
        }
        try {
            OffsetDateTime.parse(value); // the ranges: month 13, hour 24, offset +25:00
            return true;
        } catch (DateTimeException e) {
            return false;
        }
    }

    /** The CloudEvents String type: no control characters, noncharacters or unpaired surrogates. */
    private static boolean allowed(String value) {
        if (!EventFields.encodable(value)) {
            return false;
        }
        return value.codePoints().noneMatch(c -> c <= 0x1F || c >= 0x7F && c <= 0x9F || c >= 0xFDD0 && c <= 0xFDEF
                || (c & 0xFFFE) == 0xFFFE);
    }
}
