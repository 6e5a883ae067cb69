package io.producergateway.security;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

import jakarta.inject.Singleton;

import io.producergateway.config.GatewayConfig;

/**
 * The configured API keys ({@code gateway.auth.api-keys}, {@code principal:key} entries), kept only as SHA-256 digests
 * so that neither a heap dump nor a log line shows them, and compared in constant time.
 */
@Singleton
public class ApiKeys {

    private final Map<String, byte[]> digestByPrincipal = new LinkedHashMap<>();
    private final List<String> problems = new ArrayList<>();

    public ApiKeys(GatewayConfig config) {
        for (String entry : config.auth().apiKeys().orElse(List.of())) {
            int colon = entry.indexOf(':');
            if (colon <= 0 || colon == entry.length() - 1 || entry.substring(0, colon).isBlank()) {
                problems.add("gateway.auth.api-keys has an entry that is not principal:key (entries are "
                        + "comma-separated; the key itself is not shown)");
                continue;
            }
            digestByPrincipal.put(entry.substring(0, colon).trim(), digest(entry.substring(colon + 1).trim()));
        }
    }

    /** Entries that are not {@code principal:key}, described without the key. */
    List<String> problems() {
        return List.copyOf(problems);
    }

    boolean isEmpty() {
        return digestByPrincipal.isEmpty();
    }

    /** The principals that have a key: a bounded set, fit for a meter tag. */
    public Set<String> principals() {
        return digestByPrincipal.keySet();
    }

    /**
     * The principal whose key this is, or null. Every configured digest is compared, in constant time, whether an
     * earlier one matched or not: how long this takes says nothing about the keys.
     */
    String principalOf(String presentedKey) {
        byte[] presented = digest(presentedKey.trim());
        String found = null;
        for (Map.Entry<String, byte[]> key : digestByPrincipal.entrySet()) {
            if (MessageDigest.isEqual(key.getValue(), presented) && found == null) {
                found = key.getKey();
            }
        }
        return found;
    }

    private static byte[] digest(String key) {
        try {
            return MessageDigest.getInstance("SHA-256").digest(key.getBytes(StandardCharsets.UTF_8));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is always available", e);
        }
    }
}
