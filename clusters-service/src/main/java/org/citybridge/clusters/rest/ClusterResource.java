package org.citybridge.clusters.rest;

import io.quarkus.panache.common.Sort;
import jakarta.annotation.security.RolesAllowed;
import jakarta.inject.Inject;
import jakarta.validation.Valid;
import jakarta.validation.constraints.NotNull;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.HeaderParam;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.PUT;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import org.citybridge.clusters.domain.ClusterStatus;
import org.citybridge.clusters.domain.Membership;
import org.citybridge.clusters.service.ClusterService;
import org.citybridge.contracts.vocabulary.CooperationArea;
import org.citybridge.contracts.vocabulary.MemberKind;
import org.citybridge.kit.paging.Page;
import org.citybridge.kit.paging.PageRequest;
import org.citybridge.kit.problem.ApiException;
import org.citybridge.kit.security.Roles;
import org.citybridge.kit.web.ETags;
import org.citybridge.kit.web.QueryParams;
import org.citybridge.kit.web.Responses;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.enums.SchemaType;
import org.eclipse.microprofile.openapi.annotations.media.Content;
import org.eclipse.microprofile.openapi.annotations.media.Schema;
import org.eclipse.microprofile.openapi.annotations.parameters.Parameter;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

import java.util.Map;
import java.util.UUID;

import static org.citybridge.clusters.rest.ApiDocs.IDEMPOTENCY_DOC;
import static org.citybridge.clusters.rest.ApiDocs.IDEMPOTENCY_KEY;
import static org.citybridge.clusters.rest.ApiDocs.IF_MATCH_DOC;

/** Thematic clusters and their members. */
@Path("/api/v1/clusters")
@Produces(MediaType.APPLICATION_JSON)
@Consumes(MediaType.APPLICATION_JSON)
@Tag(name = "Clusters", description = "South-South Cities Clusters: thematic communities of cities and organisations")
public class ClusterResource {

    private static final Map<String, String> CLUSTER_SORTS =
            Map.of("name", "name", "slug", "slug", "launchedAt", "launchedAt");
    private static final Map<String, String> MEMBER_SORTS =
            Map.of("joinedAt", "joinedAt", "memberName", "memberName", "role", "role");

    @Inject
    ClusterService clusters;

    @Inject
    Responses responses;

    @GET
    @Operation(
            operationId = "listClusters",
            summary = "List clusters",
            description = "Filter by text in name or slug, by cooperation area, by status; "
                    + "sort by name, slug, launchedAt (prefix - for descending)")
    @APIResponse(responseCode = "200", description = "A page of clusters")
    public Page<ClusterView> list(
            @QueryParam("q") String q,
            @QueryParam("area")
                    @Parameter(
                            schema = @Schema(implementation = CooperationArea.class),
                            description = "cooperation area code, e.g. tourism")
                    String area,
            @QueryParam("status") @Parameter(schema = @Schema(implementation = ClusterStatus.class)) String status,
            @QueryParam("page") String page,
            @QueryParam("size") String size,
            @QueryParam("sort") String sort) {
        PageRequest paging =
                PageRequest.of(page, size, sort, CLUSTER_SORTS, Sort.by("name").and("id"));
        return clusters.list(
                        QueryParams.text("q", q),
                        QueryParams.code("area", area, CooperationArea::fromCode),
                        QueryParams.enumValue(ClusterStatus.class, "status", status),
                        paging)
                .map(ClusterView::of);
    }

    @GET
    @Path("/{id}") // one template with the other /{id} paths: generators and linters need path names to agree
    @Operation(
            operationId = "getCluster",
            summary = "Get a cluster by id or slug",
            description =
                    "Looked up by its id or its slug. Answers with its ETag: send it in If-None-Match to get 304 while it is unchanged, or in If-Match to update it.")
    @APIResponse(
            responseCode = "200",
            description = "The cluster, with its ETag",
            content = @Content(schema = @Schema(implementation = ClusterView.class)))
    public Response get(
            @PathParam("id")
                    @Parameter(
                            description = "The cluster's id or its slug",
                            example = "sustainable-tourism-heritage-creative-economy")
                    String idOrSlug) {
        return clusters.find(idOrSlug)
                .map(c -> Responses.ok(ClusterView.of(c), c.version))
                .orElseThrow(() -> ApiException.notFound("Cluster", idOrSlug));
    }

    @POST
    @RolesAllowed(Roles.PLATFORM_ADMIN)
    @Operation(
            operationId = "createCluster",
            summary = "Launch a cluster",
            description = "Announced with ClusterLaunched on cluster-events")
    @APIResponse(
            responseCode = "201",
            description = "Created",
            content = @Content(schema = @Schema(implementation = ClusterView.class)))
    @APIResponse(responseCode = "409", description = "Slug taken")
    public Response create(
            @Valid @NotNull ClusterRequest body,
            @HeaderParam(IDEMPOTENCY_KEY) @Parameter(description = IDEMPOTENCY_DOC) String idempotencyKey) {
        return responses.created(idempotencyKey, "/api/v1/clusters", body, () -> {
            var cluster = clusters.create(body.toCommand());
            return new Responses.Created(ClusterView.of(cluster), "/api/v1/clusters/" + cluster.id, cluster.version);
        });
    }

