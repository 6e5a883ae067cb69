package io.producergateway.schema;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.List;
import java.util.Map;
import java.util.Optional;

import org.junit.jupiter.api.Test;

import io.producergateway.testing.TestConfig;
import io.quarkus.tls.TlsConfiguration;
import io.quarkus.tls.TlsConfigurationRegistry;

/** The startup rules of gateway.schema-registry.* and gateway.schemas.*, each message naming its key. */
class SchemaSettingsCheckTest {

    /** A TLS registry without any configuration. */
    private static final TlsConfigurationRegistry NO_TLS = new TlsConfigurationRegistry() {
        @Override
        public Optional<TlsConfiguration> get(String name) {
            return Optional.empty();
        }

        @Override
        public Optional<TlsConfiguration> getDefault() {
            return Optional.empty();
        }

        @Override
        public void register(String name, TlsConfiguration configuration) {
            throw new UnsupportedOperationException();
        }
    };

    private static List<String> problems(Map<String, String> values) {
        return SchemaSettingsCheck.problems(TestConfig.gateway(values), NO_TLS);
    }

    @Test
    void noRegistryAndAFullyConfiguredOneAreBothValid() {
        assertEquals(List.of(), problems(Map.of()));
        assertEquals(List.of(), problems(Map.of(
                "gateway.schema-registry.url", "https://registry.example:8081/apis/ccompat/v7/",
                "gateway.schema-registry.username", "gateway",
                "gateway.schema-registry.password", "secret",
                "gateway.schemas.subject-name-strategy", "topic-record-name",
                "gateway.schemas.topics.orders.value", "latest",
                "gateway.schemas.topics.\"audit.v1\".key", "3",
                "gateway.schemas.topics.\"audit.v1\".key-subject", "audit-keys")));
    }

    @Test
    void theUrlMustBeHttpOrHttpsWithAHostAndNoCredentials() {
        assertEquals(List.of("gateway.schema-registry.url must be an http or https URL with a host (it is "
                + "localhost:8081)"), problems(Map.of("gateway.schema-registry.url", "localhost:8081")));
        assertEquals(List.of("gateway.schema-registry.url must be an http or https URL with a host (it is "
                + "ftp://registry/)"), problems(Map.of("gateway.schema-registry.url", "ftp://registry/")));
        assertEquals(List.of("gateway.schema-registry.url must not hold credentials: set "
                + "gateway.schema-registry.username and password instead"),
                problems(Map.of("gateway.schema-registry.url", "http://user:pw@registry:8081")));
    }

    @Test
    void credentialsComeInPairsAndOneKindAtATime() {
        assertEquals(List.of("gateway.schema-registry.username is set without gateway.schema-registry.password"),
                problems(Map.of("gateway.schema-registry.url", "http://registry:8081",
                        "gateway.schema-registry.username", "gateway")));
        assertEquals(List.of("gateway.schema-registry.password is set without gateway.schema-registry.username"),
                problems(Map.of("gateway.schema-registry.url", "http://registry:8081",
                        "gateway.schema-registry.password", "secret")));
        assertEquals(List.of("gateway.schema-registry.bearer-token and gateway.schema-registry.username are both "
                + "set: the registry is sent one Authorization, basic or bearer"),
                problems(Map.of("gateway.schema-registry.url", "http://registry:8081",
                        "gateway.schema-registry.username", "gateway", "gateway.schema-registry.password", "secret",
                        "gateway.schema-registry.bearer-token", "token")));
    }

    @Test
    void aTlsConfigurationMustExistAndGoWithAnHttpsUrl() {
        assertEquals(List.of("gateway.schema-registry.tls-configuration-name is set, but "
                + "gateway.schema-registry.url is not an https URL"),
                problems(Map.of("gateway.schema-registry.url", "http://registry:8081",
                        "gateway.schema-registry.tls-configuration-name", "registry")));
        assertEquals(List.of("gateway.schema-registry.tls-configuration-name=registry names no TLS configuration "
                + "(set quarkus.tls.registry.trust-store.* and the like)"),
                problems(Map.of("gateway.schema-registry.url", "https://registry:8081",
                        "gateway.schema-registry.tls-configuration-name", "registry")));
    }

    @Test
    void boundsMustBePositive() {
        assertEquals(List.of("gateway.schema-registry.timeout must be positive (it is PT0S)",
                "gateway.schema-registry.latest-ttl must not be negative (it is PT-1S)",
                "gateway.schema-registry.cache-size must be at least 1 (it is 0)",
                "gateway.schema-registry.retry-after-seconds must be at least 1 (it is 0)"),
                problems(Map.of("gateway.schema-registry.timeout", "0s", "gateway.schema-registry.latest-ttl", "-1s",
                        "gateway.schema-registry.cache-size", "0",
                        "gateway.schema-registry.retry-after-seconds", "0")));
    }

    @Test
    void theSubjectNameStrategyIsOneOfConfluents() {
        assertEquals(List.of("gateway.schemas.subject-name-strategy: 'io.confluent.kafka.serializers.subject."
                + "TopicNameStrategy' is not one of topic-name, record-name, topic-record-name"),
                problems(Map.of("gateway.schemas.subject-name-strategy",
                        "io.confluent.kafka.serializers.subject.TopicNameStrategy")));
    }

    @Test
    void aGovernedTopicNeedsARegistryAndLatestOrAVersionNumber() {
        assertEquals(List.of("gateway.schemas.topics.\"orders\" governs the topic, but gateway.schema-registry.url "
                + "is not set"), problems(Map.of("gateway.schemas.topics.orders.value", "latest")));
        String url = "http://registry:8081";
        assertEquals(List.of(
                "gateway.schemas.topics.\"a\".value: 'newest' is neither latest nor a version number (1, 2, ...)",
                "gateway.schemas.topics.\"b\".key: '0' is neither latest nor a version number (1, 2, ...)",
                "gateway.schemas.topics.\"c\" sets neither key nor value (latest or a version number)",
                "gateway.schemas.topics.\"c\".value-subject is set without gateway.schemas.topics.\"c\".value"),
                problems(Map.of("gateway.schema-registry.url", url,
                        "gateway.schemas.topics.a.value", "newest",
                        "gateway.schemas.topics.b.key", "0",
                        "gateway.schemas.topics.c.value-subject", "c-values")));
    }
}
