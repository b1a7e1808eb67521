package org.citybridge.cities.rest;

import jakarta.ws.rs.core.Application;
import org.eclipse.microprofile.openapi.annotations.Components;
import org.eclipse.microprofile.openapi.annotations.OpenAPIDefinition;
import org.eclipse.microprofile.openapi.annotations.enums.SecuritySchemeType;
import org.eclipse.microprofile.openapi.annotations.info.Info;
import org.eclipse.microprofile.openapi.annotations.info.License;
import org.eclipse.microprofile.openapi.annotations.security.SecurityScheme;

/** OpenAPI document header: bearer tokens from the platform's Keycloak realm. */
@OpenAPIDefinition(
        info =
                @Info(
                        title = "CityBridge cities-service",
                        version = "1.0",
                        description =
                                "City directory: profiles, heritage, officials and cooperation interests. Reads are public; "
                                        + "writes need a bearer token (platform-admin, or city-officer for their own city).",
                        license = @License(name = "Apache-2.0")),
        components =
                @Components(
                        securitySchemes =
                                @SecurityScheme(
                                        securitySchemeName = "bearer",
                                        type = SecuritySchemeType.HTTP,
                                        scheme = "bearer",
                                        bearerFormat = "JWT")))
public class ApiDocs extends Application {}
