package io.producergateway.testing;

import io.restassured.RestAssured;
import io.restassured.http.ContentType;

/** Schemas the tests produce with, and what they ask of the shared registry directly (not through the gateway). */
public final class TestSchemas {

    /** An Avro record with a nullable union, as REST Proxy's examples have. */
    public static final String ORDER = """
            {"type":"record","name":"Order","namespace":"io.example","fields":[
             {"name":"id","type":"string"},{"name":"total","type":"double"},
             {"name":"note","type":["null","string"],"default":null}]}""";

    private TestSchemas() {
    }

    /** A schema text as a JSON string, as REST Proxy takes it. */
    public static String quoted(String schema) {
        return "\"" + schema.replace("\\", "\\\\").replace("\"", "\\\"").replace("\n", "\\n") + "\"";
    }

    /** Registers an Avro schema under the subject in the shared registry; its id. */
    public static int registerAvro(String subject, String schema) {
        return register(subject, "AVRO", schema);
    }

    /** Registers a schema of this schemaType (AVRO, JSON, PROTOBUF) under the subject in the shared registry; its id. */
    public static int register(String subject, String schemaType, String schema) {
        return RestAssured.given().baseUri(SharedSchemaRegistry.server().confluentUrl())
                .contentType(ContentType.JSON)
                .body("{\"schemaType\":\"" + schemaType + "\",\"schema\":" + quoted(schema) + "}")
                .post("/subjects/{subject}/versions", subject).then().statusCode(200).extract().path("id");
    }
}
