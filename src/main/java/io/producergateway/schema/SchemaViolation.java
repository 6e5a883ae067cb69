package io.producergateway.schema;

/**
 * JSON data that does not match its schema. Carries no stack trace: it becomes a {@code schema-mismatch} answer that
 * names the record and this path.
 */
public class SchemaViolation extends RuntimeException {

    private final String path;

    /**
     * @param path where in the data, dotted from its root with {@code [i]} for array items ({@code address.city},
     *        {@code tags[2]}); empty for the root
     * @param detail what is wrong there, for the caller
     */
    public SchemaViolation(String path, String detail) {
        super(detail, null, false, false);
        this.path = path;
    }

    public String path() {
        return path;
    }
}
