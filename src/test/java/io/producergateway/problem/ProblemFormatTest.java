package io.producergateway.problem;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

import io.producergateway.event.ProblemType;
import io.producergateway.problem.ProblemFormat.Api;

/** Which requests get Confluent's members, and in which content type. */
class ProblemFormatTest {

    private static final String V2 = "application/vnd.kafka.v2+json";

    @Test
    void theRestProxyPathsAreV2AndV3AndOursStayPureProblems() {
        assertEquals(Api.V2, ProblemFormat.of("/topics/orders", null).api());
        assertEquals(Api.V2, ProblemFormat.of("/topics", null).api());
        assertEquals(Api.V2, ProblemFormat.of("topics/orders", null).api(), "UriInfo's path has no leading slash");
        assertEquals(Api.V3, ProblemFormat.of("/v3/clusters/c1/topics/orders", null).api());
        assertEquals(Api.V3, ProblemFormat.of("/kafka/v3/clusters", null).api());
        assertEquals(Api.V3, ProblemFormat.of("/v3", null).api());
        assertSame(ProblemFormat.PROBLEM, ProblemFormat.of("/v1/topics/orders/events", V2));
        assertSame(ProblemFormat.PROBLEM, ProblemFormat.of("/topicsx", V2));
        assertSame(ProblemFormat.PROBLEM, ProblemFormat.of("/v30/x", V2));
        assertSame(ProblemFormat.PROBLEM, ProblemFormat.of("/q/health", V2));
        assertSame(ProblemFormat.PROBLEM, ProblemFormat.of(null, V2));
    }

    @Test
    void producingRecordsIsTheV3RecordsPathOnly() {
        assertTrue(ProblemFormat.of("/v3/clusters/c1/topics/orders/records", null).producing());
        assertTrue(ProblemFormat.of("/kafka/v3/clusters/c1/topics/orders/records", null).producing());
        assertFalse(ProblemFormat.of("/v3/clusters/c1/topics/orders", null).producing());
        assertFalse(ProblemFormat.of("/v3/clusters/c1/topics/orders/partitions/0", null).producing());
        assertFalse(ProblemFormat.of("/topics/records", null).producing());
    }

    @Test
    void theContentTypeIsTheOneTheClientAccepts() {
        assertEquals(V2, mediaType("application/vnd.kafka.v2+json"));
        assertEquals(V2, mediaType("application/vnd.kafka+json"), "REST Proxy's generic form: its latest version");
        assertEquals(V2, mediaType("application/json, application/vnd.kafka.v2+json; q=0.9"));
        assertEquals(V2, mediaType("Application/Vnd.Kafka.V2+JSON"));
        assertEquals("application/json", mediaType("application/json"));
        assertEquals("application/json", mediaType("application/json;q=0.5, */*;q=0.1"));
        assertEquals(Problem.MEDIA_TYPE, mediaType("application/problem+json, application/json"));
        assertEquals(Problem.MEDIA_TYPE, mediaType("*/*"));
        assertEquals(Problem.MEDIA_TYPE, mediaType(null));
        assertEquals(Problem.MEDIA_TYPE, mediaType("text/html"));
        assertEquals("application/json", mediaType("application/vnd.kafka.v2+json;q=0, application/json"));
        assertEquals(Problem.MEDIA_TYPE, mediaType("application/vnd.kafka.v2+json; q=0.000"));
    }

    @Test
    void theBodyCarriesTheCodeAndTheDetailAsMessageOnlyOnTheRestProxyPaths() {
        Problem problem = Problem.of(ProblemType.UNKNOWN_TOPIC, "Topic orders does not exist");

        Problem v2 = ProblemFormat.of("/topics/orders", null).apply(problem, ProblemType.UNKNOWN_TOPIC);
        assertEquals(40401, v2.errorCode());
        assertEquals("Topic orders does not exist", v2.message());
        assertEquals(problem.type(), v2.type());
        assertEquals(404, v2.status());
        assertEquals(404, ProblemFormat.of("/v3/clusters/c/topics/orders", null)
                .apply(problem, ProblemType.UNKNOWN_TOPIC).errorCode());

        Problem ours = ProblemFormat.of("/v1/topics/orders/events", V2).apply(problem, ProblemType.UNKNOWN_TOPIC);
        assertNull(ours.errorCode());
        assertNull(ours.message());
    }

    private static String mediaType(String accept) {
        return ProblemFormat.of("/topics/t", accept).mediaType();
    }
}
