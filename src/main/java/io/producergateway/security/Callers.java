package io.producergateway.security;

import io.quarkus.security.identity.SecurityIdentity;
import io.quarkus.vertx.http.runtime.security.QuarkusHttpUser;
import io.smallrye.mutiny.Uni;
import io.vertx.ext.web.RoutingContext;

/** Who a caller is, as Quarkus Security authenticated it, for the routes and resources after authentication. */
public final class Callers {

    /** The identity attribute that says how the caller authenticated. */
    static final String KIND = Callers.class.getName() + ".kind";
    static final String API_KEY = "api-key";
    static final String JWT = "jwt";
    static final String OPEN = "open";
    /** The one principal of every caller while {@code gateway.auth.enabled=false}. */
    public static final String OPEN_PRINCIPAL = "anonymous";
    static final String CHALLENGE = "Bearer realm=\"producer-gateway\"";

    private Callers() {
    }

    /** The request's identity (anonymous when it carried no credentials). */
    static Uni<SecurityIdentity> identity(RoutingContext context) {
        return QuarkusHttpUser.getSecurityIdentity(context, null);
    }

    /** The authenticated caller's principal, or null before authentication or for an anonymous request. */
    public static String principal(RoutingContext context) {
        QuarkusHttpUser user = (QuarkusHttpUser) context.user();
        return user == null || user.getSecurityIdentity().isAnonymous() ? null
                : user.getSecurityIdentity().getPrincipal().getName();
    }

    /** The principal of an identity; {@link #OPEN_PRINCIPAL} for an anonymous one. */
    public static String principal(SecurityIdentity identity) {
        return identity.isAnonymous() ? OPEN_PRINCIPAL : identity.getPrincipal().getName();
    }
}
