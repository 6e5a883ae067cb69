package io.producergateway.schema;

import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Base64;
import java.util.Optional;

import javax.net.ssl.SSLContext;

import io.producergateway.config.GatewayConfig;
import io.quarkus.tls.TlsConfiguration;
import io.quarkus.tls.TlsConfigurationRegistry;

/**
 * How the registry is reached, from gateway.schema-registry.*: its base URL, the Authorization header (basic or
 * bearer), the TLS context of an https URL, the bound on every call and the Retry-After of a 503. Its
 * {@code toString} leaves the credentials out.
 */
record RegistrySettings(URI url, Optional<String> authorization, Optional<SSLContext> ssl, Duration timeout,
        int retryAfterSeconds) {

    /** Empty when no registry is configured; the configuration has been checked at startup. */
    static Optional<RegistrySettings> of(GatewayConfig.SchemaRegistry config, TlsConfigurationRegistry tls) {
        return config.url().map(url -> new RegistrySettings(url, authorization(config),
                config.tlsConfigurationName().map(name -> sslContext(tls, name)), config.timeout(),
                config.retryAfterSeconds()));
    }

    /**
     * The SSL context of a TLS configuration of Quarkus' TLS registry.
     *
     * @throws IllegalArgumentException naming the key, when there is no such configuration or it makes no context
     */
    static SSLContext sslContext(TlsConfigurationRegistry tls, String name) {
        TlsConfiguration configuration = tls.get(name).orElseThrow(() -> new IllegalArgumentException(
                "gateway.schema-registry.tls-configuration-name=" + name + " names no TLS configuration (set "
                        + "quarkus.tls." + name + ".trust-store.* and the like)"));
        try {
            return configuration.createSSLContext();
        } catch (Exception e) {
            throw new IllegalArgumentException("gateway.schema-registry.tls-configuration-name=" + name
                    + ": its TLS configuration gives no SSL context (" + e.getMessage() + ")", e);
        }
    }

    private static Optional<String> authorization(GatewayConfig.SchemaRegistry config) {
        if (config.username().isPresent() && config.password().isPresent()) {
            String pair = config.username().get() + ":" + config.password().get();
            return Optional.of("Basic " + Base64.getEncoder().encodeToString(pair.getBytes(StandardCharsets.UTF_8)));
        }
        return config.bearerToken().map(token -> "Bearer " + token);
    }

    @Override
    public String toString() {
        return "RegistrySettings[url=" + url + ", authorization=" + authorization.map(a -> "(set)").orElse("(none)")
                + ", tls=" + ssl.isPresent() + ", timeout=" + timeout + ", retryAfterSeconds=" + retryAfterSeconds
                + "]";
    }
}
