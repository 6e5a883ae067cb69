package io.producergateway.schema;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasItem;
import static org.hamcrest.Matchers.not;

import java.time.Duration;

import org.awaitility.Awaitility;
import org.junit.jupiter.api.Test;

import io.producergateway.testing.IsolatedSchemaRegistry;
import io.producergateway.testing.SchemaRegistryServer;
import io.producergateway.testing.SharedKafka;
import io.quarkus.test.common.TestResourceScope;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;

/**
 * The schema-registry health group follows the registry, over HTTP, while readiness and liveness stay UP: a registry
 * outage must not take the gateway's pods out of service.
 */
@QuarkusTest
@WithTestResource(SharedKafka.class)
@WithTestResource(value = IsolatedSchemaRegistry.class, scope = TestResourceScope.RESTRICTED_TO_CLASS)
class SchemaRegistryHealthTest {

    private static final String GROUP = "/q/health/group/schema-registry";

    @Test
    void theGroupIsDownWhileTheRegistryIsAwayAndReadinessStaysUp() {
        SchemaRegistryServer registry = IsolatedSchemaRegistry.server();
        given().get(GROUP).then().statusCode(200).body("status", equalTo("UP"))
                .body("checks[0].name", equalTo("schema-registry"))
                .body("checks[0].data.url", equalTo(registry.confluentUrl()));

        registry.stop();
        try {
            given().get(GROUP).then().statusCode(503).body("status", equalTo("DOWN"))
                    .body("checks[0].data.url", equalTo(registry.confluentUrl()))
                    .body("checks[0].data.reason", equalTo("The schema registry could not be reached"));
            given().get("/q/health/ready").then().statusCode(200).body("status", equalTo("UP"))
                    .body("checks.name", not(hasItem("schema-registry")));
            given().get("/q/health/live").then().statusCode(200).body("status", equalTo("UP"));
        } finally {
            registry.start();
        }
        Awaitility.await().atMost(Duration.ofSeconds(10)).pollInterval(Duration.ofMillis(300))
                .until(() -> given().get(GROUP).statusCode() == 200);
    }
}
