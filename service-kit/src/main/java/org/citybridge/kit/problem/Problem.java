package org.citybridge.kit.problem;

import com.fasterxml.jackson.annotation.JsonInclude;
import org.eclipse.microprofile.openapi.annotations.media.Schema;

import java.util.List;

/**
 * An RFC 9457 problem detail, the one error shape of every CityBridge API
 * (media type {@code application/problem+json}).
 *
 * @param type       a URI naming the kind of problem
 * @param violations field-level details for validation problems
 */
@JsonInclude(JsonInclude.Include.NON_EMPTY)
@Schema(name = "Problem", description = "RFC 9457 problem detail")
public record Problem(
        @Schema(example = "https://citybridge.org/problems/validation")
        String type,

        @Schema(example = "Invalid request") String title,
        @Schema(example = "400") int status,

        @Schema(example = "country: unknown ISO 3166-1 alpha-2 code 'XX'")
        String detail,

        @Schema(example = "/api/v1/cities") String instance,
        List<Violation> violations) {

    public static final String MEDIA_TYPE = "application/problem+json";
    public static final String TYPE_BASE = "https://citybridge.org/problems/";

    /** One invalid field. */
    public record Violation(
            @Schema(example = "population") String field,

            @Schema(example = "must be greater than or equal to 0")
            String message) {}
}
