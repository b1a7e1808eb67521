package org.citybridge.clusters.messaging;

import io.quarkus.runtime.StartupEvent;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import jakarta.inject.Inject;
import org.citybridge.clusters.service.ClusterService;
import org.jboss.logging.Logger;

/**
 * Announces the clusters that exist without an API call (the seven seeded by migration) with
 * ClusterLaunched, once: the flag that marks a cluster as announced commits with its outbox event,
 * so a restart announces nothing twice and a crash before commit announces it at the next start.
 */
@ApplicationScoped
public class SeedClusterAnnouncer {

    private static final Logger LOG = Logger.getLogger(SeedClusterAnnouncer.class);

    @Inject
    ClusterService clusters;

    void onStart(@Observes StartupEvent event) {
        int announced = clusters.announcePending();
        if (announced > 0) {
            LOG.infof("Announced %d seeded cluster(s) with ClusterLaunched", announced);
        }
    }
}
