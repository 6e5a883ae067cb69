package io.producergateway.schema;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

import io.producergateway.config.StartupRefusal;
import io.quarkus.test.QuarkusUnitTest;

/** Broken schema settings stop the start, every offending key named in one message. */
class RefusesBrokenSchemaSettingsStartupTest {

    @RegisterExtension
    static final QuarkusUnitTest APP = StartupRefusal.of(jar -> jar.addClasses(SchemaSettingsCheck.class,
                    SubjectNames.class, SubjectNameStrategy.class, GovernedTopics.class, RegistrySettings.class,
                    ParsedSchema.class, SchemaType.class),
            "Invalid configuration, the service will not start",
            "gateway.schema-registry.username is set without gateway.schema-registry.password",
            "gateway.schemas.topics.\"orders\" governs the topic, but gateway.schema-registry.url is not set",
            "gateway.schemas.topics.\"orders\".value: 'newest' is neither latest nor a version number")
            .overrideConfigKey("gateway.schema-registry.username", "gateway")
            .overrideConfigKey("gateway.schemas.topics.orders.value", "newest");

    @Test
    void serviceDoesNotStart() {
        // The extension asserts the failed start and its message.
    }
}
