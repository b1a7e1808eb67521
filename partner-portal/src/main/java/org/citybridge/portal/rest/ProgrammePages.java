package org.citybridge.portal.rest;

import io.quarkus.qute.CheckedTemplate;
import io.quarkus.qute.TemplateInstance;
import io.smallrye.common.annotation.Blocking;
import jakarta.annotation.security.RolesAllowed;
import jakarta.inject.Inject;
import jakarta.ws.rs.BeanParam;
import jakarta.ws.rs.Consumes;
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
import org.citybridge.portal.client.ApiModels.Cluster;
import org.citybridge.portal.client.ApiModels.PairingRound;
import org.citybridge.portal.client.ApiModels.Stats;
import org.citybridge.portal.service.Directory;
import org.citybridge.portal.service.PortalService;
import org.citybridge.portal.service.RequestLanguage;
import org.citybridge.portal.service.Viewer;
import org.citybridge.portal.service.Views.StatsFilter;

import java.net.URI;
import java.util.List;
import java.util.UUID;

/** The pages of programme staff (platform-admin): the dashboard and pairing rounds. */
@Path("/")
@Produces(MediaType.TEXT_HTML)
@Blocking
@RolesAllowed(Viewer.ADMIN)
public class ProgrammePages {

    @CheckedTemplate
    static class Templates {
        static native TemplateInstance pairing(
                Frame frame,
                PairingRound round,
                String notice,
                PairingChoice choice,
                List<Cluster> clusters,
                List<String> areas);

        static native TemplateInstance dashboard(
                Frame frame, StatsFilter filter, Stats stats, List<Cluster> clusters, String csv);
    }

    @Inject
    PortalService portal;

    @Inject
    Viewer viewer;

    @Inject
    RequestLanguage language;

    @Context
    UriInfo uri;

    /** The programme dashboard: matchmaking's statistics as tables and bars, for platform-admins. */
    @GET
    @Path("dashboard")
    @RolesAllowed(Viewer.ADMIN)
    public TemplateInstance dashboard(@BeanParam StatsQuery query) {
        StatsFilter filter = query.filter();
        return Templates.dashboard(
                        frame(),
                        filter,
                        portal.stats(filter),
                        portal.clusterList(),
                        "/dashboard.csv?" + query.asQuery())
                .setLocale(language.locale());
    }

    @GET
    @Path("dashboard.csv")
    @Produces("text/csv")
    @RolesAllowed(Viewer.ADMIN)
    public Response dashboardCsv(@BeanParam StatsQuery query) {
        return Response.ok(portal.statsCsv(query.filter()))
                .header("Content-Disposition", "attachment; filename=\"citybridge-statistics.csv\"")
                .build();
    }

    /** The pairing-round page: the form, and a round's pairs once run (?round=). */
    @GET
    @Path("pairing")
    @RolesAllowed(Viewer.ADMIN)
    public TemplateInstance pairing(@QueryParam("round") String round, @QueryParam("notice") String notice) {
        PairingRound shown = round == null || round.isBlank() ? null : portal.round(PortalPages.uuid(round));
        return Templates.pairing(
                        frame(),
                        shown,
                        PAIRING_NOTICES.contains(String.valueOf(notice)) ? notice : null,
                        PairingChoice.of(uri.getQueryParameters()).orFrom(shown),
                        portal.clusterList(),
                        Directory.AREAS)
                .setLocale(language.locale());
    }

    public static final java.util.Set<String> PAIRING_NOTICES =
            java.util.Set.of("proposed", "already-proposed", "job", "invalid");

    /** Runs a round between two groups (e.g. Mexican and Chinese cities of a cluster) and shows its pairs. */
    @POST
    @Path("pairing")
    @Consumes(MediaType.APPLICATION_FORM_URLENCODED)
    @RolesAllowed(Viewer.ADMIN)
    public Response runPairing(@BeanParam PairingForm form) {
        PairingChoice choice = form.choice();
        // the page it leads to shows the choice again in the form
        String chosen = choice.query().isEmpty() ? "" : "&" + choice.query();
        try {
            return portal.pairingRound(choice.request())
                    .map(id -> Response.seeOther(URI.create("/pairing?round=" + id + chosen)))
                    .orElseGet(() -> Response.seeOther(URI.create("/pairing?notice=job" + chosen)))
                    .build();
        } catch (WebApplicationException e) {
            if (e.getResponse().getStatus() == 400 || e.getResponse().getStatus() == 422) {
                return Response.seeOther(URI.create("/pairing?notice=invalid" + chosen))
                        .build();
            }
            throw e;
        }
    }

    /** Turns a round's pairs into proposals, once. */
    @POST
    @Path("pairing/{round}/proposals")
    @Consumes(MediaType.APPLICATION_FORM_URLENCODED)
    @RolesAllowed(Viewer.ADMIN)
    public Response proposeRound(@PathParam("round") String round) {
        UUID id = PortalPages.uuid(round);
        String notice = "proposed";
        try {
            portal.proposeRound(id);
        } catch (WebApplicationException e) {
            if (e.getResponse().getStatus() != 409) {
                throw e;
            }
            notice = "already-proposed";
        }
        String chosen = PairingChoice.of(uri.getQueryParameters()).query();
        return Response.seeOther(URI.create(
                        "/pairing?round=" + id + "&notice=" + notice + (chosen.isEmpty() ? "" : "&" + chosen)))
                .build();
    }

    private Frame frame() {
        return Frame.of(language.texts(), viewer, uri);
    }
}
