package io.producergateway.floor;

import java.nio.charset.StandardCharsets;
import java.util.Arrays;

import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;

import org.apache.kafka.clients.producer.RecordMetadata;
import org.eclipse.microprofile.reactive.messaging.Channel;
import org.eclipse.microprofile.reactive.messaging.Message;
import org.eclipse.microprofile.reactive.messaging.Metadata;
import org.eclipse.microprofile.reactive.messaging.OnOverflow;

import io.smallrye.mutiny.Uni;
import io.smallrye.reactive.messaging.MutinyEmitter;
import io.smallrye.reactive.messaging.OutgoingMessageMetadata;
import io.smallrye.reactive.messaging.kafka.api.OutgoingKafkaRecordMetadata;

/**
 * The bench's sync-single request, {@code {"value":"<letters>"}}, done with the least work: the value's JSON text is
 * the bytes between the first colon and the last brace (what the bench sends, not a JSON parser), sent to the topic
 * of the path through the channel as the gateway sends it (a message with the record's metadata and an
 * acknowledgement), answered 200 with the partition and offset once Kafka acknowledged it. No validation, no security,
 * no meters of its own, no error body: it measures the stack, not a gateway.
 */
@Path("/v1/topics/{topic}/events")
public class FloorEvents {

    private final MutinyEmitter<byte[]> events;

    FloorEvents(@Channel("events-out") @OnOverflow(value = OnOverflow.Strategy.BUFFER, bufferSize = 4096)
            MutinyEmitter<byte[]> events) {
        this.events = events;
    }

    @POST
    @Consumes(MediaType.APPLICATION_JSON)
    @Produces(MediaType.APPLICATION_JSON)
    public Uni<Response> produce(@PathParam("topic") String topic, byte[] body) {
        int start = 0;
        while (start < body.length && body[start] != ':') {
            start++;
        }
        int end = body.length - 1;
        while (end > start && body[end] != '}') {
            end--;
        }
        if (end <= start) {
            return Uni.createFrom().item(Response.status(Response.Status.BAD_REQUEST).build());
        }
        OutgoingMessageMetadata<RecordMetadata> acknowledgement = new OutgoingMessageMetadata<>();
        Message<byte[]> message = Message.of(Arrays.copyOfRange(body, start + 1, end), Metadata.of(
                OutgoingKafkaRecordMetadata.<byte[]> builder().withTopic(topic).build(), acknowledgement));
        return events.sendMessage(message).map(ignored -> {
            RecordMetadata written = acknowledgement.getResult();
            return Response.ok(("{\"topic\":\"" + topic + "\",\"partition\":" + written.partition() + ",\"offset\":"
                    + written.offset() + "}").getBytes(StandardCharsets.UTF_8)).build();
        });
    }
}
