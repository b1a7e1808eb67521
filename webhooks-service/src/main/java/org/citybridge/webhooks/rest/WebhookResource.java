package org.citybridge.webhooks.rest;

import io.quarkus.panache.common.Sort;
import jakarta.annotation.security.RolesAllowed;
import jakarta.inject.Inject;
import jakarta.validation.Valid;
import jakarta.validation.constraints.NotNull;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.DELETE;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.HeaderParam;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import org.citybridge.kit.paging.Page;
import org.citybridge.kit.paging.PageRequest;
import org.citybridge.kit.security.Caller;
import org.citybridge.kit.security.Roles;
import org.citybridge.kit.web.ETags;
import org.citybridge.kit.web.QueryParams;
import org.citybridge.kit.web.Responses;
import org.citybridge.webhooks.domain.Delivery;
import org.citybridge.webhooks.domain.DeliveryStatus;
import org.citybridge.webhooks.domain.Subscription;
import org.citybridge.webhooks.service.SubscriptionService;
import org.citybridge.webhooks.service.SubscriptionService.Viewer;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.media.Content;
import org.eclipse.microprofile.openapi.annotations.media.Schema;
import org.eclipse.microprofile.openapi.annotations.parameters.Parameter;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

import java.util.Map;
import java.util.UUID;

/**
 * Partner systems subscribe to the platform's events and read how their deliveries went. Each sees only
 * its own subscriptions; an administrator sees all.
 */
@Path("/api/v1/webhooks")
@Produces(MediaType.APPLICATION_JSON)
@Consumes(MediaType.APPLICATION_JSON)
@RolesAllowed({Roles.PARTNER_SYSTEM, Roles.PLATFORM_ADMIN})
@Tag(name = "Webhooks", description = "Subscriptions to the platform's events, delivered as signed CloudEvents")
public class WebhookResource {

    private static final String IDEMPOTENCY_KEY = "Idempotency-Key";
    private static final Map<String, String> SORTS = Map.of("createdAt", "createdAt", "url", "url", "status", "status");
    private static final Map<String, String> DELIVERY_SORTS =
            Map.of("createdAt", "createdAt", "status", "status", "attempts", "attempts");

    @Inject
    SubscriptionService subscriptions;

    @Inject
    Caller caller;

    @Inject
    Responses responses;

    @POST
    @Operation(
            operationId = "createWebhook",
            summary = "Subscribe to event types",
            description = "Every event of the listed CloudEvents types is POSTed to the URL (https; not to loopback, "
                    + "private or link-local addresses unless the installation allows the host) as a CloudEvent, "
                    + "structured or binary, signed by the Standard Webhooks scheme (webhook-id, webhook-timestamp, "
                    + "webhook-signature: HMAC-SHA256 with the secret). Events of one aggregate arrive in order; a "
                    + "failed delivery is retried with exponential back-off for up to 24 hours, then the subscription "
                    + "pauses. The answer holds the secret: it is shown this once.")
    @APIResponse(
            responseCode = "201",
            description = "Subscribed; the answer holds the secret",
            content = @Content(schema = @Schema(implementation = WebhookView.class)))
    public Response create(
            @Valid @NotNull WebhookRequest body,
            @HeaderParam(IDEMPOTENCY_KEY)
                    @Parameter(
                            description = "Optional; a retried request with the same key and body returns the first "
                                    + "response and subscribes once, with another body it is 422")
                    String idempotencyKey) {
        return responses.created(idempotencyKey, "/api/v1/webhooks", body, () -> {
            SubscriptionService.Created created =
                    subscriptions.create(viewer(), body.url(), body.eventTypes(), body.mode(), body.description());
            Subscription subscription = created.subscription();
            return new Responses.Created(
                    WebhookView.of(subscription).withSecret(created.secret()),
                    "/api/v1/webhooks/" + subscription.id,
                    subscription.version);
        });
    }

    @GET
    @Operation(
            operationId = "listWebhooks",
            summary = "List subscriptions",
            description = "The caller's own (all of them for an administrator); sort by createdAt, url, status")
    @APIResponse(responseCode = "200", description = "A page of subscriptions")
    public Page<WebhookView> list(
            @QueryParam("page") String page, @QueryParam("size") String size, @QueryParam("sort") String sort) {
        PageRequest paging =
                PageRequest.of(page, size, sort, SORTS, Sort.by("createdAt").and("id"));
        return subscriptions.list(viewer(), paging).map(WebhookView::of);
    }

    @GET
    @Path("/{id}")
    @Operation(
            operationId = "getWebhook",
            summary = "Get a subscription",
            description = "Its status (PAUSED with the reason when its deliveries kept failing), without the secret.")
    @APIResponse(
            responseCode = "200",
            description = "The subscription, with its ETag",
            content = @Content(schema = @Schema(implementation = WebhookView.class)))
    public Response get(@PathParam("id") UUID id) {
        Subscription subscription = subscriptions.get(viewer(), id);
        return Responses.ok(WebhookView.of(subscription), subscription.version);
    }

