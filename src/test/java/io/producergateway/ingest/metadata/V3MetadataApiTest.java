package io.producergateway.ingest.metadata;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.nullValue;
import static org.junit.jupiter.api.Assertions.assertFalse;

import java.util.List;
import java.util.concurrent.TimeUnit;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import io.producergateway.testing.KafkaTestClient;
import io.producergateway.testing.SharedKafka;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;

/**
 * The REST Proxy v3 metadata reads against the real broker (broker id 1), at {@code /v3} and Confluent Cloud's
 * {@code /kafka/v3}: REST Proxy's shapes, with links that point where the request came in. Lists of topics:
 * {@link MetadataGrantsTest}.
 */
@QuarkusTest
@WithTestResource(SharedKafka.class)
class V3MetadataApiTest {

    /** The host a client reached the gateway at, through a proxy say: every link must use it. */
    private static final String HOST = "gateway.example.com:8443";
    private static final String BASE = "http://" + HOST;

    private final KafkaTestClient kafka = SharedKafka.client();
    private String cluster;

    @BeforeEach
    void clusterId() throws Exception {
        cluster = kafka.admin().describeCluster().clusterId().get(30, TimeUnit.SECONDS);
    }

    @Test
    void theClusterIsListedAndDescribedWithLinksAtTheRequestsHost() {
        for (String prefix : List.of("/v3", "/kafka/v3")) {
            String self = BASE + prefix + "/clusters/" + cluster;
            given().header("Host", HOST).get(prefix + "/clusters").then().statusCode(200)
                    .contentType("application/json")
                    .body("kind", equalTo("KafkaClusterList"))
                    .body("metadata.self", equalTo(BASE + prefix + "/clusters"))
                    .body("metadata.next", nullValue())
                    .body("data.cluster_id", equalTo(List.of(cluster)))
                    .body("data[0].metadata.self", equalTo(self));
            given().header("Host", HOST).get(prefix + "/clusters/{id}", cluster).then().statusCode(200)
                    .body("kind", equalTo("KafkaCluster"))
                    .body("metadata.self", equalTo(self))
                    .body("metadata.resource_name", equalTo("crn:///kafka=" + cluster))
                    .body("cluster_id", equalTo(cluster))
                    .body("controller.related", equalTo(self + "/brokers/1"))
                    .body("brokers.related", equalTo(self + "/brokers"))
                    .body("topics.related", equalTo(self + "/topics"))
                    .body("partition_reassignments.related", equalTo(self + "/topics/-/partitions/-/reassignment"));
        }
    }

    @Test
    void aTopicIsDescribed() {
        String topic = kafka.createTopic(KafkaTestClient.uniqueTopic("v3-topic"), 3);
        String self = BASE + "/kafka/v3/clusters/" + cluster + "/topics/" + topic;

        given().header("Host", HOST).get("/kafka/v3/clusters/{id}/topics/{t}", cluster, topic).then()
                .statusCode(200)
                .body("kind", equalTo("KafkaTopic"))
                .body("metadata.self", equalTo(self))
                .body("metadata.resource_name", equalTo("crn:///kafka=" + cluster + "/topic=" + topic))
                .body("cluster_id", equalTo(cluster)).body("topic_name", equalTo(topic))
                .body("is_internal", equalTo(false))
                .body("replication_factor", equalTo(1)).body("partitions_count", equalTo(3))
                .body("partitions.related", equalTo(self + "/partitions"))
                .body("configs.related", equalTo(self + "/configs"));
    }

    @Test
    void partitionsAreListedAndReadWithTheirLeader() {
        String topic = kafka.createTopic(KafkaTestClient.uniqueTopic("v3-partitions"), 3);
        String self = BASE + "/v3/clusters/" + cluster + "/topics/" + topic + "/partitions";

        given().header("Host", HOST).get("/v3/clusters/{id}/topics/{t}/partitions", cluster, topic).then()
                .statusCode(200)
                .body("kind", equalTo("KafkaPartitionList"))
                .body("metadata.self", equalTo(self)).body("metadata.next", nullValue())
                .body("data.partition_id", equalTo(List.of(0, 1, 2)))
                .body("data.kind", equalTo(List.of("KafkaPartition", "KafkaPartition", "KafkaPartition")))
                .body("data[1].leader.related", equalTo(self + "/1/replicas/1"));
        given().header("Host", HOST).get("/kafka/v3/clusters/{id}/topics/{t}/partitions/{p}", cluster, topic, 2)
                .then().statusCode(200)
                .body("metadata.self", equalTo(BASE + "/kafka/v3/clusters/" + cluster + "/topics/" + topic
                        + "/partitions/2"))
                .body("metadata.resource_name", equalTo("crn:///kafka=" + cluster + "/topic=" + topic
                        + "/partition=2"))
                .body("cluster_id", equalTo(cluster)).body("topic_name", equalTo(topic))
                .body("partition_id", equalTo(2))
                .body("leader.related", equalTo(BASE + "/kafka/v3/clusters/" + cluster + "/topics/" + topic
                        + "/partitions/2/replicas/1"))
                .body("replicas.related", equalTo(BASE + "/kafka/v3/clusters/" + cluster + "/topics/" + topic
                        + "/partitions/2/replicas"));
    }

    @Test
    void unknownClustersTopicsAndPartitionsAre404ProblemsAndNothingIsCreated() {
        String missing = KafkaTestClient.uniqueTopic("v3-missing");
        String topic = kafka.createTopic(KafkaTestClient.uniqueTopic("v3-few"), 1);

        for (String prefix : List.of("/v3", "/kafka/v3")) {
            given().get(prefix + "/clusters/{id}", "not-" + cluster).then().statusCode(404)
                    .body("type", equalTo(type("unknown-cluster")));
            given().get(prefix + "/clusters/{id}/topics", "not-" + cluster).then().statusCode(404)
                    .body("type", equalTo(type("unknown-cluster")));
            given().get(prefix + "/clusters/{id}/topics/{t}", "not-" + cluster, topic).then().statusCode(404)
                    .body("type", equalTo(type("unknown-cluster")));
            given().get(prefix + "/clusters/{id}/topics/{t}", cluster, missing).then().statusCode(404)
                    .body("type", equalTo(type("unknown-topic")));
            given().get(prefix + "/clusters/{id}/topics/{t}/partitions", cluster, missing).then().statusCode(404)
                    .body("type", equalTo(type("unknown-topic")));
            given().get(prefix + "/clusters/{id}/topics/{t}/partitions/{p}", cluster, topic, 1).then()
                    .statusCode(404).body("type", equalTo(type("unknown-partition")));
        }

        assertFalse(kafka.topicExists(missing), "reading a missing topic created it");
    }

    private static String type(String slug) {
        return "urn:producer-gateway:problem:" + slug;
    }
}
