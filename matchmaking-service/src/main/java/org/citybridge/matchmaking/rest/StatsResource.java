package org.citybridge.matchmaking.rest;

import jakarta.annotation.security.RolesAllowed;
import jakarta.inject.Inject;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.HeaderParam;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import org.citybridge.kit.exports.Export;
import org.citybridge.kit.problem.ApiException;
import org.citybridge.kit.security.Roles;
import org.citybridge.kit.web.QueryParams;
import org.citybridge.matchmaking.stats.ProgrammeStats;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.enums.SchemaType;
import org.eclipse.microprofile.openapi.annotations.media.Schema;
import org.eclipse.microprofile.openapi.annotations.parameters.Parameter;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/** The programme's figures for its staff. */
@Path("/api/v1/stats")
@Tag(name = "Statistics")
public class StatsResource {

    @Inject
    ProgrammeStats stats;

    @GET
    @Produces({MediaType.APPLICATION_JSON, Export.CSV})
    @RolesAllowed(Roles.PLATFORM_ADMIN)
    @Operation(
            operationId = "getStatistics",
            summary = "The programme's figures (programme staff)",
            description = "Proposals by status and kind, acceptance rate (agreed of agreed and declined), median "
                    + "days from proposal to agreement; partnerships by kind, region pair, cluster and month; "
                    + "exchanges held, participants, survey answers, uptake, average rating and how many want a "
                    + "partnership; interests by area. Filters combine: a period (inclusive dates), a region "
                    + "(UN M49 region or sub-region of either city) and a cluster (either city a member). JSON, or "
                    + "text/csv as rows of figure, key and value.")
    @APIResponse(responseCode = "200", description = "The figures")
    public Response get(
            @Parameter(description = "first day counted", schema = @Schema(type = SchemaType.STRING, format = "date"))
                    @QueryParam("from")
                    String from,
            @Parameter(description = "last day counted", schema = @Schema(type = SchemaType.STRING, format = "date"))
                    @QueryParam("to")
                    String to,
            @Parameter(description = "UN M49 region or sub-region, e.g. Eastern Asia") @QueryParam("region")
                    String region,
            @Parameter(description = "a cluster's id", schema = @Schema(type = SchemaType.STRING, format = "uuid"))
                    @QueryParam("clusterId")
                    String clusterId,
            @HeaderParam("Accept") String accept) {
        LocalDate first = QueryParams.date("from", from);
        LocalDate last = QueryParams.date("to", to);
        if (first != null && last != null && last.isBefore(first)) {
            throw ApiException.badRequest("to", "must not be before from");
        }
        Map<String, Object> summary = stats.summary(new ProgrammeStats.Filter(
                first, last, QueryParams.text("region", region), QueryParams.uuid("clusterId", clusterId)));
        if (accept != null
                && accept.toLowerCase().contains(Export.CSV)
                && !accept.contains(MediaType.APPLICATION_JSON)) {
            StringBuilder csv = new StringBuilder(Export.csvLine(List.of("figure", "key", "value")));
            rows("", summary).forEach(row -> csv.append(Export.csvLine(row)));
            return Response.ok(csv.toString(), Export.CSV + "; charset=UTF-8")
                    .header("Content-Disposition", "attachment; filename=\"statistics.csv\"")
                    .header("Cache-Control", "no-store")
                    .build();
        }
        return Response.ok(summary, MediaType.APPLICATION_JSON)
                .header("Cache-Control", "no-store")
                .build();
    }

    /** The figures as rows of (figure, key, value): nested figures joined by dots, breakdowns one row per key. */
    private static List<List<Object>> rows(String prefix, Map<String, Object> figures) {
        List<List<Object>> rows = new ArrayList<>();
        figures.forEach((name, value) -> {
            String figure = prefix.isEmpty() ? name : prefix + "." + name;
            if (value instanceof Map<?, ?> nested) {
                @SuppressWarnings("unchecked")
                Map<String, Object> map = (Map<String, Object>) nested;
                rows.addAll(rows(figure, map));
            } else if (value instanceof List<?> counts) {
                for (Object count : counts) {
                    ProgrammeStats.Count c = (ProgrammeStats.Count) count;
                    rows.add(List.of(figure, c.key(), c.count()));
                }
            } else {
                rows.add(java.util.Arrays.asList(figure, "", value));
            }
        });
        return rows;
    }
}
