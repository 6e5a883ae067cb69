package io.producergateway.ingest;

import jakarta.ws.rs.core.Application;

import org.eclipse.microprofile.openapi.annotations.OpenAPIDefinition;
import org.eclipse.microprofile.openapi.annotations.enums.SecuritySchemeIn;
import org.eclipse.microprofile.openapi.annotations.enums.SecuritySchemeType;
import org.eclipse.microprofile.openapi.annotations.info.Info;
import org.eclipse.microprofile.openapi.annotations.info.License;
import org.eclipse.microprofile.openapi.annotations.security.SecurityRequirement;
import org.eclipse.microprofile.openapi.annotations.security.SecurityScheme;
import org.eclipse.microprofile.openapi.annotations.security.SecuritySchemes;
import org.eclipse.microprofile.openapi.annotations.servers.Server;

/**
 * The produce API as the OpenAPI document introduces it, with the two ways a caller authenticates: each operation
 * requires one of them ({@link #API_KEY} or {@link #BEARER}), and so does the document as a whole (an operation added
 * without its own requirement is still described truthfully), so that generated clients send credentials and the API
 * explorer's "Authorize" offers both. The server is "/", the host that served the document, so that the explorer and
 * generated clients call the gateway they read it from ({@code quarkus.smallrye-openapi.servers} names others).
 */
@OpenAPIDefinition(info = @Info(title = "producer-gateway", version = "0.1.0", description = "Produces events to "
        + "Apache Kafka: our own events API, CloudEvents over HTTP (written per the CloudEvents Kafka binding), the "
        + "Confluent REST Proxy v2 and v3 produce APIs (v3 also at Confluent "
        + "Cloud's /kafka/v3, and streamed), REST Proxy's metadata reads, and NDJSON streams (not in this document). "
        + "Every error is application/problem+json (RFC 9457), with Confluent's error_code and message on the REST "
        + "Proxy paths; REST Proxy v3 answers a record that failed with its error report.",
        license = @License(name = "Apache-2.0", url = "https://www.apache.org/licenses/LICENSE-2.0")),
        servers = @Server(url = "/", description = "The gateway that serves this document"),
        // every path of the document is behind TopicAccessRoute; an operation's own requirement says the same
        security = { @SecurityRequirement(name = ProducerGatewayApi.API_KEY),
                @SecurityRequirement(name = ProducerGatewayApi.BEARER) })
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
