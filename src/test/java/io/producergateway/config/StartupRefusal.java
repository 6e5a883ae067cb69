package io.producergateway.config;

import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.function.Consumer;

import org.jboss.shrinkwrap.api.spec.JavaArchive;

import io.quarkus.test.QuarkusUnitTest;

/**
 * A Quarkus application with the configuration mapping, its checks and the classes a test adds, started with broken
 * settings: the start must fail with a message that names each key. One per mechanism that stops a start (a check at
 * startup, a value that does not convert); the rules themselves are unit-tested.
 */
public final class StartupRefusal {

    private StartupRefusal() {
    }

    public static QuarkusUnitTest of(Consumer<JavaArchive> classes, String... expectedInMessage) {
        return new QuarkusUnitTest()
                .withApplicationRoot(jar -> {
                    jar.addClasses(GatewayConfig.class, PartitioningConfig.class, PartitionRange.class, Grant.class,
                            GatewayConfigCheck.class);
                    classes.accept(jar);
                })
                .overrideConfigKey("quarkus.kafka.devservices.enabled", "false")
                .assertException(failure -> {
                    StringBuilder messages = new StringBuilder();
                    for (Throwable t = failure; t != null; t = t.getCause()) {
                        messages.append(t.getMessage()).append('\n');
                    }
                    for (String expected : expectedInMessage) {
                        assertTrue(messages.toString().contains(expected), "missing '" + expected + "' in " + messages);
                    }
                });
    }
}
