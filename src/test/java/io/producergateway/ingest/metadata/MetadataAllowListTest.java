package io.producergateway.ingest.metadata;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasItem;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

import org.awaitility.Awaitility;
import org.junit.jupiter.api.Test;

import io.producergateway.testing.KafkaTestClient;
import io.producergateway.testing.SharedKafka;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.QuarkusTestProfile;
import io.quarkus.test.junit.TestProfile;
import io.restassured.response.Response;

/** A topic outside {@code gateway.topics.allowed} is neither listed nor readable, as if it did not exist. */
@QuarkusTest
@TestProfile(MetadataAllowListTest.OnlyOpenTopics.class)
@WithTestResource(SharedKafka.class)
class MetadataAllowListTest {

    private static final Duration WAIT = Duration.ofSeconds(30);

    public static class OnlyOpenTopics implements QuarkusTestProfile {
        @Override
        public Map<String, String> getConfigOverrides() {
            return Map.of("gateway.topics.allowed", "meta-open-.*", "gateway.topics.metadata-max-age", "1s");
        }
    }

    private final KafkaTestClient kafka = SharedKafka.client();

    @Test
    void aTopicOutsideTheAllowListIsNeitherListedNorReadable() throws Exception {
        String open = kafka.createTopic(KafkaTestClient.uniqueTopic("meta-open"), 1);
        String closed = kafka.createTopic(KafkaTestClient.uniqueTopic("meta-closed"), 1);
        String cluster = kafka.admin().describeCluster().clusterId().get(30, TimeUnit.SECONDS);

        // Every answer on the way is a 200, the first ones included: the cluster's metadata is then still being
        // fetched, and the caller's grants are checked once it has come (on a Kafka thread, not the request's).
        Awaitility.await().atMost(WAIT).untilAsserted(() -> {
            Response listed = given().get("/topics");
            if (listed.statusCode() != 200) {
                throw new IllegalStateException("GET /topics answered " + listed.statusCode() + ": "
                        + listed.asString());
            }
            listed.then().body("$", hasItem(open));
        });
        List<String> v2 = given().get("/topics").then().extract().jsonPath().getList("$", String.class);
        assertTrue(v2.stream().allMatch(t -> t.startsWith("meta-open-")), "only allowed topics: " + v2);
        List<String> v3 = given().get("/v3/clusters/{id}/topics", cluster).then().statusCode(200).extract()
                .jsonPath().getList("data.topic_name", String.class);
        assertTrue(v3.contains(open), "listed: " + v3);
        assertFalse(v3.contains(closed), "not listed: " + v3);

        for (String path : List.of("/topics/" + closed, "/topics/" + closed + "/partitions",
                "/topics/" + closed + "/partitions/0", "/v3/clusters/" + cluster + "/topics/" + closed,
                "/kafka/v3/clusters/" + cluster + "/topics/" + closed + "/partitions/0")) {
            given().get(path).then().statusCode(404)
                    .body("type", equalTo("urn:producer-gateway:problem:unknown-topic"));
        }
        given().get("/topics/{t}", open).then().statusCode(200).body("name", equalTo(open));
    }
}
