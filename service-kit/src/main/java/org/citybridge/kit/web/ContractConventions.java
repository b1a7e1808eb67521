package org.citybridge.kit.web;

import io.quarkus.smallrye.openapi.OpenApiFilter;
import org.citybridge.kit.paging.PageRequest;
import org.eclipse.microprofile.config.ConfigProvider;
import org.eclipse.microprofile.openapi.OASFactory;
import org.eclipse.microprofile.openapi.OASFilter;
import org.eclipse.microprofile.openapi.models.OpenAPI;
import org.eclipse.microprofile.openapi.models.Operation;
import org.eclipse.microprofile.openapi.models.PathItem;
import org.eclipse.microprofile.openapi.models.media.Content;
import org.eclipse.microprofile.openapi.models.media.Schema;
import org.eclipse.microprofile.openapi.models.parameters.Parameter;
import org.eclipse.microprofile.openapi.models.responses.APIResponse;
import org.eclipse.microprofile.openapi.models.security.SecurityRequirement;
import org.eclipse.microprofile.openapi.models.security.SecurityScheme;

import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Makes the three documents say the same things the same way, so client generators and linters accept
 * them: one pair of security schemes, {@code oidc} (the realm's
 * discovery document) and {@code bearer} (its JWT), offered as alternatives by every operation that
 * needs a token, the roles it needs in {@code x-roles} and in its description (OpenAPI scopes are
 * OAuth scopes, which roles are not); the paging parameters typed as the {@link PageRequest} accepts
 * them (the resources read them as text to answer a bad one with a 400 naming it); and no schema left
 * that nothing refers to. The shared error responses ({@link ProblemResponses}) come first, in this one
 * filter, so the document comes out the same on every build (the order of separate filters is not fixed).
 */
@OpenApiFilter(OpenApiFilter.RunStage.BUILD)
public class ContractConventions implements OASFilter {

    static final String BEARER = "bearer";
    static final String OIDC = "oidc";

    private static final String SCHEMAS = "#/components/schemas/";

    @Override
    public void filterOpenAPI(OpenAPI openApi) {
        new ProblemResponses().filterOpenAPI(openApi);
        if (openApi.getComponents() == null) {
            openApi.setComponents(OASFactory.createComponents());
        }
        openApi.getComponents()
                .addSecurityScheme(
                        OIDC,
                        OASFactory.createSecurityScheme()
                                .type(SecurityScheme.Type.OPENIDCONNECT)
                                .description(
                                        "OpenID Connect discovery of the platform's Keycloak realm (the address of a local run)")
                                .openIdConnectUrl(ConfigProvider.getConfig()
                                                .getOptionalValue("quarkus.oidc.auth-server-url", String.class)
                                                .orElse("http://127.0.0.1:8180/realms/citybridge")
                                        + "/.well-known/openid-configuration"));
        if (openApi.getPaths() != null && openApi.getPaths().getPathItems() != null) {
            for (PathItem path : openApi.getPaths().getPathItems().values()) {
                for (Operation operation : path.getOperations().values()) {
                    secure(operation);
                    typePaging(operation);
                }
            }
        }
        pruneUnusedSchemas(openApi);
    }

    /** {bearer: [roles]} becomes {oidc: []} or {bearer: []}, the roles in x-roles and the description. */
    private static void secure(Operation operation) {
        if (operation.getSecurity() == null || operation.getSecurity().isEmpty()) {
            return;
        }
        Set<String> roles = new LinkedHashSet<>();
        for (SecurityRequirement requirement : operation.getSecurity()) {
            requirement.getSchemes().values().forEach(roles::addAll);
        }
        operation.setSecurity(new ArrayList<>(List.of(
                OASFactory.createSecurityRequirement().addScheme(OIDC, List.of()),
                OASFactory.createSecurityRequirement().addScheme(BEARER, List.of()))));
        if (!roles.isEmpty()) {
            operation.addExtension("x-roles", List.copyOf(roles));
            String needs = "Needs the role " + String.join(" or ", roles) + ".";
            operation.setDescription(
                    operation.getDescription() == null ? needs : operation.getDescription() + "\n\n" + needs);
        }
    }

    private static void typePaging(Operation operation) {
        if (operation.getParameters() == null) {
            return;
        }
        for (Parameter parameter : operation.getParameters()) {
            if (parameter.getIn() != Parameter.In.QUERY) {
                continue;
            }
            if ("page".equals(parameter.getName())) {
                parameter.setSchema(integer(0, null, 0));
                parameter.setDescription("Page number, from 0");
            } else if ("size".equals(parameter.getName())) {
                parameter.setSchema(integer(1, PageRequest.MAX_SIZE, PageRequest.DEFAULT_SIZE));
                parameter.setDescription("Items per page");
            }
        }
    }

    private static Schema integer(int minimum, Integer maximum, int byDefault) {
        Schema schema = OASFactory.createSchema()
                .addType(Schema.SchemaType.INTEGER)
                .format("int32")
                .minimum(BigDecimal.valueOf(minimum))
                .defaultValue(byDefault);
        return maximum == null ? schema : schema.maximum(BigDecimal.valueOf(maximum));
    }

    /** Drops component schemas no operation reaches, directly or through other schemas (e.g. generic Page). */
    private static void pruneUnusedSchemas(OpenAPI openApi) {
        Map<String, Schema> schemas = openApi.getComponents().getSchemas();
        if (schemas == null || schemas.isEmpty() || openApi.getPaths() == null) {
            return;
        }
        Set<String> reached = new LinkedHashSet<>();
        List<Object> frontier = new ArrayList<>();
        for (PathItem path : openApi.getPaths().getPathItems().values()) {
            for (Operation operation : path.getOperations().values()) {
                if (operation.getParameters() != null) {
                    for (Parameter parameter : operation.getParameters()) {
                        frontier.add(parameter.getSchema());
                        frontier.add(parameter.getContent());
                    }
                }
                if (operation.getRequestBody() != null) {
                    frontier.add(operation.getRequestBody().getContent());
                }
                if (operation.getResponses() != null) {
                    for (APIResponse response :
                            operation.getResponses().getAPIResponses().values()) {
                        frontier.add(response.getContent());
                        if (response.getHeaders() != null) {
                            response.getHeaders().values().forEach(header -> frontier.add(header.getSchema()));
                        }
                    }
                }
            }
        }
        while (!frontier.isEmpty()) {
            Object node = frontier.remove(frontier.size() - 1);
            if (node instanceof Content content && content.getMediaTypes() != null) {
                content.getMediaTypes().values().forEach(media -> frontier.add(media.getSchema()));
            } else if (node instanceof Schema schema) {
                String ref = schema.getRef();
                if (ref != null && ref.startsWith(SCHEMAS) && reached.add(ref.substring(SCHEMAS.length()))) {
                    frontier.add(schemas.get(ref.substring(SCHEMAS.length())));
                }
                frontier.addAll(schema.getAll().values());
            } else if (node instanceof Map<?, ?> map) {
                frontier.addAll(map.values());
            } else if (node instanceof List<?> list) {
                frontier.addAll(list);
            }
        }
        List.copyOf(schemas.keySet()).stream()
                .filter(name -> !reached.contains(name))
                .forEach(openApi.getComponents()::removeSchema);
    }
}
