package io.producergateway.delivery;

import static io.restassured.RestAssured.given;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.lang.management.ManagementFactory;
import java.lang.management.MemoryType;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;

import org.junit.jupiter.api.Test;

import io.producergateway.testing.KafkaTestClient;
import io.producergateway.testing.SharedKafka;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.QuarkusTestProfile;
import io.quarkus.test.junit.TestProfile;
import io.restassured.response.Response;

/**
 * Far more concurrent requests than the in-flight bound: the surplus is refused at once with 503 and Retry-After,
 * the heap stays bounded, every acknowledged event is in Kafka, and the service serves normally when the load drops.
 */
@QuarkusTest
@TestProfile(OverloadTest.SmallBound.class)
@WithTestResource(SharedKafka.class)
class OverloadTest {

    /**
     * How much the live heap may grow under the load. The service runs in the test JVM, which also holds what earlier
     * tests left (Quarkus restarts per profile), so growth over a baseline is measured, not the absolute figure.
     */
    static final long HEAP_GROWTH_BOUND = 64L * 1024 * 1024;

    public static class SmallBound implements QuarkusTestProfile {
        @Override
        public Map<String, String> getConfigOverrides() {
            return Map.of("gateway.delivery.max-in-flight", "40", "gateway.ingest.max-events-per-request", "20");
        }
    }

    @Test
    void surplusRequestsGet503WithRetryAfterAndNothingAcknowledgedIsLost() throws Exception {
        KafkaTestClient kafka = SharedKafka.client();
        String topic = kafka.createTopic(KafkaTestClient.uniqueTopic("overload"), 3);
        String batch = "[" + String.join(",", java.util.Collections.nCopies(20,
                "{\"value\":\"" + "v".repeat(1000) + "\"}")) + "]";
        AtomicInteger ok = new AtomicInteger();
        AtomicInteger refused = new AtomicInteger();
        AtomicInteger other = new AtomicInteger();
        System.gc();
        long baseline = liveHeapAfterCollection();
        AtomicLong maxHeap = new AtomicLong(baseline);
        ExecutorService clients = Executors.newFixedThreadPool(64);
        try {
            List<Future<?>> work = new ArrayList<>();
            for (int c = 0; c < 64; c++) {
                work.add(clients.submit(() -> {
                    for (int i = 0; i < 12; i++) {
                        Response answer = given().contentType("application/json").body(batch)
                                .post("/v1/topics/{topic}/events", topic);
                        if (answer.statusCode() == 200) {
                            ok.incrementAndGet();
                        } else if (answer.statusCode() == 503 && "1".equals(answer.header("Retry-After"))
                                && answer.asString().contains("urn:producer-gateway:problem:overloaded")) {
                            refused.incrementAndGet();
                        } else {
                            other.incrementAndGet();
                        }
                    }
                }));
            }
            Future<?> sampler = clients.submit(() -> {
                while (work.stream().anyMatch(f -> !f.isDone())) {
                    // The service runs in this JVM: a full collection first, then what each heap pool held right
                    // after it. Plain "used" would count whatever 64 busy threads allocated since (garbage).
                    System.gc();
                    maxHeap.accumulateAndGet(liveHeapAfterCollection(), Math::max);
                    Thread.sleep(500);
                }
                return null;
            });
            for (Future<?> f : work) {
                f.get(120, TimeUnit.SECONDS);
            }
            sampler.get(30, TimeUnit.SECONDS);
        } finally {
            clients.shutdownNow();
        }

        System.out.printf("overload: %d requests of 20 events, %d acknowledged, %d refused 503, %d other, "
                + "live heap %d MB before, at most %d MB during (growth bound %d MB)%n", 64 * 12, ok.get(),
                refused.get(), other.get(), baseline / (1024 * 1024), maxHeap.get() / (1024 * 1024),
                HEAP_GROWTH_BOUND / (1024 * 1024));
        assertEquals(0, other.get(), "every answer is 200 or 503 overloaded with Retry-After");
        assertTrue(refused.get() > 0, "64 clients of 20 events exceed a bound of 40 in flight");
        assertTrue(ok.get() > 0);
        assertTrue(maxHeap.get() - baseline < HEAP_GROWTH_BOUND,
                "live heap grew by " + (maxHeap.get() - baseline) + " bytes under the load");
        assertEquals(ok.get() * 20, kafka.readAll(topic).size(), "every acknowledged event, and only those");

        given().contentType("application/json").body("{\"value\":\"after\"}")
                .post("/v1/topics/{topic}/events", topic).then().statusCode(200);
    }

    private static long liveHeapAfterCollection() {
        return ManagementFactory.getMemoryPoolMXBeans().stream()
                .filter(pool -> pool.getType() == MemoryType.HEAP && pool.getCollectionUsage() != null)
                .mapToLong(pool -> pool.getCollectionUsage().getUsed()).sum();
    }
}
