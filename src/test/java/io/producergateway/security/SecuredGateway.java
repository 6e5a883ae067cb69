package io.producergateway.security;

import java.util.HashMap;
import java.util.Map;

import io.quarkus.test.junit.QuarkusTestProfile;

/**
 * Authentication on, for every test of credentials, grants, quotas and streams per principal that can share one
 * application (one start instead of one per test class). Each test class has principals of its own, with grants on
 * topic names of its own, so that no test meets another's quota bucket or stream count; API keys for them, and bearer
 * JWTs verified against {@link JwksServer}. Topic lists come from a snapshot refreshed every second, so that a topic
 * just created shows soon.
 */
public class SecuredGateway implements QuarkusTestProfile {

    /** {@link AuthenticationTest}, {@link ConfluentSecurityErrorsTest}: and JWTs of client {@code jwt-client}. */
    public static final String ORDERS_KEY = "k-orders-3f9a1c";
    public static final String AUDIT_KEY = "k-audit-77e1b0";
    /** One event a second and 100,000 bytes a second. */
    public static final String METERED_KEY = "k-metered-51d2e8";
    /** Two events a second. */
    public static final String STREAMER_KEY = "k-streamer-0c44f1";

    /** {@code V3SecurityTest}: topics {@code v3-*}; v3-metered one event a second, v3-streamer two. */
    public static final String V3_PRODUCER_KEY = "k-v3-producer-6a1f";
    public static final String V3_METERED_KEY = "k-v3-metered-93c0";
    public static final String V3_STREAMER_KEY = "k-v3-streamer-2b7d";

    /** {@code CloudEventsSecurityTest}: topics {@code ce-*}; ce-metered one event a second. */
    public static final String CE_PRODUCER_KEY = "k-ce-producer-51d2";
    public static final String CE_METERED_KEY = "k-ce-metered-0e7a";

    /** {@code MetadataGrantsTest}: alpha on {@code meta-alpha-*} and {@code __meta-alpha-*}, beta on meta-beta-*. */
    public static final String ALPHA_KEY = "k-alpha-5a1e";
    public static final String BETA_KEY = "k-beta-93c0";

    /** {@code ApiExplorerBrowserTest}: topics {@code explorer-*}. */
    public static final String EXPLORER_KEY = "k-explorer-5b7d21";

    @Override
    public Map<String, String> getConfigOverrides() {
        Map<String, String> config = new HashMap<>(JwksServer.verification());
        config.put("gateway.auth.enabled", "true");
        config.put("gateway.auth.api-keys", String.join(",",
                "orders-service:" + ORDERS_KEY, "audit:" + AUDIT_KEY, "metered:" + METERED_KEY,
                "streamer:" + STREAMER_KEY,
                "v3-producer:" + V3_PRODUCER_KEY, "v3-metered:" + V3_METERED_KEY, "v3-streamer:" + V3_STREAMER_KEY,
                "ce-producer:" + CE_PRODUCER_KEY, "ce-metered:" + CE_METERED_KEY,
                "alpha:" + ALPHA_KEY, "beta:" + BETA_KEY,
                "explorer:" + EXPLORER_KEY));
        config.put("gateway.auth.grants", String.join(",",
                "orders-service=orders-.*", "orders-service=payments", "audit=audit-.*", "metered=metered-.*",
                "streamer=metered-.*", "jwt-client=jwt-.*",
                "v3-producer=v3-.*", "v3-metered=v3-.*", "v3-streamer=v3-.*",
                "ce-producer=ce-.*", "ce-metered=ce-.*",
                // alpha is granted an internal-looking name too: internal topics are never listed anyway.
                "alpha=meta-alpha-.*", "alpha=__meta-alpha-.*", "beta=meta-beta-.*",
                "explorer=explorer-.*"));
        config.put("gateway.auth.max-streams-per-principal", "1");
        config.put("gateway.auth.quotas.\"metered\".events-per-second", "1");
        config.put("gateway.auth.quotas.\"metered\".bytes-per-second", "100000");
        config.put("gateway.auth.quotas.\"streamer\".events-per-second", "2");
        config.put("gateway.auth.quotas.\"v3-metered\".events-per-second", "1");
        config.put("gateway.auth.quotas.\"v3-streamer\".events-per-second", "2");
        config.put("gateway.auth.quotas.\"ce-metered\".events-per-second", "1");
        config.put("gateway.topics.metadata-max-age", "1s");
        return config;
    }
}
