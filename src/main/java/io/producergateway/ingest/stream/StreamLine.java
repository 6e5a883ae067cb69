package io.producergateway.ingest.stream;

/** The answer to one line of a stream, once known; lines are answered in the order they came. */
final class StreamLine {

    private byte[] answer;
    private boolean acked;

    void finish(byte[] answer, boolean acked) {
        this.answer = answer;
        this.acked = acked;
    }

    boolean finished() {
        return answer != null;
    }

    byte[] answer() {
        return answer;
    }

    boolean acked() {
        return acked;
    }
}
