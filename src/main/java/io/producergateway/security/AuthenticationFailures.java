package io.producergateway.security;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;

import io.producergateway.event.ProblemType;
import io.producergateway.problem.ProblemAnswers;
import io.quarkus.security.AuthenticationFailedException;
import io.vertx.ext.web.Router;
import io.vertx.ext.web.RoutingContext;

/**
 * Answers a failed authentication (an unknown API key; a JWT that is expired, not yet valid, from another issuer or
 * audience, badly signed or unsigned) with the one problem body and {@code WWW-Authenticate: Bearer}, in place of
 * Quarkus' empty 401. Quarkus fails the request with the exception so that a failure handler can answer it.
 */
@ApplicationScoped
public class AuthenticationFailures {

    private final ProblemAnswers answers;

    public AuthenticationFailures(ProblemAnswers answers) {
        this.answers = answers;
    }

    void register(@Observes Router router) {
        router.route().order(Integer.MIN_VALUE).failureHandler(this::handle);
    }

    private void handle(RoutingContext context) {
        if (!(context.failure() instanceof AuthenticationFailedException) || context.response().headWritten()) {
            context.next();
            return;
        }
        context.response().putHeader("WWW-Authenticate", Callers.CHALLENGE + ", error=\"invalid_token\"");
        answers.write(context, ProblemType.UNAUTHORIZED, "The credentials are not valid: an "
                + "unknown API key, or a token that is expired, not yet valid, from another issuer or audience, or "
                + "not signed by a trusted key");
    }
}
