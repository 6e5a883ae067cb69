package io.producergateway.ingest.metadata;

import java.util.List;
import java.util.Objects;

import jakarta.enterprise.context.ApplicationScoped;

import io.producergateway.event.KafkaCluster;
import io.producergateway.security.TopicPermission;
import io.quarkus.security.identity.CurrentIdentityAssociation;
import io.quarkus.security.identity.SecurityIdentity;
import io.smallrye.mutiny.Multi;
import io.smallrye.mutiny.Uni;

/**
 * The topics of a list answer: those of the cluster the caller has a {@link TopicPermission} for, so that a caller
 * cannot list what it may not produce to (with authentication off, every topic).
 */
@ApplicationScoped
class VisibleTopics {

    private final CurrentIdentityAssociation identities;

    VisibleTopics(CurrentIdentityAssociation identities) {
        this.identities = identities;
    }

    /**
     * The caller's topics of the cluster, by name. Called on the request's thread: the caller is taken there, since
     * the cluster may arrive later on a Kafka admin thread, outside the request (no context is propagated).
     */
    Uni<List<KafkaCluster.Topic>> of(Uni<KafkaCluster> cluster) {
        SecurityIdentity caller = identities.getIdentity();
        return cluster.flatMap(found -> Multi.createFrom().iterable(found.topics().values())
                .onItem().transformToUniAndConcatenate(topic -> caller.checkPermission(new TopicPermission(
                        topic.name())).map(allowed -> allowed ? topic : null))
                .filter(Objects::nonNull)
                .collect().asList());
    }
}
