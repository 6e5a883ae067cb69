package io.producergateway.security;

import static io.restassured.RestAssured.given;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;

import io.producergateway.testing.KafkaBroker;
import io.producergateway.testing.KafkaTestClient;
import io.quarkus.test.common.QuarkusTestResourceLifecycleManager;
import io.quarkus.test.common.TestResourceScope;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.QuarkusTestProfile;
import io.quarkus.test.junit.TestProfile;

/**
 * The gateway authenticates to Kafka with SASL/SCRAM through configuration only, against a real broker whose only
 * listener for it requires SCRAM; the password never shows in the logs.
 */
@QuarkusTest
@TestProfile(SaslScramTest.LogToFile.class)
@WithTestResource(value = SaslScramTest.ScramBroker.class, scope = TestResourceScope.RESTRICTED_TO_CLASS)
class SaslScramTest {

    static final String PASSWORD = "s3cr3t-scram-Pa55";
    static final Path LOG = Path.of("target", "sasl-scram-test.log");

    /** A broker with a SASL_PLAINTEXT listener (SCRAM-SHA-512, user "gateway") next to its plain one for the test. */
    public static class ScramBroker implements QuarkusTestResourceLifecycleManager {
        static KafkaBroker broker;
        static int saslPort;

        @Override
        public Map<String, String> start() {
            saslPort = KafkaBroker.freeLoopbackPort();
            broker = KafkaBroker.start("scram", port -> String.join("\n",
                    "listeners=PLAINTEXT://127.0.0.1:" + port + ",SASL_PLAINTEXT://127.0.0.1:" + saslPort
                            + ",CONTROLLER://127.0.0.1:@CONTROLLER_PORT@",
                    "advertised.listeners=PLAINTEXT://127.0.0.1:" + port + ",SASL_PLAINTEXT://127.0.0.1:" + saslPort,
                    "listener.security.protocol.map=PLAINTEXT:PLAINTEXT,CONTROLLER:PLAINTEXT,SASL_PLAINTEXT:SASL_PLAINTEXT",
                    "sasl.enabled.mechanisms=SCRAM-SHA-512",
                    "listener.name.sasl_plaintext.scram-sha-512.sasl.jaas.config="
                            + "org.apache.kafka.common.security.scram.ScramLoginModule required;"),
                    List.of("--add-scram", "SCRAM-SHA-512=[name=gateway,password=" + PASSWORD + "]"));
            return Map.of(
                    "kafka.bootstrap.servers", "127.0.0.1:" + saslPort,
                    "kafka.security.protocol", "SASL_PLAINTEXT",
                    "kafka.sasl.mechanism", "SCRAM-SHA-512",
                    "kafka.sasl.jaas.config", "org.apache.kafka.common.security.scram.ScramLoginModule required "
                            + "username=\"gateway\" password=\"" + PASSWORD + "\";");
        }

        @Override
        public void stop() {
            if (broker != null) {
                broker.close();
            }
        }
    }

    public static class LogToFile implements QuarkusTestProfile {
        @Override
        public Map<String, String> getConfigOverrides() {
            // Kafka's client configuration dumps are switched on, so that the test sees what an operator would.
            return Map.of("quarkus.log.file.enabled", "true", "quarkus.log.file.path", LOG.toString(),
                    "quarkus.log.category.\"org.apache.kafka.clients.producer.ProducerConfig\".level", "INFO",
                    "quarkus.log.category.\"org.apache.kafka.clients.admin.AdminClientConfig\".level", "INFO",
                    "quarkus.log.category.\"org.apache.kafka.common.config.AbstractConfig\".level", "INFO");
        }
    }

    @Test
    void producesThroughTheScramListenerAndNeverLogsThePassword() throws Exception {
        try (KafkaTestClient plain = new KafkaTestClient(ScramBroker.broker.bootstrapServers())) {
            producesThroughScram(plain);
        }
    }

    private void producesThroughScram(KafkaTestClient plain) throws Exception {
        String topic = plain.createTopic(KafkaTestClient.uniqueTopic("scram"), 1);

        given().contentType("application/json").body("{\"key\":\"k\",\"value\":\"over SCRAM\"}")
                .post("/v1/topics/{topic}/events", topic).then().statusCode(200);
        given().get("/q/health/ready").then().statusCode(200);

        assertEquals(1, plain.readAll(topic).size());
        String log = Files.readString(LOG);
        assertTrue(log.contains("sasl.mechanism = SCRAM-SHA-512"), "the producer configuration was logged");
        assertTrue(log.contains("sasl.jaas.config = [hidden]"), "and its JAAS configuration masked");
        assertFalse(log.contains(PASSWORD), "the password never appears in the logs");
    }
}
