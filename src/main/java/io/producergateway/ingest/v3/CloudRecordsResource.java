package io.producergateway.ingest.v3;

import jakarta.ws.rs.Path;

import io.quarkus.security.identity.SecurityIdentity;

/**
 * REST Proxy v3's produce operation where Confluent Cloud serves it,
 * {@code /kafka/v3/clusters/{cluster_id}/topics/{topic_name}/records}: a client of Confluent Cloud changes its base
 * URL and cluster id, nothing else. The method and its documentation are {@link V3RecordsResource}'s.
 */
@Path("/kafka/v3/clusters/{cluster_id}/topics/{topic_name}/records")
public class CloudRecordsResource extends V3RecordsResource {

    public CloudRecordsResource(V3Produce produce, SecurityIdentity caller) {
        super(produce, caller);
    }
}
