package io.producergateway.schema;

/** The formats of Confluent's Schema Registry API, by the names its {@code schemaType} field uses. */
public enum SchemaType {
    /** Apache Avro: the registry's default when {@code schemaType} is absent. */
    AVRO,
    /** JSON Schema (REST Proxy's {@code jsonschema}, v3's {@code JSONSCHEMA}). */
    JSON,
    /** Protocol Buffers, from {@code .proto} text. */
    PROTOBUF
}
