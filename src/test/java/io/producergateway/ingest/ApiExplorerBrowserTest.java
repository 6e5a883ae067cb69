package io.producergateway.ingest;

import static io.producergateway.security.SecuredGateway.EXPLORER_KEY;
import static io.producergateway.testing.Records.text;
import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.containsString;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.net.URL;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;

import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.junit.jupiter.api.Test;
import org.openqa.selenium.By;
import org.openqa.selenium.Keys;
import org.openqa.selenium.SearchContext;
import org.openqa.selenium.WebDriver;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.support.ui.ExpectedConditions;
import org.openqa.selenium.support.ui.WebDriverWait;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

import io.producergateway.security.SecuredGateway;
import io.producergateway.testing.Chromium;
import io.producergateway.testing.KafkaTestClient;
import io.producergateway.testing.SharedKafka;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.common.http.TestHTTPResource;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.TestProfile;
import io.restassured.http.ContentType;

/**
 * The API explorer as a user meets it, in headless Chromium: Swagger UI at {@code /q/swagger-ui} loads the
 * document, takes an API key in "Authorize", and its "Try it out" on {@code POST /v1/topics/{topic}/events} produces a
 * real event: the 200 answer with its offset appears on the page, and the record is in Kafka with the bytes that were
 * typed. Authentication is on, and the key is the only credential the page has, so the 200 also proves that
 * "Authorize" sends it.
 */
@QuarkusTest
@TestProfile(SecuredGateway.class)
@WithTestResource(SharedKafka.class)
class ApiExplorerBrowserTest {

    /** Every wait of the page is bounded by this. */
    private static final Duration PAGE_WAIT = Duration.ofSeconds(30);
    private static final Path PAGE = Path.of("target", "api-explorer-page.html");

    private final KafkaTestClient kafka = SharedKafka.client();

    @TestHTTPResource("/q/swagger-ui/")
    URL explorer;

    private WebDriverWait wait;

    @Test
    void theExplorerPageIsServedWithItsDocument() {
        // No browser needed: what a switched-off explorer (ApiExplorerSwitchedOffTest) no longer answers.
        given().get("/q/swagger-ui/").then().statusCode(200).contentType(ContentType.HTML)
                .body(containsString("/q/openapi"));
    }

    @Test
    void tryItOutWithAnApiKeyProducesAnEventAndShowsItsOffset() throws Exception {
        try (Chromium chromium = Chromium.start()) {
            wait = new WebDriverWait(chromium.driver(), PAGE_WAIT);
            try {
                tryItOut(chromium.driver());
            } catch (AssertionError | RuntimeException e) {
                Files.writeString(PAGE, chromium.driver().getPageSource());
                throw new AssertionError(e.getMessage() + " (the page as it was: " + PAGE + ")", e);
            }
        }
    }

    private void tryItOut(WebDriver page) throws Exception {
        String topic = kafka.createTopic(KafkaTestClient.uniqueTopic("explorer-events"), 1);
        String value = "{\"clicked\":\"Execute\",\"n\":1}";

        page.get(explorer.toString());
        WebElement operation = shown(page, By.id("operations-Events-produceEvents"));

        authorizeWithApiKey(page);

        shown(operation, By.cssSelector(".opblock-summary")).click();
        shown(operation, By.cssSelector("button.try-out__btn")).click();
        WebElement topicField = shown(operation, By.cssSelector("tr[data-param-name='topic'] input"));
        topicField.sendKeys(Keys.chord(Keys.CONTROL, "a"), Keys.DELETE); // the document's example topic
        topicField.sendKeys(topic);
        WebElement body = shown(operation, By.cssSelector("textarea.body-param__text"));
        body.sendKeys(Keys.chord(Keys.CONTROL, "a"), Keys.DELETE);
        body.sendKeys("{\"key\":\"from-the-explorer\",\"value\":" + value + "}");
        shown(operation, By.cssSelector("button.execute")).click();

        WebElement status = shown(operation, By.cssSelector(".live-responses-table tbody .response-col_status"));
        assertEquals("200", status.getText().trim(), "the status the page shows");
        WebElement answer = shown(operation, By.cssSelector(".live-responses-table tbody .highlight-code pre"));
        JsonNode shownAnswer = new ObjectMapper().readTree(answer.getText());
        assertEquals(topic, shownAnswer.path("topic").asText(), "the answer on the page: " + answer.getText());
        assertTrue(shownAnswer.path("offset").isIntegralNumber(), "an offset on the page: " + answer.getText());
        String curl = shown(operation, By.cssSelector(".curl-command")).getText();
        assertTrue(curl.contains("X-API-Key: " + EXPLORER_KEY), "the request the page sent carries the key: " + curl);

        List<ConsumerRecord<byte[], byte[]>> records = kafka.readAll(topic);
        assertEquals(1, records.size(), "one event in Kafka");
        ConsumerRecord<byte[], byte[]> record = records.get(0);
        assertEquals(shownAnswer.path("offset").asLong(), record.offset());
        assertEquals(shownAnswer.path("partition").asInt(), record.partition());
        assertEquals("from-the-explorer", text(record.key()));
        assertArrayEquals(value.getBytes(StandardCharsets.UTF_8), record.value(), "the value bytes are what was typed");
    }

    /** "Authorize": the API key scheme of the document, the one credential the page will send. */
    private void authorizeWithApiKey(WebDriver page) {
        shown(page, By.cssSelector(".auth-wrapper button.authorize")).click();
        WebElement scheme = shown(page, By.xpath("//div[contains(@class,'auth-container')][.//h4[contains(., '"
                + ProducerGatewayApi.API_KEY + "')]]"));
        shown(scheme, By.cssSelector("input")).sendKeys(EXPLORER_KEY);
        shown(scheme, By.cssSelector("button.authorize")).click();
        wait.until(ExpectedConditions.textToBePresentInElement(scheme, "Logout"));
        shown(page, By.cssSelector(".modal-ux button.close-modal")).click();
        wait.until(ExpectedConditions.invisibilityOfElementLocated(By.cssSelector(".modal-ux")));
    }

    /** The first element within that matches, once it is displayed and enabled (and, for text, not empty). */
    private WebElement shown(SearchContext within, By what) {
        return wait.withMessage(() -> "nothing shown for " + what).until(page -> within.findElements(what).stream()
                .filter(e -> e.isDisplayed() && e.isEnabled())
                .filter(e -> !"pre".equals(e.getTagName()) || !e.getText().isBlank()).findFirst().orElse(null));
    }
}
