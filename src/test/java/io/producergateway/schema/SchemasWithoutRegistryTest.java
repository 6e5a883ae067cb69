package io.producergateway.schema;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.equalTo;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.util.List;

import jakarta.inject.Inject;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.function.Executable;

import io.producergateway.event.GatewayException;
import io.producergateway.event.ProblemType;
import io.producergateway.testing.SharedKafka;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;

/**
 * The service as it runs by default, with no gateway.schema-registry.url: every schema operation is refused
 * schema-not-supported, saying what to set, and the health group says the registry is not configured.
 */
@QuarkusTest
@WithTestResource(SharedKafka.class)
class SchemasWithoutRegistryTest {

    private static final Duration WAIT = Duration.ofSeconds(5);
    private static final ResolvedSchema SCHEMA = new ResolvedSchema(1, TextSchema.parse(SchemaType.AVRO, "{}"));

    @Inject
    Schemas schemas;

    @Test
    void everySchemaOperationIsRefusedSayingWhatToSet() {
        assertFalse(schemas.enabled());
        assertFalse(schemas.governed("orders"));
        List<Executable> operations = List.of(
                () -> schemas.byId(1).await().atMost(WAIT),
                () -> schemas.latest("orders-value").await().atMost(WAIT),
                () -> schemas.version("orders-value", 1).await().atMost(WAIT),
                () -> schemas.register("orders-value", SchemaType.AVRO, "{}").await().atMost(WAIT),
                () -> schemas.governing("orders", false).await().atMost(WAIT),
                () -> schemas.subject("orders", false, SCHEMA.schema()),
                () -> schemas.serialize(SCHEMA, null));
        for (Executable operation : operations) {
            GatewayException refused = assertThrows(GatewayException.class, operation);
            assertEquals(ProblemType.SCHEMA_NOT_SUPPORTED, refused.type());
            assertTrue(refused.getMessage().contains("gateway.schema-registry.url"), refused.getMessage());
        }
    }

    @Test
    void theHealthGroupSaysTheRegistryIsNotConfigured() {
        given().get("/q/health/group/schema-registry").then().statusCode(200).body("status", equalTo("UP"))
                .body("checks[0].name", equalTo("schema-registry"))
                .body("checks[0].data.configured", equalTo(false));
    }
}
