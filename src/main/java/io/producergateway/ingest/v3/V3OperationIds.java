package io.producergateway.ingest.v3;

import org.eclipse.microprofile.openapi.OASFilter;
import org.eclipse.microprofile.openapi.models.OpenAPI;
import org.eclipse.microprofile.openapi.models.PathItem;

import io.quarkus.smallrye.openapi.OpenApiFilter;

/**
 * Names REST Proxy v3's produce operation in the OpenAPI document as Confluent's document does,
 * {@code produceRecord}, and its Confluent Cloud path {@code produceRecordCloud}: both are one Java method
 * ({@link CloudRecordsResource} inherits it), so an annotation could give them only one name, and an operationId must
 * be unique.
 */
@OpenApiFilter(OpenApiFilter.RunStage.BUILD)
public class V3OperationIds implements OASFilter {

    static final String PATH = "/v3/clusters/{cluster_id}/topics/{topic_name}/records";

    @Override
    public void filterOpenAPI(OpenAPI openAPI) {
        if (openAPI.getPaths() == null) {
            return;
        }
        name(openAPI.getPaths().getPathItem(PATH), "produceRecord");
        name(openAPI.getPaths().getPathItem("/kafka" + PATH), "produceRecordCloud");
    }

    private static void name(PathItem path, String operationId) {
        if (path != null && path.getPOST() != null) {
            path.getPOST().setOperationId(operationId);
        }
    }
}
