package io.producergateway.security;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;

import jakarta.enterprise.context.ApplicationScoped;

import io.producergateway.config.GatewayConfig;
import io.producergateway.config.Grant;
import io.producergateway.event.GatewayException;
import io.producergateway.event.ProblemType;

/**
 * Who a caller is (from its API key) and whether it may produce to a topic. Keys are kept only as SHA-256 digests,
 * so neither a heap dump nor a log line shows them. Grants arrive converted ({@link Grant}); the keys are checked here,
 * at startup, so that a malformed entry is reported without showing the key.
 */
@ApplicationScoped
public class ProducerAccess {

    private final boolean enabled;
    private final Map<String, String> principalByKeyDigest = new HashMap<>();
    private final Map<String, List<Grant>> grants = new HashMap<>();
    private final List<String> problems = new ArrayList<>();

    public ProducerAccess(GatewayConfig config) {
        this.enabled = config.auth().enabled();
        for (String entry : config.auth().apiKeys().orElse(List.of())) {
            int colon = entry.indexOf(':');
            if (colon <= 0 || colon == entry.length() - 1) {
                problems.add("gateway.auth.api-keys has an entry that is not principal:key (entries are "
                        + "comma-separated; the key itself is not shown)");
                continue;
            }
            principalByKeyDigest.put(digest(entry.substring(colon + 1).trim()), entry.substring(0, colon).trim());
        }
        for (Grant grant : config.auth().grants().orElse(List.of())) {
            grants.computeIfAbsent(grant.principal(), p -> new ArrayList<>()).add(grant);
        }
        if (enabled && principalByKeyDigest.isEmpty() && problems.isEmpty()) {
            problems.add("gateway.auth.enabled=true but gateway.auth.api-keys is empty: every request would be "
                    + "refused. Configure API keys (principal:key, from a Secret), or set gateway.auth.enabled=false "
                    + "where the network already restricts who can call the gateway");
        }
    }

    /** Configuration errors; the service refuses to start with them. */
    public List<String> problems() {
        return List.copyOf(problems);
    }

    public boolean enabled() {
        return enabled;
    }

    /**
     * @param presentedKey the key from {@code Authorization: Bearer} or {@code X-API-Key}, or null
     * @return the principal allowed to produce to the topic
     * @throws GatewayException unauthorized without a known key, forbidden when the principal has no grant for the topic
     */
    public String authorize(String presentedKey, String topic) {
        if (presentedKey == null || presentedKey.isBlank()) {
            throw new GatewayException(ProblemType.UNAUTHORIZED,
                    "Send an API key as Authorization: Bearer <key> or X-API-Key: <key>");
        }
        String principal = principalByKeyDigest.get(digest(presentedKey.trim()));
        if (principal == null) {
            throw new GatewayException(ProblemType.UNAUTHORIZED, "The API key is not valid");
        }
        List<Grant> allowed = grants.getOrDefault(principal, List.of());
        if (topic != null && allowed.stream().noneMatch(grant -> grant.allows(topic))) {
            throw new GatewayException(ProblemType.FORBIDDEN, "Principal " + principal
                    + " may not produce to topic " + topic + " (gateway.auth.grants)");
        }
        return principal;
    }

    private static String digest(String key) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(key.getBytes(StandardCharsets.UTF_8)));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is always available", e);
        }
    }
}
