package io.producergateway.security;

import io.quarkus.security.identity.request.BaseAuthenticationRequest;

/** An API key a caller presented ({@code X-API-Key}, or {@code Authorization: Bearer} with a configured key). */
final class ApiKeyRequest extends BaseAuthenticationRequest {

    private final String key;

    ApiKeyRequest(String key) {
        this.key = key;
    }

    String key() {
        return key;
    }
}
