package io.producergateway.schema;

import java.net.ConnectException;
import java.net.URI;
import java.net.http.HttpConnectTimeoutException;
import java.net.http.HttpTimeoutException;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicReference;
import java.util.regex.Pattern;

import org.jboss.logging.Logger;

import com.fasterxml.jackson.databind.JsonNode;

import io.producergateway.event.GatewayException;
import io.producergateway.event.ProblemType;

/**
 * What a registry's refusal or silence means for the caller, by HTTP status and Confluent {@code error_code}. Tells
 * when the registry is known to be unreachable (a connection failed less than a second ago), so that calls fail at
 * once instead of each waiting for the timeout. Logs each trouble once, when it starts, and the recovery.
 */
final class RegistryFailures {

    private static final Logger LOG = Logger.getLogger(RegistryFailures.class);
    private static final long KNOWN_DOWN_NANOS = 1_000_000_000L;
    /** A registry's message is passed on, but never a novel of it. */
    private static final int MAX_MESSAGE_CHARS = 500;
    /** The Java exception class some registries put before their message (Apicurio: "io.apicurio...Exception: "). */
    private static final Pattern CLASS_PREFIX = Pattern.compile("^([a-z_][\\w$]*\\.)+[A-Z][\\w$]*: ");

    private final URI url;
    private final long timeoutMillis;
    private final int retryAfterSeconds;
    private final AtomicReference<String> trouble = new AtomicReference<>();
    private volatile long unreachableSince;
    private volatile boolean unreachable;

    RegistryFailures(RegistrySettings settings) {
        this.url = settings.url();
        this.timeoutMillis = settings.timeout().toMillis();
        this.retryAfterSeconds = settings.retryAfterSeconds();
    }

    /** The failure to answer with at once while a connection failed less than a second ago; null otherwise. */
    GatewayException knownDown() {
        if (unreachable && System.nanoTime() - unreachableSince < KNOWN_DOWN_NANOS) {
            return unavailable("The schema registry could not be reached a moment ago");
        }
        return null;
    }

    /** The registry answered as a registry does (a result or a refusal of the request itself). */
    void answered() {
        unreachable = false;
        if (trouble.getAndSet(null) != null) {
            LOG.infof("Schema registry %s answers again", url);
        }
    }

    /**
     * A registry's answer other than 200.
     *
     * @param notFound the detail of a 404 (which id, subject or version)
     */
    GatewayException refused(int status, JsonNode body, String notFound) {
        int code = body.path("error_code").asInt(0);
        if (status == 401 || status == 403) {
            // The caller cannot fix the gateway's credentials: an outage for it, a misconfiguration for the operator.
            trouble("refused the gateway's credentials (HTTP " + status + "): check "
                    + "gateway.schema-registry.username and password, or bearer-token");
            return unavailable("The schema registry refused the gateway's credentials");
        }
        if (status == 404 && code / 100 == 404) {
            answered();
            return new GatewayException(ProblemType.UNKNOWN_SCHEMA, notFound);
        }
        if (status == 409) {
            answered();
            return new GatewayException(ProblemType.SCHEMA_INCOMPATIBLE, message(body, status));
        }
        if (status >= 400 && status < 500 && status != 404 && status != 408 && status != 429) {
            answered();
            return new GatewayException(ProblemType.INVALID_SCHEMA, message(body, status));
        }
        if (status == 404) {
            trouble("answered 404 without a Schema Registry error code: check the path of "
                    + "gateway.schema-registry.url (Apicurio's ends in /apis/ccompat/v7)");
        } else {
            trouble("answered HTTP " + status);
        }
        return unavailable("The schema registry answered HTTP " + status);
    }

    /** A call that got no answer: the registry is unreachable, or slower than the timeout. */
    GatewayException unreachable(Throwable failure) {
        if (failure instanceof HttpTimeoutException && !(failure instanceof HttpConnectTimeoutException)
                || failure instanceof TimeoutException) {
            trouble("did not answer within " + timeoutMillis + " ms");
            return unavailable("The schema registry did not answer within " + timeoutMillis + " ms");
        }
        if (failure instanceof ConnectException || failure instanceof HttpConnectTimeoutException) {
            unreachableSince = System.nanoTime();
            unreachable = true;
        }
        trouble("unreachable (" + failure.getClass().getSimpleName() + ")");
        return unavailable("The schema registry could not be reached");
    }

    /** An answer that is not what Confluent's API answers. */
    GatewayException unreadable() {
        trouble("gave an answer that is not Schema Registry's JSON");
        return unavailable("The schema registry gave an answer the gateway cannot read");
    }

    private void trouble(String reason) {
        if (!reason.equals(trouble.getAndSet(reason))) {
            LOG.warnf("Schema registry %s %s; requests that need it are answered 503 until it answers", url, reason);
        }
    }

    private GatewayException unavailable(String detail) {
        return new GatewayException(ProblemType.SCHEMA_REGISTRY_UNAVAILABLE, detail).retryAfter(retryAfterSeconds);
    }

    private static String message(JsonNode body, int status) {
        String message = CLASS_PREFIX.matcher(body.path("message").asText("")).replaceFirst("").trim();
        if (message.isEmpty()) {
            return "The schema registry refused it (HTTP " + status + ")";
        }
        return message.length() > MAX_MESSAGE_CHARS ? message.substring(0, MAX_MESSAGE_CHARS) + "..." : message;
    }
}
