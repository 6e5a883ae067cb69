package io.producergateway.ingest;

import io.producergateway.schema.SchemaType;
import io.producergateway.schema.SubjectNameStrategy;

/**
 * How a key or value names the schema it is written with, as the APIs take it: a global id, a subject's version, a
 * schema text (registered under its subject), or else its subject's latest. Members not given are null.
 *
 * @param type the format the request asks for; null when only an id names the schema (the registry's type then)
 * @param id a global schema id
 * @param subject the subject, when the request names it; otherwise it follows from the strategy
 * @param version a version of the subject
 * @param text a schema text, registered (or looked up) under the subject
 * @param strategy the request's subject name strategy; null for gateway.schemas.subject-name-strategy
 */
public record SchemaRef(SchemaType type, Integer id, String subject, Integer version, String text,
        SubjectNameStrategy strategy) {

    public static SchemaRef byId(SchemaType type, int id) {
        return new SchemaRef(type, id, null, null, null, null);
    }

    public static SchemaRef ofText(SchemaType type, String text) {
        return new SchemaRef(type, null, null, null, text, null);
    }
}
