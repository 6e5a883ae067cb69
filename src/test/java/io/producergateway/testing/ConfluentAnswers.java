package io.producergateway.testing;

import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.not;
import static org.hamcrest.Matchers.nullValue;
import static org.hamcrest.Matchers.startsWith;

import io.restassured.response.ValidatableResponse;

/** What a REST Proxy client reads in an error answer, for the tests of the REST Proxy paths. */
public final class ConfluentAnswers {

    private static final String URN = "urn:producer-gateway:problem:";

    private ConfluentAnswers() {
    }

    /**
     * The problem members and Confluent's beside them ({@code error_code}; {@code message}, the detail again), in
     * the content type the client accepted.
     */
    public static ValidatableResponse confluent(ValidatableResponse answer, int status, String type, int code,
            String contentType) {
        return answer.statusCode(status).contentType(startsWith(contentType))
                .body("type", equalTo(URN + type), "status", equalTo(status), "title", not(nullValue()),
                        "error_code", equalTo(code), "message", not(nullValue()))
                .body("message", equalTo(answer.extract().path("detail")));
    }
}
