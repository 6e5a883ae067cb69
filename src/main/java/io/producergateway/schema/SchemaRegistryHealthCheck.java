package io.producergateway.schema;

import java.time.Duration;

import org.eclipse.microprofile.health.HealthCheckResponse;

import io.producergateway.config.GatewayConfig;
import io.producergateway.event.GatewayException;
import io.smallrye.health.api.AsyncHealthCheck;
import io.smallrye.health.api.HealthGroup;
import io.smallrye.mutiny.Uni;

/**
 * Whether the schema registry answers, at {@code /q/health/group/schema-registry}: for dashboards and alerts, never
 * part of readiness or liveness, so that a registry outage does not take the gateway's pods out of service (what
 * does not need the registry keeps working). Bounded by gateway.schema-registry.timeout.
 */
@HealthGroup(SchemaRegistryHealthCheck.NAME)
class SchemaRegistryHealthCheck implements AsyncHealthCheck {

    static final String NAME = "schema-registry";

    private final Schemas schemas;
    private final Duration timeout;

    SchemaRegistryHealthCheck(Schemas schemas, GatewayConfig config) {
        this.schemas = schemas;
        this.timeout = config.schemaRegistry().timeout();
    }

    @Override
    public Uni<HealthCheckResponse> call() {
        return schemas.client().map(client -> client.ping()
                .map(ok -> HealthCheckResponse.named(NAME).up().withData("url", client.url().toString()).build())
                .onFailure().recoverWithItem(failure -> HealthCheckResponse.named(NAME).down()
                        .withData("url", client.url().toString())
                        .withData("reason", failure instanceof GatewayException ? failure.getMessage()
                                : "no answer within " + timeout.toMillis() + " ms")
                        .build()))
                .orElseGet(() -> Uni.createFrom().item(HealthCheckResponse.named(NAME).up()
                        .withData("configured", false).build()));
    }
}
