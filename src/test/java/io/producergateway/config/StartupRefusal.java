package io.producergateway.config;

import static org.junit.jupiter.api.Assertions.assertTrue;

import io.producergateway.delivery.Channels;
import io.quarkus.test.QuarkusUnitTest;

/**
 * Starts the real configuration check in a Quarkus application with one broken setting, and expects the start to
 * fail with a message naming the keys.
 */
final class StartupRefusal {

    private StartupRefusal() {
    }

    static QuarkusUnitTest with(String key, String value, String... expectedInMessage) {
        return new QuarkusUnitTest()
                .withApplicationRoot(jar -> jar.addClasses(ProducerSettingsCheck.class, ProducerSettings.class,
                        GatewayConfig.class, Channels.class))
                .overrideConfigKey("quarkus.kafka.devservices.enabled", "false")
                .overrideConfigKey(key, value)
                .assertException(failure -> {
                    Throwable root = failure;
                    StringBuilder messages = new StringBuilder();
                    while (root != null) {
                        messages.append(root.getMessage()).append('\n');
                        root = root.getCause();
                    }
                    assertTrue(messages.toString().contains("Invalid producer configuration, the service will not start"),
                            messages.toString());
                    for (String expected : expectedInMessage) {
                        assertTrue(messages.toString().contains(expected), "missing '" + expected + "' in " + messages);
                    }
                });
    }
}
