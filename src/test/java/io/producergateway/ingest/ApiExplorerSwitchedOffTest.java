package io.producergateway.ingest;

import static io.restassured.RestAssured.given;

import java.util.Map;

import org.junit.jupiter.api.Test;

import io.producergateway.testing.SharedKafka;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.QuarkusTestProfile;
import io.quarkus.test.junit.TestProfile;

/**
 * An operator switches the API explorer off at runtime ({@code quarkus.swagger-ui.enabled=false}): its page is gone,
 * the OpenAPI document stays. ({@link ApiExplorerBrowserTest} shows the same page served when it is on.)
 */
@QuarkusTest
@TestProfile(ApiExplorerSwitchedOffTest.SwitchedOff.class)
@WithTestResource(SharedKafka.class)
class ApiExplorerSwitchedOffTest {

    /** The switch as an operator sets it. */
    public static class SwitchedOff implements QuarkusTestProfile {
        @Override
        public Map<String, String> getConfigOverrides() {
            return Map.of("quarkus.swagger-ui.enabled", "false");
        }
    }

    @Test
    void theExplorerAnswers404AndTheDocumentStays() {
        given().redirects().follow(false).get("/q/swagger-ui").then().statusCode(404);
        given().get("/q/swagger-ui/").then().statusCode(404);
        given().get("/q/swagger-ui/index.html").then().statusCode(404);
        given().get("/q/openapi").then().statusCode(200);
    }
}
