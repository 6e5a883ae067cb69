package io.producergateway.testing;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.inject.Produces;
import jakarta.inject.Singleton;

import io.opentelemetry.sdk.testing.exporter.InMemorySpanExporter;

/**
 * Keeps every span the gateway exports, for the tests to read (Quarkus' OpenTelemetry guide's way). It only fills
 * where tracing is on ({@link TracingOn}): elsewhere the SDK is disabled and nothing is exported.
 */
@ApplicationScoped
public class InMemorySpans {

    @Produces
    @Singleton
    InMemorySpanExporter exporter() {
        return InMemorySpanExporter.create();
    }
}