    @DELETE
    @Path("/{id}")
    @Operation(
            operationId = "deleteWebhook",
            summary = "Unsubscribe",
            description =
                    "Needs If-Match. Deletes the subscription with its deliveries and their log; nothing more is sent.")
    @APIResponse(responseCode = "204", description = "Deleted")
    public Response delete(
            @PathParam("id") UUID id,
            @HeaderParam("If-Match") @Parameter(description = "The ETag of the subscription as last read (required)")
                    String ifMatch) {
        subscriptions.delete(viewer(), id, ETags.expectedVersion(ifMatch));
        return Response.noContent().build();
    }

    @POST
    @Path("/{id}/pings")
    @Consumes(MediaType.WILDCARD) // no body
    @Operation(
            operationId = "pingWebhook",
            summary = "Send a test event",
            description = "Queues a delivery of an org.citybridge.webhook.ping.v1 event to the subscription's URL, "
                    + "signed as every delivery is; its outcome shows in the delivery log.")
    @APIResponse(
            responseCode = "202",
            description = "Queued",
            content = @Content(schema = @Schema(implementation = DeliveryView.class)))
    public Response ping(@PathParam("id") UUID id) {
        Delivery delivery = subscriptions.ping(viewer(), id);
        return Response.accepted(DeliveryView.of(delivery, SubscriptionService.PING_TYPE, null))
                .build();
    }

    @POST
    @Path("/{id}/secret-rotations")
    @Consumes(MediaType.WILDCARD) // no body
    @Operation(
            operationId = "rotateWebhookSecret",
            summary = "Rotate the signing secret",
            description = "A new secret, shown this once. For 24 hours every delivery carries two signatures, with "
                    + "the new and the previous secret, so the receiver can switch without losing a delivery.")
    @APIResponse(
            responseCode = "200",
            description = "The new secret",
            content = @Content(schema = @Schema(implementation = SecretView.class)))
    public SecretView rotateSecret(@PathParam("id") UUID id) {
        SubscriptionService.Rotated rotated = subscriptions.rotateSecret(viewer(), id);
        return new SecretView(rotated.secret(), rotated.subscription().previousSecretUntil);
    }

    @POST
    @Path("/{id}/replays")
    @Operation(
            operationId = "replayWebhook",
            summary = "Send again from a point in time, and resume",
            description = "Queues again, in their order, the kept events (7 days by default) of the subscription's "
                    + "types from the given time on, and resumes a paused subscription.")
    @APIResponse(
            responseCode = "202",
            description = "Queued",
            content = @Content(schema = @Schema(implementation = ReplayView.class)))
    public Response replay(@PathParam("id") UUID id, @Valid @NotNull ReplayRequest body) {
        int queued = subscriptions.replay(viewer(), id, body.from());
        return Response.accepted(new ReplayView(body.from(), queued)).build();
    }

    @GET
    @Path("/{id}/deliveries")
    @Operation(
            operationId = "listWebhookDeliveries",
            summary = "The delivery log",
            description = "Each delivery with its status, attempts, last answer and latency, newest first; filter by "
                    + "status; sort by createdAt, status, attempts")
    @APIResponse(responseCode = "200", description = "A page of deliveries")
    public Page<DeliveryView> deliveries(
            @PathParam("id") UUID id,
            @QueryParam("status") @Parameter(schema = @Schema(implementation = DeliveryStatus.class)) String status,
            @QueryParam("page") String page,
            @QueryParam("size") String size,
            @QueryParam("sort") String sort) {
        PageRequest paging = PageRequest.of(
                page, size, sort, DELIVERY_SORTS, Sort.descending("createdAt").and("id"));
        Viewer viewer = viewer();
        Page<Delivery> log = subscriptions.deliveries(
                viewer, id, QueryParams.enumValue(DeliveryStatus.class, "status", status), paging);
        Map<String, String> types = subscriptions.eventTypes(log.items());
        return log.map(d -> DeliveryView.of(d, types.get(d.eventId), null));
    }

    @GET
    @Path("/{id}/deliveries/{deliveryId}")
    @Operation(
            operationId = "getWebhookDelivery",
            summary = "One delivery with every attempt",
            description =
                    "Each attempt's time, the target's status code (none when it gave no answer), latency and error.")
    @APIResponse(
            responseCode = "200",
            description = "The delivery",
            content = @Content(schema = @Schema(implementation = DeliveryView.class)))
    public DeliveryView delivery(@PathParam("id") UUID id, @PathParam("deliveryId") UUID deliveryId) {
        Delivery delivery = subscriptions.delivery(viewer(), id, deliveryId);
        return DeliveryView.of(delivery, subscriptions.eventType(delivery), subscriptions.attempts(deliveryId));
    }

    private Viewer viewer() {
        return new Viewer(caller.auditSubject(), caller.isAdmin());
    }
}
