package io.producergateway.ingest;

import jakarta.ws.rs.core.Application;

import org.eclipse.microprofile.openapi.annotations.OpenAPIDefinition;
import org.eclipse.microprofile.openapi.annotations.enums.SecuritySchemeIn;
import org.eclipse.microprofile.openapi.annotations.enums.SecuritySchemeType;
import org.eclipse.microprofile.openapi.annotations.info.Info;
import org.eclipse.microprofile.openapi.annotations.security.SecurityScheme;
import org.eclipse.microprofile.openapi.annotations.security.SecuritySchemes;

/**
 * The produce API as the OpenAPI document introduces it, with the two ways a caller authenticates: each operation
 * requires one of them ({@link #API_KEY} or {@link #BEARER}), so that generated clients send credentials.
 */
@OpenAPIDefinition(info = @Info(title = "producer-gateway", version = "0.1.0", description = "Produces events to "
        + "Apache Kafka: our own events API, the Confluent REST Proxy v2 and v3 produce APIs (v3 also at Confluent "
        + "Cloud's /kafka/v3, and streamed), and NDJSON streams (not in this document). Every error is "
        + "application/problem+json (RFC 9457), but for REST Proxy v3's reports of records that failed."))
@SecuritySchemes({
        @SecurityScheme(securitySchemeName = ProducerGatewayApi.API_KEY, type = SecuritySchemeType.APIKEY,
                in = SecuritySchemeIn.HEADER, apiKeyName = "X-API-Key", description = "An API key of "
                        + "gateway.auth.api-keys; it may also be sent as Authorization: Bearer <key>."),
        @SecurityScheme(securitySchemeName = ProducerGatewayApi.BEARER, type = SecuritySchemeType.HTTP,
                scheme = "bearer", bearerFormat = "JWT", description = "A JWT verified with mp.jwt.verify.* "
                        + "(issuer, audience, signature); its principal is gateway.auth.jwt.principal-claim.") })
public class ProducerGatewayApi extends Application {

    public static final String API_KEY = "apiKey";
    public static final String BEARER = "bearer";
}