    @PUT
    @Path("/{id}")
    @RolesAllowed(Roles.PLATFORM_ADMIN)
    @Operation(
            operationId = "updateCluster",
            summary = "Update a cluster",
            description = "Needs If-Match; announced again with ClusterLaunched")
    @APIResponse(
            responseCode = "200",
            description = "Updated",
            content = @Content(schema = @Schema(implementation = ClusterView.class)))
    public Response update(
            @PathParam("id") UUID id,
            @HeaderParam("If-Match") @Parameter(description = IF_MATCH_DOC) String ifMatch,
            @Valid @NotNull ClusterRequest body) {
        var cluster = clusters.update(id, ETags.expectedVersion(ifMatch), body.toCommand());
        return Responses.ok(ClusterView.of(cluster), cluster.version);
    }

    @GET
    @Path("/{id}/members")
    @Operation(
            operationId = "listClusterMembers",
            summary = "List a cluster's members",
            description = "Active members by default; includeLeft=true adds "
                    + "past memberships. Sort by joinedAt, memberName, role")
    @APIResponse(responseCode = "200", description = "A page of memberships")
    public Page<MembershipView> members(
            @PathParam("id") UUID id,
            @QueryParam("memberKind") @Parameter(schema = @Schema(implementation = MemberKind.class)) String memberKind,
            @QueryParam("memberId") @Parameter(schema = @Schema(type = SchemaType.STRING, format = "uuid"))
                    String memberId,
            @QueryParam("includeLeft") @Parameter(schema = @Schema(type = SchemaType.BOOLEAN, defaultValue = "false"))
                    String includeLeft,
            @QueryParam("page") String page,
            @QueryParam("size") String size,
            @QueryParam("sort") String sort) {
        PageRequest paging = PageRequest.of(
                page, size, sort, MEMBER_SORTS, Sort.by("joinedAt").and("id"));
        return clusters.members(
                        id,
                        QueryParams.enumValue(MemberKind.class, "memberKind", memberKind),
                        QueryParams.uuid("memberId", memberId),
                        QueryParams.flag("includeLeft", includeLeft, false),
                        paging)
                .map(MembershipView::of);
    }

    @GET
    @Path("/{id}/members/{membershipId}")
    @Operation(
            operationId = "getClusterMember",
            summary = "Get one membership",
            description =
                    "A city's or an organisation's membership of the cluster, left ones included. Answers with its ETag: send it in If-None-Match to get 304 while it is unchanged.")
    @APIResponse(
            responseCode = "200",
            description = "The membership",
            content = @Content(schema = @Schema(implementation = MembershipView.class)))
    public Response member(@PathParam("id") UUID id, @PathParam("membershipId") UUID membershipId) {
        Membership membership = clusters.membership(id, membershipId)
                .orElseThrow(() -> ApiException.notFound("Membership", membershipId));
        return Responses.ok(MembershipView.of(membership), membership.version);
    }

    @POST
    @Path("/{id}/members")
    @RolesAllowed({Roles.PLATFORM_ADMIN, Roles.CITY_OFFICER})
    @Operation(
            operationId = "joinCluster",
            summary = "Join a cluster",
            description =
                    "A platform admin adds any city or organisation; a city officer "
                            + "adds only their own city. The city must be registered and not retired. Announced with MemberJoined")
    @APIResponse(
            responseCode = "201",
            description = "Joined",
            content = @Content(schema = @Schema(implementation = MembershipView.class)))
    @APIResponse(responseCode = "403", description = "Wrong role, or an officer of another city")
    @APIResponse(responseCode = "409", description = "Already a member, or the cluster is closed")
    @APIResponse(responseCode = "422", description = "Unknown or retired city, or unknown organisation")
    public Response join(
            @PathParam("id") UUID id,
            @Valid @NotNull JoinRequest body,
            @HeaderParam(IDEMPOTENCY_KEY) @Parameter(description = IDEMPOTENCY_DOC) String idempotencyKey) {
        return responses.created(idempotencyKey, "/api/v1/clusters/" + id + "/members", body, () -> {
            Membership membership = clusters.join(id, body.toCommand());
            return new Responses.Created(
                    MembershipView.of(membership),
                    "/api/v1/clusters/" + id + "/members/" + membership.id,
                    membership.version);
        });
    }

    @POST
    @Path("/{id}/members/{membershipId}/leave")
    @Consumes(MediaType.WILDCARD) // no body
    @RolesAllowed({Roles.PLATFORM_ADMIN, Roles.CITY_OFFICER})
    @Operation(
            operationId = "leaveCluster",
            summary = "Leave a cluster",
            description = "Ends the membership (kept as history); announced with MemberLeft")
    @APIResponse(
            responseCode = "200",
            description = "Left",
            content = @Content(schema = @Schema(implementation = MembershipView.class)))
    @APIResponse(responseCode = "403", description = "Wrong role, or an officer of another city")
    @APIResponse(responseCode = "409", description = "Already left")
    public Response leave(@PathParam("id") UUID id, @PathParam("membershipId") UUID membershipId) {
        Membership membership = clusters.leave(id, membershipId);
        return Responses.ok(MembershipView.of(membership), membership.version);
    }
}
