package org.citybridge.portal.rest;

import io.quarkus.qute.CheckedTemplate;
import io.quarkus.qute.TemplateInstance;
import io.quarkus.security.Authenticated;
import io.smallrye.common.annotation.Blocking;
import jakarta.inject.Inject;
import jakarta.ws.rs.BeanParam;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.FormParam;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.WebApplicationException;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.core.UriInfo;
import org.citybridge.contracts.vocabulary.RegionNames;
import org.citybridge.portal.client.ApiModels.City;
import org.citybridge.portal.client.ApiModels.Cluster;
import org.citybridge.portal.client.ApiModels.InterestRequest;
import org.citybridge.portal.client.ApiModels.Page;
import org.citybridge.portal.client.ApiModels.Preferences;
import org.citybridge.portal.service.Directory;
import org.citybridge.portal.service.PortalService;
import org.citybridge.portal.service.RequestLanguage;
import org.citybridge.portal.service.Viewer;
import org.citybridge.portal.service.Views;
import org.citybridge.portal.service.Views.CityPage;
import org.citybridge.portal.service.Views.ClusterCard;
import org.citybridge.portal.service.Views.ClusterDetail;
import org.citybridge.portal.service.WorldMap;

import java.net.URI;
import java.util.List;
import java.util.Optional;
import java.util.UUID;

/** The portal's pages. Reads are open to anyone; answering proposals needs a signed-in officer or admin. */
@Path("/")
@Produces(MediaType.TEXT_HTML)
@Blocking
public class PortalPages {

    @CheckedTemplate
    static class Templates {
        static native TemplateInstance home(Frame frame, List<ClusterCard> clusters, Optional<Views.Story> story);

        static native TemplateInstance cities(
                Frame frame,
                Directory.Filter filter,
                Page<City> result,
                List<String> areas,
                List<String> stances,
                List<String> intents);

        static native TemplateInstance city(
                Frame frame,
                CityPage page,
                String notice,
                String interestNotice,
                List<String> areas,
                List<String> stances,
                List<String> intents);

        static native TemplateInstance map(Frame frame, WorldMap map, List<Cluster> clusters, List<String> areas);

        static native TemplateInstance clusters(Frame frame, List<ClusterDetail> clusters, boolean surveys);
    }

    @Inject
    PortalService portal;

    @Inject
    Viewer viewer;

    @Inject
    RequestLanguage language;

    @Context
    UriInfo uri;

    @GET
    public TemplateInstance home() {
        return Templates.home(frame(), portal.clusterCards(), portal.story()).setLocale(language.locale());
    }

    @GET
    @Path("cities")
    public TemplateInstance cities(@BeanParam DirectoryQuery query) {
        Directory.Filter filter = query.filter();
        return Templates.cities(
                        frame(),
                        filter,
                        portal.directory(filter),
                        Directory.AREAS,
                        Directory.STANCES,
                        Directory.INTENTS)
                .setLocale(language.locale());
    }

    @GET
    @Path("cities/{id}")
    public TemplateInstance city(@PathParam("id") String id, @QueryParam("notice") String notice) {
        String known = knownNotice(notice);
        return Templates.city(
                        frame(),
                        portal.cityPage(uuid(id)),
                        // what happened to a proposal shows above the proposals, to an interest above the interests
                        known != null && !known.startsWith("interest") ? known : null,
                        known != null && known.startsWith("interest") ? known : null,
                        Directory.AREAS,
                        Directory.STANCES,
                        Directory.INTENTS)
                .setLocale(language.locale());
    }

    @GET
    @Path("map")
    public TemplateInstance map(
            @QueryParam("cluster") String cluster, @QueryParam("area") String area, @QueryParam("show") String show) {
        WorldMap.Filter filter = new WorldMap.Filter(
                PortalService.optionalId(cluster),
                area != null && Directory.AREAS.contains(area) ? area : null,
                "partnerships".equals(show) || "proposals".equals(show) ? show : "all");
        return Templates.map(frame(), portal.map(filter), portal.clusterList(), Directory.AREAS)
                .setLocale(language.locale());
    }

    @GET
    @Path("clusters")
    public TemplateInstance clusters() {
        return Templates.clusters(frame(), portal.clusterDetails(viewer.admin()), viewer.admin())
                .setLocale(language.locale());
    }

    /** States an interest for the city of the page (its officer or an admin); the API validates it. */
    @POST
    @Path("cities/{id}/interests")
    @Consumes(MediaType.APPLICATION_FORM_URLENCODED)
    @Authenticated
    public Response stateInterest(
            @PathParam("id") String id,
            @FormParam("area") String area,
            @FormParam("stance") String stance,
            @FormParam("intent") String intent,
            @FormParam("regions") String regions,
            @FormParam("countries") String countries,
            @FormParam("note") String note) {
        UUID city = uuid(id);
        String notice = "interest-stated";
        try {
            portal.stateInterest(
                    city,
                    new InterestRequest(
                            area,
                            stance,
                            intent,
                            // regions typed in any of the three languages go to the API by their English names
                            new Preferences(
                                    commaList(regions).stream()
                                            .map(RegionNames::english)
                                            .toList(),
                                    commaList(countries)),
                            note == null || note.isBlank() ? null : note.trim()));
        } catch (WebApplicationException e) {
            notice = interestRefusal(e);
        }
        return Response.seeOther(URI.create("/cities/" + city + "?notice=" + notice + "#interests"))
                .build();
    }

