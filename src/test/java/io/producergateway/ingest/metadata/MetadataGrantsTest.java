package io.producergateway.ingest.metadata;

import static io.producergateway.security.SecuredGateway.ALPHA_KEY;
import static io.producergateway.security.SecuredGateway.BETA_KEY;
import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasItem;
import static org.hamcrest.Matchers.nullValue;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.util.List;
import java.util.concurrent.TimeUnit;

import org.awaitility.Awaitility;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import io.producergateway.security.SecuredGateway;
import io.producergateway.testing.KafkaTestClient;
import io.producergateway.testing.SharedKafka;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.TestProfile;
import io.restassured.path.json.JsonPath;
import io.restassured.specification.RequestSpecification;

/**
 * With authentication on, every list shows a caller only the topics it may produce to, never an internal one even
 * when granted; reading another's topic is 403 and reading without credentials 401.
 */
@QuarkusTest
@TestProfile(SecuredGateway.class)
@WithTestResource(SharedKafka.class)
class MetadataGrantsTest {

    private static final Duration WAIT = Duration.ofSeconds(30);

    private final KafkaTestClient kafka = SharedKafka.client();
    private String cluster;

    @BeforeEach
    void clusterId() throws Exception {
        cluster = kafka.admin().describeCluster().clusterId().get(30, TimeUnit.SECONDS);
    }

    @Test
    void everyListShowsOnlyTheCallersTopics() {
        String alpha = kafka.createTopic(KafkaTestClient.uniqueTopic("meta-alpha"), 2);
        String beta = kafka.createTopic(KafkaTestClient.uniqueTopic("meta-beta"), 1);
        String internal = kafka.createTopic(KafkaTestClient.uniqueTopic("__meta-alpha"), 1);

        Awaitility.await().atMost(WAIT).untilAsserted(() -> {
            as(ALPHA_KEY).get("/topics").then().statusCode(200).body("$", hasItem(alpha));
            as(BETA_KEY).get("/topics").then().statusCode(200).body("$", hasItem(beta));
        });
        List<String> alphas = as(ALPHA_KEY).get("/topics").then().extract().jsonPath().getList("$", String.class);
        assertTrue(alphas.stream().allMatch(t -> t.startsWith("meta-alpha-")), "alpha sees only its own: " + alphas);
        assertEquals(alphas.stream().sorted().toList(), alphas, "sorted");
        assertFalse(alphas.contains(internal), "no internal topic, even granted");
        List<String> betas = as(BETA_KEY).get("/topics").then().extract().jsonPath().getList("$", String.class);
        assertTrue(betas.stream().allMatch(t -> t.startsWith("meta-beta-")), "beta sees only its own: " + betas);

        for (String prefix : List.of("/v3", "/kafka/v3")) {
            JsonPath topics = as(ALPHA_KEY).header("Host", "gateway.example.com")
                    .get(prefix + "/clusters/{id}/topics", cluster).then().statusCode(200)
                    .body("kind", equalTo("KafkaTopicList"))
                    .body("metadata.self", equalTo("http://gateway.example.com" + prefix + "/clusters/" + cluster
                            + "/topics"))
                    .body("metadata.next", nullValue())
                    .extract().jsonPath();
            List<String> names = topics.getList("data.topic_name", String.class);
            assertTrue(names.contains(alpha) && !names.contains(beta) && !names.contains(internal), prefix + ": "
                    + names);
            assertTrue(names.stream().allMatch(t -> t.startsWith("meta-alpha-")), prefix + ": " + names);
            int index = names.indexOf(alpha);
            assertEquals(2, topics.getInt("data[" + index + "].partitions_count"));
            assertEquals(1, topics.getInt("data[" + index + "].replication_factor"));
            assertEquals("http://gateway.example.com" + prefix + "/clusters/" + cluster + "/topics/" + alpha,
                    topics.getString("data[" + index + "].metadata.self"));
        }
        // The cluster itself is no one's secret.
        as(BETA_KEY).get("/v3/clusters").then().statusCode(200).body("data.cluster_id", equalTo(List.of(cluster)));
    }

    @Test
    void anotherCallersTopicIs403AndNoCredentialsIs401() {
        String beta = kafka.createTopic(KafkaTestClient.uniqueTopic("meta-beta"), 1);

        for (String path : List.of("/topics/" + beta, "/topics/" + beta + "/partitions",
                "/topics/" + beta + "/partitions/0", "/v3/clusters/" + cluster + "/topics/" + beta,
                "/kafka/v3/clusters/" + cluster + "/topics/" + beta + "/partitions",
                "/v3/clusters/" + cluster + "/topics/" + beta + "/partitions/0")) {
            as(ALPHA_KEY).get(path).then().statusCode(403)
                    .body("type", equalTo("urn:producer-gateway:problem:forbidden"));
        }
        as(BETA_KEY).get("/topics/{t}", beta).then().statusCode(200).body("name", equalTo(beta));
        for (String path : List.of("/topics", "/topics/" + beta, "/v3/clusters", "/kafka/v3/clusters",
                "/v3/clusters/" + cluster + "/topics")) {
            given().get(path).then().statusCode(401)
                    .body("type", equalTo("urn:producer-gateway:problem:unauthorized"));
        }
    }

    private static RequestSpecification as(String key) {
        return given().header("X-API-Key", key);
    }
}
