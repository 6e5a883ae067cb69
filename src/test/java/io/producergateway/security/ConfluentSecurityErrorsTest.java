package io.producergateway.security;

import static io.producergateway.security.SecuredGateway.METERED_KEY;
import static io.producergateway.security.SecuredGateway.ORDERS_KEY;
import static io.producergateway.testing.ConfluentAnswers.confluent;
import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.notNullValue;
import static org.hamcrest.Matchers.startsWith;
import static org.junit.jupiter.api.Assertions.assertEquals;

import java.time.Duration;

import org.awaitility.Awaitility;
import org.junit.jupiter.api.Test;

import io.producergateway.ingest.MediaTypes;
import io.producergateway.problem.Problem;
import io.producergateway.testing.KafkaTestClient;
import io.producergateway.testing.SharedKafka;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.TestProfile;
import io.restassured.response.Response;
import io.restassured.specification.RequestSpecification;

/**
 * The refusals of Quarkus Security and of our security routes (401, 403, 429) reach a REST Proxy client as REST Proxy
 * answers them. The credentials of {@link AuthenticationTest}.
 */
@QuarkusTest
@TestProfile(SecuredGateway.class)
@WithTestResource(SharedKafka.class)
class ConfluentSecurityErrorsTest {

    private static final String RECORD = "{\"records\":[{\"value\":1}]}";

    private final KafkaTestClient kafka = SharedKafka.client();

    @Test
    void withoutValidCredentialsAV2ClientGets401WithCode401() {
        String topic = kafka.createTopic(KafkaTestClient.uniqueTopic("orders"), 1);

        confluent(given().accept(MediaTypes.V2).contentType(MediaTypes.JSON_V2).body(RECORD)
                .post("/topics/{topic}", topic).then(), 401, "unauthorized", 401, MediaTypes.V2)
                .header("WWW-Authenticate", "Bearer realm=\"producer-gateway\"");
        // An unknown key fails in Quarkus Security's mechanism, answered by AuthenticationFailures.
        confluent(given().accept(MediaTypes.V2).header("X-API-Key", "wrong").contentType(MediaTypes.JSON_V2)
                .body(RECORD).post("/topics/{topic}", topic).then(), 401, "unauthorized", 401, MediaTypes.V2)
                .header("WWW-Authenticate", startsWith("Bearer realm=\"producer-gateway\", error="));
        confluent(given().contentType(MediaTypes.JSON_V2).body(RECORD).post("/topics/{topic}", topic).then(),
                401, "unauthorized", 401, Problem.MEDIA_TYPE);
        confluent(given().accept("application/json").contentType("application/json").body("{\"value\":1}")
                .post("/v3/clusters/any/topics/{topic}/records", topic).then(), 401, "unauthorized", 401,
                "application/json");
        assertEquals(0, kafka.readAll(topic).size());
    }

    @Test
    void aTopicTheCallerIsNotGrantedIs403WithKafkasAuthorizationCode() {
        String audit = kafka.createTopic(KafkaTestClient.uniqueTopic("audit"), 1);

        confluent(given().accept(MediaTypes.V2).header("X-API-Key", ORDERS_KEY).contentType(MediaTypes.JSON_V2)
                .body(RECORD).post("/topics/{topic}", audit).then(), 403, "forbidden", 40301, MediaTypes.V2);
        confluent(given().accept("application/json").header("X-API-Key", ORDERS_KEY).contentType("application/json")
                .body("{\"value\":1}").post("/kafka/v3/clusters/any/topics/{topic}/records", audit).then(),
                403, "forbidden", 40301, "application/json");
        assertEquals(0, kafka.readAll(audit).size());
    }

    @Test
    void aPrincipalOverItsQuotaIs429WithRetryAfter() {
        String topic = kafka.createTopic(KafkaTestClient.uniqueTopic("metered"), 1);
        // One event a second: two records overdraw the bucket, so the next request of that second is refused.
        String two = "{\"records\":[{\"value\":1},{\"value\":2}]}";
        Awaitility.await().atMost(Duration.ofSeconds(10)).until(() -> metered().body(two)
                .post("/topics/{topic}", topic).statusCode() == 200);

        Response refused = metered().body(RECORD).post("/topics/{topic}", topic);
        confluent(refused.then(), 429, "quota-exceeded", 429, MediaTypes.V2)
                .header("Retry-After", notNullValue()).header("RateLimit-Policy", startsWith("\"events\";q=1"));
        assertEquals(2, kafka.readAll(topic).size(), "the refused request wrote nothing");
    }

    private static RequestSpecification metered() {
        return given().accept(MediaTypes.V2).header("X-API-Key", METERED_KEY).contentType(MediaTypes.JSON_V2);
    }
}