    @POST
    @Path("cities/{id}/interests/{interest}/withdraw")
    @Consumes(MediaType.APPLICATION_FORM_URLENCODED)
    @Authenticated
    public Response withdrawInterest(@PathParam("id") String id, @PathParam("interest") String interest) {
        UUID city = uuid(id);
        String notice = "interest-withdrawn";
        try {
            portal.withdrawInterest(city, uuid(interest));
        } catch (WebApplicationException e) {
            notice = interestRefusal(e);
        }
        return Response.seeOther(URI.create("/cities/" + city + "?notice=" + notice + "#interests"))
                .build();
    }

    /** An API's refusal of an interest form, said above the interests. */
    private static String interestRefusal(WebApplicationException e) {
        return "interest-" + refusal(e, "invalid");
    }

    /**
     * A form's address opened as a page (after signing in again, the browser comes back to it with GET): back to
     * the city's page, where the person can answer again.
     */
    @GET
    @Path("cities/{id}/{form:proposals/[^/]+/(?:accept|decline)|interests|interests/[^/]+/withdraw}")
    public Response formAddress(@PathParam("id") String id) {
        return Response.seeOther(URI.create("/cities/" + uuid(id))).build();
    }

    /** An API's refusal of a form as the notice the page shows; anything else is an error page. */
    private static String refusal(WebApplicationException e, String invalid) {
        return switch (e.getResponse().getStatus()) {
            case 400, 422 -> invalid;
            case 403 -> "forbidden";
            case 404, 409, 412 -> "conflict";
            default -> throw e;
        };
    }

    /**
     * Accepts or declines a proposal for the city of the page. The version the person saw goes to the API as
     * If-Match: if the proposal changed meanwhile nothing is answered, and the page says so and shows the new state.
     */
    @POST
    @Path("cities/{id}/proposals/{proposal}/{answer:accept|decline}")
    @Consumes(MediaType.APPLICATION_FORM_URLENCODED)
    @Authenticated
    public Response answer(
            @PathParam("id") String id,
            @PathParam("proposal") String proposal,
            @PathParam("answer") String answer,
            @FormParam("version") long version) {
        UUID city = uuid(id);
        String notice;
        try {
            portal.answer(city, uuid(proposal), answer.equals("accept"), version);
            notice = answer.equals("accept") ? "accepted" : "declined";
        } catch (WebApplicationException e) {
            notice = e.getResponse().getStatus() == 412 ? "changed" : refusal(e, "conflict");
        }
        return Response.seeOther(URI.create("/cities/" + city + "?notice=" + notice + "#proposals"))
                .build();
    }

    /** Where Keycloak sends a person it did not sign in (quarkus.oidc.authentication.error-path): a sentence. */
    @GET
    @Path("sign-in-failed")
    public TemplateInstance signInFailed() {
        throw new ErrorPages.SignInFailed();
    }

    /** Signs in through Keycloak (the path is protected), then goes back to the page the person came from. */
    @GET
    @Path("sign-in")
    @Authenticated
    public Response signIn(@QueryParam("to") String to) {
        return Response.seeOther(URI.create(localPath(to))).build();
    }

    /** Only a path of this site: never a redirect elsewhere. */
    public static String localPath(String to) {
        if (to == null || !to.startsWith("/") || to.startsWith("//") || to.contains("\\") || to.contains("://")) {
            return "/";
        }
        try {
            URI uri = URI.create(to);
            return uri.getScheme() == null && uri.getAuthority() == null ? to : "/";
        } catch (IllegalArgumentException unusable) {
            return "/";
        }
    }

    /** What a page may say about the person's last action (?notice=); anything else is ignored. */
    public static final java.util.Set<String> NOTICES = java.util.Set.of(
            "accepted",
            "declined",
            "changed",
            "conflict",
            "forbidden",
            "interest-stated",
            "interest-withdrawn",
            "interest-invalid",
            "interest-forbidden",
            "interest-conflict");

    private static String knownNotice(String notice) {
        return notice != null && NOTICES.contains(notice) ? notice : null;
    }

    private Frame frame() {
        return Frame.of(language.texts(), viewer, uri);
    }

    static UUID uuid(String value) {
        try {
            return UUID.fromString(value);
        } catch (IllegalArgumentException e) {
            throw new WebApplicationException(404);
        }
    }

    /** A form field of comma-separated values ("Eastern Asia, South America"), blanks left out. */
    static List<String> commaList(String field) {
        return field == null
                ? List.of()
                : java.util.Arrays.stream(field.split("[,，、]"))
                        .map(String::strip)
                        .filter(value -> !value.isEmpty())
                        .toList();
    }
}
