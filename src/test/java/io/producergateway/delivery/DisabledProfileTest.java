package io.producergateway.delivery;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;

import java.util.Map;

import org.junit.jupiter.api.Test;

import io.producergateway.testing.KafkaTestClient;
import io.producergateway.testing.SharedKafka;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.QuarkusTestProfile;
import io.quarkus.test.junit.TestProfile;

/** An operator who allows only durable delivery gets requests for less refused. */
@QuarkusTest
@TestProfile(DisabledProfileTest.DurableOnly.class)
@WithTestResource(SharedKafka.class)
class DisabledProfileTest {

    public static class DurableOnly implements QuarkusTestProfile {
        @Override
        public Map<String, String> getConfigOverrides() {
            return Map.of("gateway.delivery.profiles", "durable");
        }
    }

    @Test
    void aDisabledProfileIs422() {
        String topic = SharedKafka.client().createTopic(KafkaTestClient.uniqueTopic("durable-only"), 1);
        given().contentType("application/json").header("X-Delivery", "fire-and-forget").body("{\"value\":1}")
                .post("/v1/topics/{topic}/events", topic)
                .then().statusCode(422).body("type", equalTo("urn:producer-gateway:problem:invalid-field"),
                        "detail", containsString("disabled"));
        given().contentType("application/json").body("{\"value\":1}")
                .post("/v1/topics/{topic}/events", topic).then().statusCode(200);
    }
}
