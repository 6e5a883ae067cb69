package io.producergateway.partitioning;

/**
 * The partition an event goes to and why: {@code explicit}, {@code key-hash}, {@code round-robin} or
 * {@code priority:<level>}. The reason is shown to the caller and used as a meter tag, so keep the set small.
 */
public record PartitionChoice(int partition, String reason) {
}
