package io.producergateway.ingest.cloudevents;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;

import jakarta.enterprise.context.ApplicationScoped;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

import io.cloudevents.CloudEvent;
import io.cloudevents.rw.CloudEventRWException;
import io.producergateway.config.GatewayConfig;
import io.producergateway.event.GatewayException;
import io.producergateway.event.ProblemType;
import io.producergateway.ingest.Json;

/**
 * Reads a request of the CloudEvents HTTP binding in the mode its Content-Type says (section 3): structured
 * ({@value #STRUCTURED}), batch ({@value #BATCH}), or binary for any other type. Every event is checked against the
 * specification first ({@link CloudEventRules}); a request with one bad event is refused whole.
 */
@ApplicationScoped
class CloudEventsReader {

    static final String STRUCTURED = "application/cloudevents+json";
    static final String BATCH = "application/cloudevents-batch+json";
    /** The prefix of the event formats' media types: a format other than JSON cannot be read here. */
    private static final String FORMATS = "application/cloudevents";

    private final Json json;
    private final JsonMode formats;
    private final int maxEvents;

    CloudEventsReader(Json json, ObjectMapper mapper, GatewayConfig config) {
        this.json = json;
        this.formats = new JsonMode(mapper);
        this.maxEvents = config.ingest().maxEventsPerRequest();
    }

    /** The events of a request, and whether it carried one (answered with an object) or a batch (an array). */
    record Batch(List<CloudEvent> events, boolean single) {
    }

    /**
     * @param headers the request's headers, in order
     * @param contentType the request's Content-Type, or null
     * @throws GatewayException naming every bad attribute; 415 for an event format other than JSON
     */
    Batch read(Iterable<Map.Entry<String, String>> headers, String contentType, byte[] body) {
        String mediaType = contentType == null ? null
                : contentType.split(";", 2)[0].strip().toLowerCase(Locale.ROOT);
        if (mediaType == null || !mediaType.startsWith(FORMATS)) {
            try {
                return new Batch(List.of(BinaryMode.read(headers, contentType, body)), true);
            } catch (CloudEventRWException | IllegalArgumentException | IllegalStateException e) {
                // what the rules let through and the SDK still refuses
                throw new GatewayException(ProblemType.INVALID_EVENT, "The CloudEvents SDK cannot read the event: "
                        + String.valueOf(e.getMessage()).lines().findFirst().orElse(""));
            }
        }
        if (mediaType.equals(STRUCTURED)) {
            JsonNode root = json.parse(body);
            if (!root.isObject()) {
                throw new GatewayException(ProblemType.INVALID_EVENT, STRUCTURED + " carries one event object; send "
                        + "an array of them as " + BATCH);
            }
            return new Batch(formats.read(List.of(root)), true);
        }
        if (mediaType.equals(BATCH)) {
            JsonNode root = json.parse(body);
            if (!root.isArray()) {
                throw new GatewayException(ProblemType.INVALID_EVENT, BATCH + " carries an array of event objects; "
                        + "send one event as " + STRUCTURED);
            }
            if (root.size() > maxEvents) {
                throw new GatewayException(ProblemType.PAYLOAD_TOO_LARGE, "A request carries at most " + maxEvents
                        + " events (gateway.ingest.max-events-per-request); this one has " + root.size());
            }
            List<JsonNode> events = new ArrayList<>(root.size());
            root.forEach(events::add);
            return new Batch(formats.read(events), false);
        }
        throw new GatewayException(ProblemType.UNSUPPORTED_MEDIA_TYPE, "Content-Type " + mediaType + ": the gateway "
                + "reads CloudEvents in the JSON event format, " + STRUCTURED + " (structured mode) or " + BATCH
                + " (batch mode), or in binary mode (ce-* headers) with any other content type");
    }
}
