package io.producergateway.schema;

import java.net.URI;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;

import jakarta.annotation.Priority;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;

import io.producergateway.config.GatewayConfig;
import io.producergateway.config.GatewayConfig.SchemaPolicy.GovernedTopic;
import io.quarkus.runtime.StartupEvent;
import io.quarkus.runtime.configuration.ConfigurationException;
import io.quarkus.tls.TlsConfigurationRegistry;

/**
 * Refuses to start the service when gateway.schema-registry.* or gateway.schemas.* is wrong or contradicts itself,
 * with one message that names every offending key. It lives beside the schemas rather than in the configuration
 * package because it checks names only they know (the subject name strategies, the TLS configurations).
 */
@ApplicationScoped
class SchemaSettingsCheck {

    void onStart(@Observes @Priority(1) StartupEvent event, GatewayConfig config, TlsConfigurationRegistry tls) {
        List<String> problems = problems(config, tls);
        if (!problems.isEmpty()) {
            throw new ConfigurationException("Invalid configuration, the service will not start:\n - "
                    + String.join("\n - ", problems));
        }
    }

    /** Every problem found, each naming its key; empty when the configuration is valid. */
    static List<String> problems(GatewayConfig config, TlsConfigurationRegistry tls) {
        List<String> problems = new ArrayList<>();
        GatewayConfig.SchemaRegistry registry = config.schemaRegistry();
        registry.url().ifPresent(url -> url(problems, url));
        if (registry.username().isPresent() != registry.password().isPresent()) {
            problems.add(registry.username().isPresent()
                    ? "gateway.schema-registry.username is set without gateway.schema-registry.password"
                    : "gateway.schema-registry.password is set without gateway.schema-registry.username");
        }
        if (registry.username().isPresent() && registry.bearerToken().isPresent()) {
            problems.add("gateway.schema-registry.bearer-token and gateway.schema-registry.username are both set: "
                    + "the registry is sent one Authorization, basic or bearer");
        }
        registry.tlsConfigurationName().ifPresent(name -> tls(problems, registry.url(), tls, name));
        if (registry.timeout().isZero() || registry.timeout().isNegative()) {
            problems.add("gateway.schema-registry.timeout must be positive (it is " + registry.timeout() + ")");
        }
        if (registry.latestTtl().isNegative()) {
            problems.add("gateway.schema-registry.latest-ttl must not be negative (it is " + registry.latestTtl()
                    + ")");
        }
        if (registry.cacheSize() < 1) {
            problems.add("gateway.schema-registry.cache-size must be at least 1 (it is " + registry.cacheSize() + ")");
        }
        if (registry.retryAfterSeconds() < 1) {
            problems.add("gateway.schema-registry.retry-after-seconds must be at least 1 (it is "
                    + registry.retryAfterSeconds() + ")");
        }
        try {
            SubjectNames.strategy(config.schemas().subjectNameStrategy());
        } catch (IllegalArgumentException e) {
            problems.add("gateway.schemas.subject-name-strategy: " + e.getMessage());
        }
        new TreeMap<>(config.schemas().topics()).forEach((topic, governed) -> governed(problems, topic, governed,
                registry.url().isPresent()));
        return problems;
    }

    private static void url(List<String> problems, URI url) {
        String scheme = url.getScheme() == null ? "" : url.getScheme();
        if (!scheme.equals("http") && !scheme.equals("https") || url.getHost() == null) {
            problems.add("gateway.schema-registry.url must be an http or https URL with a host (it is " + url + ")");
        } else if (url.getRawUserInfo() != null) {
            problems.add("gateway.schema-registry.url must not hold credentials: set gateway.schema-registry.username"
                    + " and password instead");
        } else if (url.getRawQuery() != null || url.getRawFragment() != null) {
            problems.add("gateway.schema-registry.url must not have a query or a fragment (it is " + url + ")");
        }
    }

    private static void tls(List<String> problems, Optional<URI> url, TlsConfigurationRegistry tls, String name) {
        if (url.isEmpty() || !"https".equals(url.get().getScheme())) {
            problems.add("gateway.schema-registry.tls-configuration-name is set, but gateway.schema-registry.url "
                    + "is not an https URL");
            return;
        }
        try {
            RegistrySettings.sslContext(tls, name);
        } catch (IllegalArgumentException e) {
            problems.add(e.getMessage());
        }
    }

    private static void governed(List<String> problems, String topic, GovernedTopic governed, boolean registry) {
        String prefix = "gateway.schemas.topics.\"" + topic + "\"";
        if (!registry) {
            problems.add(prefix + " governs the topic, but gateway.schema-registry.url is not set");
        }
        if (governed.key().isEmpty() && governed.value().isEmpty()) {
            problems.add(prefix + " sets neither key nor value (latest or a version number)");
        }
        Map<String, Optional<String>> versions = Map.of("key", governed.key(), "value", governed.value());
        Map<String, Optional<String>> subjects = Map.of("key", governed.keySubject(), "value",
                governed.valueSubject());
        for (String part : List.of("key", "value")) {
            versions.get(part).ifPresent(version -> version(problems, prefix + "." + part, version));
            subjects.get(part).ifPresent(subject -> {
                if (versions.get(part).isEmpty()) {
                    problems.add(prefix + "." + part + "-subject is set without " + prefix + "." + part);
                } else if (subject.isBlank()) {
                    problems.add(prefix + "." + part + "-subject must not be blank");
                }
            });
        }
    }

    private static void version(List<String> problems, String key, String version) {
        try {
            GovernedTopics.version(version);
        } catch (IllegalArgumentException e) {
            problems.add(key + ": " + e.getMessage());
        }
    }
}
