package io.producergateway.ingest.v3;

/**
 * What REST Proxy v3 answers for one record: its delivery report ({@link DeliveryReport}, error_code 200) or its
 * error ({@link ErrorReport}). One per record, in request order; streamed, one per record as Kafka acknowledges it.
 */
sealed interface V3Report permits DeliveryReport, ErrorReport {

    /** 200 when Kafka acknowledged the record; otherwise REST Proxy's code for the cause (ConfluentCodes). */
    int errorCode();

    /** The HTTP status of an answer that is this report alone: 200, or the status of its problem. */
    int httpStatus();
}
