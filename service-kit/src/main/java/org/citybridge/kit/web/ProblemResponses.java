package org.citybridge.kit.web;

import org.citybridge.kit.problem.Problem;
import org.eclipse.microprofile.openapi.OASFactory;
import org.eclipse.microprofile.openapi.OASFilter;
import org.eclipse.microprofile.openapi.models.Components;
import org.eclipse.microprofile.openapi.models.OpenAPI;
import org.eclipse.microprofile.openapi.models.Operation;
import org.eclipse.microprofile.openapi.models.PathItem;
import org.eclipse.microprofile.openapi.models.media.Schema;
import org.eclipse.microprofile.openapi.models.parameters.Parameter;
import org.eclipse.microprofile.openapi.models.responses.APIResponse;
import org.eclipse.microprofile.openapi.models.responses.APIResponses;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Documents the error responses every CityBridge API shares, so no resource repeats them: each operation
 * gets the ones its shape implies (400 always; 401 and 403 when it needs a bearer token; 404 under a path
 * with an id; 412 and 428 with {@code If-Match}; 422 with {@code Idempotency-Key}; 429 over the rate limit; 503 while the
 * database is unreachable), and every error response, documented here or by the resource, carries the
 * {@code application/problem+json} {@code Problem} schema. A resource still documents what is particular
 * to it (a 409 and why, a 422 for unknown cities) and may describe a shared status more precisely: what
 * it says wins.
 */
public class ProblemResponses implements OASFilter { // applied by ContractConventions, first

    private static final String PROBLEM_REF = "#/components/schemas/Problem";

    @Override
    public void filterOpenAPI(OpenAPI openApi) {
        Components components =
                openApi.getComponents() == null ? OASFactory.createComponents() : openApi.getComponents();
        openApi.setComponents(components);
        if (components.getSchemas() == null || !components.getSchemas().containsKey("Problem")) {
            components.addSchema("Problem", problemSchema());
        }
        if (openApi.getPaths() == null || openApi.getPaths().getPathItems() == null) {
            return;
        }
        for (Map.Entry<String, PathItem> path :
                openApi.getPaths().getPathItems().entrySet()) {
            for (Operation operation : path.getValue().getOperations().values()) {
                document(path.getKey(), operation);
            }
        }
    }

    private static void document(String path, Operation operation) {
        if (operation.getResponses() == null) {
            operation.setResponses(OASFactory.createAPIResponses());
        }
        APIResponses responses = operation.getResponses();
        Map<String, String> shared = new LinkedHashMap<>();
        shared.put("400", "Invalid request: the violations name the fields or parameters");
        if (operation.getSecurity() != null && !operation.getSecurity().isEmpty()) {
            shared.put("401", "No valid bearer token");
            shared.put("403", "The token's role, or the city it acts for, does not allow this");
        }
        if (path.contains("{")) {
            shared.put("404", "No such resource");
        }
        if (hasHeader(operation, "If-Match")) {
            shared.put("412", "The resource changed since it was read (If-Match is stale): read it again");
            shared.put("428", "Send the resource's ETag in If-Match");
        }
        if (hasHeader(operation, "Idempotency-Key")) {
            shared.put("422", "The Idempotency-Key was already used for another request");
        }
        shared.put("429", "The caller's rate limit for this kind of request is spent; retry after Retry-After seconds");
        shared.put("503", "The service's database is unreachable; retry after Retry-After seconds");
        shared.forEach((status, description) -> {
            if (!responses.hasAPIResponse(status)) {
                responses.addAPIResponse(status, OASFactory.createAPIResponse().description(description));
            }
        });
        for (Map.Entry<String, APIResponse> response :
                responses.getAPIResponses().entrySet()) {
            boolean error =
                    response.getKey().startsWith("4") || response.getKey().startsWith("5");
            if (error && response.getValue().getContent() == null) {
                response.getValue()
                        .setContent(OASFactory.createContent()
                                .addMediaType(
                                        Problem.MEDIA_TYPE,
                                        OASFactory.createMediaType()
                                                .schema(OASFactory.createSchema()
                                                        .ref(PROBLEM_REF))));
            }
        }
    }

    private static boolean hasHeader(Operation operation, String name) {
        List<Parameter> parameters = operation.getParameters();
        return parameters != null
                && parameters.stream()
                        .anyMatch(p -> p.getIn() == Parameter.In.HEADER && name.equalsIgnoreCase(p.getName()));
    }

    /** The {@link Problem} record, for documents where no resource names it. */
    private static Schema problemSchema() {
        Schema violation = OASFactory.createSchema()
                .addType(Schema.SchemaType.OBJECT)
                .addProperty("field", OASFactory.createSchema().addType(Schema.SchemaType.STRING))
                .addProperty("message", OASFactory.createSchema().addType(Schema.SchemaType.STRING));
        return OASFactory.createSchema()
                .addType(Schema.SchemaType.OBJECT)
                .description("RFC 9457 problem detail")
                .addProperty("type", OASFactory.createSchema().addType(Schema.SchemaType.STRING))
                .addProperty("title", OASFactory.createSchema().addType(Schema.SchemaType.STRING))
                .addProperty("status", OASFactory.createSchema().addType(Schema.SchemaType.INTEGER))
                .addProperty("detail", OASFactory.createSchema().addType(Schema.SchemaType.STRING))
                .addProperty("instance", OASFactory.createSchema().addType(Schema.SchemaType.STRING))
                .addProperty(
                        "violations",
                        OASFactory.createSchema()
                                .addType(Schema.SchemaType.ARRAY)
                                .items(violation));
    }
}
