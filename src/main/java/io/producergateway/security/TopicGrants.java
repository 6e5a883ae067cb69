package io.producergateway.security;

import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Pattern;
import java.util.regex.PatternSyntaxException;

import jakarta.inject.Singleton;
import jakarta.json.JsonString;
import jakarta.json.JsonValue;

import org.eclipse.microprofile.jwt.JsonWebToken;

import io.producergateway.config.GatewayConfig;
import io.producergateway.config.Grant;
import io.quarkus.security.AuthenticationFailedException;
import io.quarkus.security.identity.AuthenticationRequestContext;
import io.quarkus.security.identity.SecurityIdentity;
import io.quarkus.security.identity.SecurityIdentityAugmentor;
import io.quarkus.security.runtime.QuarkusPrincipal;
import io.quarkus.security.runtime.QuarkusSecurityIdentity;
import io.smallrye.mutiny.Uni;

/**
 * Gives every authenticated identity its topic permissions ({@link TopicPermission}): the grants configured for its
 * principal ({@code gateway.auth.grants}) and, for a JWT, the grants the token carries (the
 * {@code gateway.auth.jwt.grants-claim} claim, and {@code produce:<regex>} entries of {@code scope}). A JWT's principal
 * is its {@code gateway.auth.jwt.principal-claim} claim ({@code sub} by default).
 */
@Singleton
public class TopicGrants implements SecurityIdentityAugmentor {

    private static final String SCOPE_PREFIX = "produce:";

    private final Map<String, List<Pattern>> configured = new HashMap<>();
    private final String principalClaim;
    private final String grantsClaim;

    public TopicGrants(GatewayConfig config) {
        for (Grant grant : config.auth().grants().orElse(List.of())) {
            configured.computeIfAbsent(grant.principal(), p -> new ArrayList<>()).add(grant.topics());
        }
        this.principalClaim = config.auth().jwt().principalClaim();
        this.grantsClaim = config.auth().jwt().grantsClaim();
    }

    @Override
    public Uni<SecurityIdentity> augment(SecurityIdentity identity, AuthenticationRequestContext context) {
        if (identity.isAnonymous() || Callers.OPEN.equals(identity.getAttribute(Callers.KIND))) {
            return Uni.createFrom().item(identity);
        }
        QuarkusSecurityIdentity.Builder augmented = QuarkusSecurityIdentity.builder(identity);
        String principal = identity.getPrincipal().getName();
        List<Pattern> topics = new ArrayList<>();
        if (identity.getPrincipal() instanceof JsonWebToken token) {
            principal = text(token.getClaim(principalClaim));
            if (principal == null || principal.isBlank()) {
                return Uni.createFrom().failure(new AuthenticationFailedException(
                        "The token has no " + principalClaim + " claim (gateway.auth.jwt.principal-claim)"));
            }
            augmented.setPrincipal(new QuarkusPrincipal(principal)).addAttribute(Callers.KIND, Callers.JWT);
            tokenGrants(token, topics);
        }
        topics.addAll(configured.getOrDefault(principal, List.of()));
        return Uni.createFrom().item(augmented.addPermissionChecker(permission -> Uni.createFrom().item(
                permission instanceof TopicPermission topic && topics.stream()
                        .anyMatch(pattern -> pattern.matcher(topic.topic()).matches()))).build());
    }

    private void tokenGrants(JsonWebToken token, List<Pattern> topics) {
        for (String grant : texts(token.getClaim(grantsClaim))) {
            compile(grant, topics);
        }
        String scope = text(token.getClaim("scope"));
        if (scope != null) {
            for (String entry : scope.trim().split("\\s+")) {
                if (entry.startsWith(SCOPE_PREFIX)) {
                    compile(entry.substring(SCOPE_PREFIX.length()), topics);
                }
            }
        }
    }

    /** A pattern the token's issuer got wrong grants nothing, rather than failing the caller's every request. */
    private static void compile(String pattern, List<Pattern> topics) {
        try {
            topics.add(Pattern.compile(pattern));
        } catch (PatternSyntaxException ignored) {
            // grants nothing
        }
    }

    private static String text(Object claim) {
        if (claim instanceof JsonString string) {
            return string.getString();
        }
        return claim instanceof String || claim instanceof Number ? claim.toString() : null;
    }

    private static List<String> texts(Object claim) {
        List<String> texts = new ArrayList<>();
        if (claim instanceof Collection<?> values) {
            for (Object value : values) {
                String text = value instanceof JsonValue || value instanceof String ? text(value) : null;
                if (text != null) {
                    texts.add(text);
                }
            }
        } else if (text(claim) != null) {
            texts.add(text(claim));
        }
        return texts;
    }
}
