package io.producergateway.ingest.metadata;

import java.util.List;
import java.util.Objects;

import jakarta.enterprise.context.ApplicationScoped;

import io.producergateway.event.KafkaCluster;
import io.producergateway.security.TopicPermission;
import io.quarkus.security.identity.SecurityIdentity;
import io.smallrye.mutiny.Multi;
import io.smallrye.mutiny.Uni;

/**
 * The topics of a list answer: those of the cluster the caller has a {@link TopicPermission} for, so that a caller
 * cannot list what it may not produce to (with authentication off, every topic).
 */
@ApplicationScoped
class VisibleTopics {

    private final SecurityIdentity caller;

    VisibleTopics(SecurityIdentity caller) {
        this.caller = caller;
    }

    /** The caller's topics of the cluster, by name. */
    Uni<List<KafkaCluster.Topic>> of(KafkaCluster cluster) {
        return Multi.createFrom().iterable(cluster.topics().values())
                .onItem().transformToUniAndConcatenate(topic -> caller.checkPermission(new TopicPermission(
                        topic.name())).map(allowed -> allowed ? topic : null))
                .filter(Objects::nonNull)
                .collect().asList();
    }
}
