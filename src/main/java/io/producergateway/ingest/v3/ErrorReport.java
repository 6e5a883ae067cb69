package io.producergateway.ingest.v3;

import java.util.List;

import org.eclipse.microprofile.openapi.annotations.media.Schema;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonProperty;
import com.fasterxml.jackson.annotation.JsonPropertyOrder;

import io.producergateway.event.GatewayException;
import io.producergateway.event.GatewayException.Violation;
import io.producergateway.event.ProblemType;
import io.producergateway.problem.ConfluentCodes;
import io.quarkus.runtime.annotations.RegisterForReflection;

/**
 * The error of one record, in REST Proxy v3's shape ({@code error_code}, {@code message}) and, in the same object,
 * our problem's members ({@code type}, {@code title}, {@code status}, {@code detail}, {@code errors}), so that REST
 * Proxy clients and problem-aware clients both read it.
 */
@Schema(name = "V3ErrorReport", description = "A record that was not produced: REST Proxy v3's error_code and "
        + "message, with the problem members of RFC 9457 (type, title, status, detail; errors lists invalid fields).")
@RegisterForReflection(targets = { ErrorReport.class, Violation.class })
@JsonInclude(JsonInclude.Include.NON_NULL)
@JsonPropertyOrder({ "error_code", "message", "type", "title", "status", "detail", "errors" })
public record ErrorReport(
        @Schema(description = "REST Proxy v3's code for the cause: the HTTP status (400, 413, 422, 429, 503...) or "
                + "Confluent's own (40401 unknown topic, 40402 partition, 40301 forbidden, 50002, 50003).")
        @JsonProperty("error_code") int errorCode,
        @Schema(description = "What went wrong; the same text as detail.") String message,
        @Schema(description = "The problem type, a stable URN.") String type,
        String title,
        int status,
        String detail,
        @Schema(description = "The invalid fields of the record (index, field, type, detail).", nullable = true)
        List<Violation> errors) implements V3Report {

    static ErrorReport of(GatewayException e) {
        return new ErrorReport(ConfluentCodes.v3(e.type(), true), e.getMessage(), e.type().type(), e.type().title(),
                e.type().status(), e.getMessage(), e.violations().isEmpty() ? null : e.violations());
    }

    static ErrorReport of(ProblemType type, String detail) {
        return new ErrorReport(ConfluentCodes.v3(type, true), detail, type.type(), type.title(), type.status(), detail,
                null);
    }

    @Override
    public int httpStatus() {
        return status;
    }

    /** Whether the client should send the record again later. */
    boolean retriable() {
        return status == 503 || status == 429;
    }
}
