package io.producergateway.pipeline;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

import jakarta.annotation.Priority;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;

import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.TopicDescription;
import org.apache.kafka.common.errors.UnknownTopicOrPartitionException;
import org.jboss.logging.Logger;

import io.producergateway.delivery.KafkaAdmin;
import io.producergateway.partitioning.PriorityRanges;
import io.quarkus.runtime.StartupEvent;
import io.quarkus.runtime.configuration.ConfigurationException;

/**
 * Refuses to start when a priority range does not fit its topic's real partition count (a range that does not parse,
 * or names an unknown level, never gets this far: see {@code GatewayConfigCheck}). A topic that does not exist yet, or
 * a cluster that does not answer, is only a warning: the range is checked again on every request (422).
 */
@ApplicationScoped
class PriorityRangesCheck {

    private static final Logger LOG = Logger.getLogger(PriorityRangesCheck.class);

    void onStart(@Observes @Priority(3) StartupEvent event, PriorityRanges ranges, KafkaAdmin admin) {
        List<String> problems = new ArrayList<>();
        for (String topic : ranges.configuredTopics()) {
            Integer count = partitionCount(admin.client(), topic, admin.timeoutMillis());
            String mismatch = count == null ? null : ranges.mismatch(topic, count);
            if (mismatch != null) {
                problems.add(mismatch);
            }
        }
        if (!problems.isEmpty()) {
            throw new ConfigurationException("Invalid priority partitioning, the service will not start:\n - "
                    + String.join("\n - ", problems));
        }
    }

    private static Integer partitionCount(Admin admin, String topic, long timeoutMillis) {
        try {
            TopicDescription description = admin.describeTopics(List.of(topic)).allTopicNames()
                    .get(timeoutMillis, TimeUnit.MILLISECONDS).get(topic);
            return description.partitions().size();
        } catch (java.util.concurrent.ExecutionException e) {
            if (e.getCause() instanceof UnknownTopicOrPartitionException) {
                LOG.warnf("Topic %s has priority ranges but does not exist yet; they are checked on each request", topic);
            } else {
                LOG.warnf("Could not check the priority ranges of topic %s at startup (the cluster did not answer); "
                        + "they are checked on each request", topic);
            }
        } catch (java.util.concurrent.TimeoutException e) {
            LOG.warnf("Could not check the priority ranges of topic %s at startup (no answer in %d ms); they are "
                    + "checked on each request", topic, timeoutMillis);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        return null;
    }
}
