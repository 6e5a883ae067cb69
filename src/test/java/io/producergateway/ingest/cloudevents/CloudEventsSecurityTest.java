package io.producergateway.ingest.cloudevents;

import static io.producergateway.security.SecuredGateway.CE_METERED_KEY;
import static io.producergateway.security.SecuredGateway.CE_PRODUCER_KEY;
import static io.producergateway.ingest.cloudevents.CloudEventsClient.batch;
import static io.producergateway.ingest.cloudevents.CloudEventsClient.binary;
import static io.producergateway.ingest.cloudevents.CloudEventsClient.event;
import static io.producergateway.ingest.cloudevents.CloudEventsClient.post;
import static io.producergateway.ingest.cloudevents.CloudEventsClient.structured;
import static io.producergateway.ingest.cloudevents.CloudEventsClient.utf8;
import static io.producergateway.testing.Records.header;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.startsWith;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;

import java.time.Duration;
import java.util.List;
import java.util.function.Supplier;

import org.awaitility.Awaitility;
import org.junit.jupiter.api.Test;

import io.producergateway.security.SecuredGateway;
import io.producergateway.testing.KafkaTestClient;
import io.producergateway.testing.SharedKafka;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.TestProfile;
import io.restassured.specification.RequestSpecification;

/** The CloudEvents endpoint behind the gateway's security, in every mode: 401, 403, the quota per event. */
@QuarkusTest
@TestProfile(SecuredGateway.class)
@WithTestResource(SharedKafka.class)
class CloudEventsSecurityTest {


    private final KafkaTestClient kafka = SharedKafka.client();

    @Test
    void withoutCredentialsOrGrantNothingIsWrittenInAnyMode() {
        String topic = kafka.createTopic(KafkaTestClient.uniqueTopic("ce-secured"), 1);
        String ungranted = kafka.createTopic(KafkaTestClient.uniqueTopic("other"), 1);
        List<Supplier<RequestSpecification>> modes = List.of(
                () -> binary(event("b"), "text/plain", utf8("data")),
                () -> structured(event("s")),
                () -> batch(List.of(event("a"))));

        for (Supplier<RequestSpecification> mode : modes) {
            post(mode.get(), topic).then().statusCode(401)
                    .header("WWW-Authenticate", startsWith("Bearer realm=\"producer-gateway\""))
                    .body("type", equalTo("urn:producer-gateway:problem:unauthorized"));
            post(mode.get().header("X-API-Key", "k-unknown"), topic).then().statusCode(401);
            post(mode.get().header("X-API-Key", CE_PRODUCER_KEY), ungranted).then().statusCode(403)
                    .body("type", equalTo("urn:producer-gateway:problem:forbidden"));
        }

        assertEquals(0, kafka.readAll(topic).size());
        assertEquals(0, kafka.readAll(ungranted).size());
        for (Supplier<RequestSpecification> mode : modes) {
            post(mode.get().header("Authorization", "Bearer " + CE_PRODUCER_KEY), topic).then().statusCode(200);
        }
        assertEquals(List.of("a", "b", "s"), kafka.readAll(topic).stream().map(r -> header(r, "ce_id")).sorted()
                .toList());
    }

    @Test
    void theQuotaIsChargedPerEventAndABatchOverItIsRefusedWhole() {
        String topic = kafka.createTopic(KafkaTestClient.uniqueTopic("ce-metered"), 1);
        // One event a second: three events pass on the full bucket and overdraw it by two seconds' worth.
        Awaitility.await().atMost(Duration.ofSeconds(10)).until(() -> post(batch(List.of(event("q-1"), event("q-2"),
                event("q-3"))).header("X-API-Key", CE_METERED_KEY), topic).statusCode() == 200);

        post(structured(event("refused")).header("X-API-Key", CE_METERED_KEY), topic).then().statusCode(429)
                .body("type", equalTo("urn:producer-gateway:problem:quota-exceeded"))
                .header("RateLimit-Policy", startsWith("\"events\";q=1;w=1"));

        List<String> ids = kafka.readAll(topic).stream().map(r -> header(r, "ce_id")).toList();
        assertEquals(List.of("q-1", "q-2", "q-3"), ids.subList(ids.size() - 3, ids.size()));
        assertFalse(ids.contains("refused"), ids.toString());
    }
}
