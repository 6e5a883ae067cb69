package io.producergateway.ingest.metadata;

import java.util.List;

import org.eclipse.microprofile.openapi.annotations.media.Schema;

import com.fasterxml.jackson.annotation.JsonProperty;

import io.quarkus.runtime.annotations.RegisterForReflection;

/**
 * The metadata answers of Confluent REST Proxy v3 (its {@code ClusterData}, {@code TopicData}, {@code PartitionData}
 * and their lists), in its field names: {@code kind}, {@code metadata} with {@code self} and {@code resource_name}, and
 * {@code related} links to the resources around.
 */
final class V3Documents {

    private V3Documents() {
    }

    @RegisterForReflection
    @Schema(name = "V3ResourceMetadata", description = "Where the resource is and its Confluent resource name.")
    record Metadata(@Schema(description = "This resource's URL.") String self,
            @Schema(description = "Its Confluent resource name (crn:///kafka=<cluster>/topic=<topic>...).")
            @JsonProperty("resource_name") String resourceName) {
    }

    @RegisterForReflection
    @Schema(name = "V3CollectionMetadata", description = "Where the list is; next is null: every item is in it.")
    record ListMetadata(@Schema(description = "This list's URL.") String self,
            @Schema(description = "Always null: there is one page.", nullable = true) String next) {
    }

    @RegisterForReflection
    @Schema(name = "V3Relationship", description = "A link to a related resource.")
    record Related(@Schema(description = "The related resource's URL.") String related) {
    }

    @RegisterForReflection
    @Schema(name = "V3Cluster", description = "The Kafka cluster behind the gateway (REST Proxy v3 ClusterData).")
    record Cluster(@Schema(description = "KafkaCluster") String kind, Metadata metadata,
            @JsonProperty("cluster_id") String clusterId,
            @Schema(description = "The controller broker; absent when the cluster named none.", nullable = true)
            Related controller,
            Related acls, Related brokers, @JsonProperty("broker_configs") Related brokerConfigs,
            @JsonProperty("consumer_groups") Related consumerGroups, Related topics,
            @JsonProperty("partition_reassignments") Related partitionReassignments) {
    }

    @RegisterForReflection
    @Schema(name = "V3ClusterList", description = "The clusters: the one behind the gateway (ClusterDataList).")
    record ClusterList(@Schema(description = "KafkaClusterList") String kind, ListMetadata metadata,
            List<Cluster> data) {
    }

    @RegisterForReflection
    @Schema(name = "V3Topic", description = "A topic (REST Proxy v3 TopicData).")
    record Topic(@Schema(description = "KafkaTopic") String kind, Metadata metadata,
            @JsonProperty("cluster_id") String clusterId, @JsonProperty("topic_name") String topicName,
            @Schema(description = "Always false: internal topics are not shown.")
            @JsonProperty("is_internal") boolean internal,
            @JsonProperty("replication_factor") int replicationFactor,
            @JsonProperty("partitions_count") int partitionsCount, Related partitions, Related configs,
            @JsonProperty("partition_reassignments") Related partitionReassignments) {
    }

    @RegisterForReflection
    @Schema(name = "V3TopicList", description = "The topics the caller may see (TopicDataList), by name.")
    record TopicList(@Schema(description = "KafkaTopicList") String kind, ListMetadata metadata, List<Topic> data) {
    }

    @RegisterForReflection
    @Schema(name = "V3Partition", description = "A partition (REST Proxy v3 PartitionData).")
    record Partition(@Schema(description = "KafkaPartition") String kind, Metadata metadata,
            @JsonProperty("cluster_id") String clusterId, @JsonProperty("topic_name") String topicName,
            @JsonProperty("partition_id") int partitionId,
            @Schema(description = "The leader's replica (.../replicas/<broker id>); absent while the partition has "
                    + "no leader.", nullable = true) Related leader,
            Related replicas, Related reassignment) {
    }

    @RegisterForReflection
    @Schema(name = "V3PartitionList", description = "The partitions of a topic (PartitionDataList), in order.")
    record PartitionList(@Schema(description = "KafkaPartitionList") String kind, ListMetadata metadata,
            List<Partition> data) {
    }
}
