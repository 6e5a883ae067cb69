package io.producergateway.security;

import java.util.Set;

import jakarta.inject.Singleton;

import io.netty.handler.codec.http.HttpResponseStatus;
import io.producergateway.config.GatewayConfig;
import io.quarkus.security.identity.IdentityProviderManager;
import io.quarkus.security.identity.SecurityIdentity;
import io.quarkus.security.identity.request.AuthenticationRequest;
import io.quarkus.security.runtime.QuarkusPrincipal;
import io.quarkus.security.runtime.QuarkusSecurityIdentity;
import io.quarkus.vertx.http.runtime.security.ChallengeData;
import io.quarkus.vertx.http.runtime.security.HttpAuthenticationMechanism;
import io.quarkus.vertx.http.runtime.security.HttpCredentialTransport;
import io.quarkus.vertx.http.runtime.security.HttpSecurityUtils;
import io.smallrye.mutiny.Uni;
import io.vertx.ext.web.RoutingContext;

/**
 * API keys on Quarkus Security, tried before the JWT mechanism: {@code X-API-Key: <key>}, or
 * {@code Authorization: Bearer <key>} when the value is a configured key; any other bearer value is left to the JWT
 * mechanism, so both kinds of caller share the same endpoints. With {@code gateway.auth.enabled=false} every caller is
 * one open principal that may produce everywhere.
 */
@Singleton
public class ApiKeyMechanism implements HttpAuthenticationMechanism {

    static final String HEADER = "X-API-Key";
    private static final String BEARER = "Bearer ";
    /** Ahead of the JWT mechanism's default priority (1000): a bearer value is an API key first. */
    private static final int PRIORITY = 2000;

    private final ApiKeys keys;
    private final boolean enabled;
    private final Uni<SecurityIdentity> open;

    public ApiKeyMechanism(ApiKeys keys, GatewayConfig config) {
        this.keys = keys;
        this.enabled = config.auth().enabled();
        this.open = Uni.createFrom().item(QuarkusSecurityIdentity.builder()
                .setPrincipal(new QuarkusPrincipal(Callers.OPEN_PRINCIPAL)).addAttribute(Callers.KIND, Callers.OPEN)
                .addPermissionChecker(permission -> Uni.createFrom().item(permission instanceof TopicPermission))
                .build());
    }

    @Override
    public Uni<SecurityIdentity> authenticate(RoutingContext context, IdentityProviderManager identities) {
        if (!enabled) {
            return open;
        }
        String key = context.request().getHeader(HEADER);
        if (key == null) {
            String authorization = context.request().getHeader("Authorization");
            if (authorization == null || !authorization.regionMatches(true, 0, BEARER, 0, BEARER.length())
                    || keys.principalOf(authorization.substring(BEARER.length())) == null) {
                return Uni.createFrom().nullItem(); // no key here: anonymous, or a JWT for the next mechanism
            }
            key = authorization.substring(BEARER.length());
        }
        return identities.authenticate(HttpSecurityUtils.setRoutingContextAttribute(new ApiKeyRequest(key), context));
    }

    @Override
    public Uni<ChallengeData> getChallenge(RoutingContext context) {
        return Uni.createFrom().item(new ChallengeData(HttpResponseStatus.UNAUTHORIZED.code(), "WWW-Authenticate",
                Callers.CHALLENGE));
    }

    @Override
    public Set<Class<? extends AuthenticationRequest>> getCredentialTypes() {
        return Set.of(ApiKeyRequest.class);
    }

    @Override
    public Uni<HttpCredentialTransport> getCredentialTransport(RoutingContext context) {
        return Uni.createFrom().item(new HttpCredentialTransport(HttpCredentialTransport.Type.OTHER_HEADER, HEADER));
    }

    @Override
    public int getPriority() {
        return PRIORITY;
    }
}
