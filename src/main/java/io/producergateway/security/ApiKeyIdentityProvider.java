package io.producergateway.security;

import jakarta.inject.Singleton;

import io.quarkus.security.AuthenticationFailedException;
import io.quarkus.security.identity.AuthenticationRequestContext;
import io.quarkus.security.identity.IdentityProvider;
import io.quarkus.security.identity.SecurityIdentity;
import io.quarkus.security.runtime.QuarkusPrincipal;
import io.quarkus.security.runtime.QuarkusSecurityIdentity;
import io.smallrye.mutiny.Uni;

/** Turns a presented API key into its principal's identity; an unknown key fails authentication (401). */
@Singleton
public class ApiKeyIdentityProvider implements IdentityProvider<ApiKeyRequest> {

    private final ApiKeys keys;

    public ApiKeyIdentityProvider(ApiKeys keys) {
        this.keys = keys;
    }

    @Override
    public Class<ApiKeyRequest> getRequestType() {
        return ApiKeyRequest.class;
    }

    @Override
    public Uni<SecurityIdentity> authenticate(ApiKeyRequest request, AuthenticationRequestContext context) {
        String principal = keys.principalOf(request.key());
        if (principal == null) {
            return Uni.createFrom().failure(new AuthenticationFailedException("The API key is not valid"));
        }
        return Uni.createFrom().item(QuarkusSecurityIdentity.builder().setPrincipal(new QuarkusPrincipal(principal))
                .addAttribute(Callers.KIND, Callers.API_KEY).build());
    }
}
