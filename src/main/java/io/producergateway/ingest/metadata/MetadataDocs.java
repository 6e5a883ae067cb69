package io.producergateway.ingest.metadata;

import io.producergateway.ingest.ApiDocs;

/** Documentation only: the texts the OpenAPI annotations of the metadata reads share. */
final class MetadataDocs {

    private MetadataDocs() {
    }

    static final String UNKNOWN_PARTITION = ApiDocs.URN + "unknown-partition";
    static final String UNKNOWN_CLUSTER = ApiDocs.URN + "unknown-cluster";

    static final String CLUSTER_ID = "The cluster's id, as GET /v3/clusters lists it.";
    static final String TOPIC_NAME = "The Kafka topic.";
    static final String FROM_CACHE = " Answered from the gateway's cached cluster metadata (at most "
            + "gateway.topics.metadata-max-age old); reading never creates a topic.";
    static final String UNAUTHORIZED = "Problem type " + ApiDocs.UNAUTHORIZED + ": no credentials, an unknown API "
            + "key, or a JWT that is not valid (when gateway.auth.enabled).";
    static final String FORBIDDEN = "Problem type " + ApiDocs.FORBIDDEN + ": neither the caller's principal "
            + "(gateway.auth.grants) nor its token grants this topic.";
    static final String UNAVAILABLE = "Problem type " + ApiDocs.BROKER_UNAVAILABLE + ": the cluster did not answer "
            + "a metadata request in time and the gateway has no metadata cached yet. Retriable, with Retry-After.";
    static final String UNKNOWN_TOPIC = ApiDocs.UNKNOWN_TOPIC + " (the topic does not exist, is internal or is "
            + "outside gateway.topics.allowed)";
    static final String NO_CLUSTER = UNKNOWN_CLUSTER + " (cluster_id is not the id of the cluster behind the "
            + "gateway)";
    static final String NO_PARTITION = UNKNOWN_PARTITION + " (the topic has no partition of that number)";
    static final String LISTED = " Lists only the topics the caller may produce to (its grants; every topic when "
            + "authentication is off), never internal ones nor those outside gateway.topics.allowed.";
}
