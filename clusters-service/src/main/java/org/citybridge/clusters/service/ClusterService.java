package org.citybridge.clusters.service;

import io.quarkus.hibernate.orm.panache.PanacheQuery;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.transaction.Transactional;
import org.citybridge.clusters.domain.Cluster;
import org.citybridge.clusters.domain.ClusterStatus;
import org.citybridge.clusters.domain.KnownCity;
import org.citybridge.clusters.domain.Membership;
import org.citybridge.clusters.domain.Organisation;
import org.citybridge.contracts.events.ClusterLaunched;
import org.citybridge.contracts.events.MemberJoined;
import org.citybridge.contracts.events.MemberLeft;
import org.citybridge.contracts.vocabulary.CooperationArea;
import org.citybridge.contracts.vocabulary.MemberKind;
import org.citybridge.contracts.vocabulary.MemberRole;
import org.citybridge.kit.command.ExpectedVersion;
import org.citybridge.kit.outbox.EventOutbox;
import org.citybridge.kit.paging.Page;
import org.citybridge.kit.paging.PageRequest;
import org.citybridge.kit.persistence.TextSearch;
import org.citybridge.kit.persistence.Uniqueness;
import org.citybridge.kit.problem.ApiException;
import org.citybridge.kit.security.Caller;
import org.citybridge.kit.time.Clock;

import java.util.ArrayList;
import java.util.EnumSet;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;

/** Clusters and their memberships. */
@ApplicationScoped
public class ClusterService {

    @Inject
    EventOutbox outbox;

    @Inject
    KnownCityService cities;

    @Inject
    Caller caller;

    public Page<Cluster> list(String q, CooperationArea area, ClusterStatus status, PageRequest paging) {
        StringBuilder where = new StringBuilder("1 = 1");
        Map<String, Object> params = new HashMap<>();
        if (q != null && !q.isBlank()) {
            where.append(" and (" + TextSearch.contains("name", "q") + " or " + TextSearch.contains("slug", "q") + ")");
            params.put("q", TextSearch.pattern(q));
        }
        if (area != null) {
            where.append(" and :area member of areas");
            params.put("area", area);
        }
        if (status != null) {
            where.append(" and status = :status");
            params.put("status", status);
        }
        PanacheQuery<Cluster> query =
                Cluster.find(where.toString(), paging.sort(), params).page(paging.panachePage());
        return Page.of(query.list(), paging, query.count());
    }

    /** By id, or by slug when the key is not a UUID. */
    public Optional<Cluster> find(String idOrSlug) {
        try {
            return Cluster.findByIdOptional(UUID.fromString(idOrSlug));
        } catch (IllegalArgumentException notAUuid) {
            return Cluster.findBySlug(idOrSlug);
        }
    }

    @Transactional
    public Cluster create(ClusterCommand command) {
        if (Cluster.findBySlug(command.slug()).isPresent()) {
            throw ApiException.conflict("A cluster with slug '" + command.slug() + "' already exists");
        }
        Cluster cluster = new Cluster();
        cluster.id = UUID.randomUUID();
        cluster.launchedAt = Clock.now();
        apply(cluster, command);
        cluster.announced = true;
        cluster.persist();
        outbox.append(launched(cluster));
        return cluster;
    }

    @Transactional
    public Cluster update(UUID id, ExpectedVersion expected, ClusterCommand command) {
        Cluster cluster = Cluster.<Cluster>findByIdOptional(id).orElseThrow(() -> ApiException.notFound("Cluster", id));
        expected.check(cluster.version);
        Optional<Cluster> sameSlug = Cluster.findBySlug(command.slug());
        if (sameSlug.isPresent() && !sameSlug.get().id.equals(id)) {
            throw ApiException.conflict("A cluster with slug '" + command.slug() + "' already exists");
        }
        apply(cluster, command);
        cluster.announced = true;
        Cluster.getEntityManager().flush();
        // ClusterLaunched also announces changes of name or areas (see its contract)
        outbox.append(launched(cluster));
        return cluster;
    }

    /** Appends ClusterLaunched for every cluster not announced yet (the seeded ones); idempotent. */
    @Transactional
    public int announcePending() {
        List<Cluster> pending = Cluster.getEntityManager()
                .createQuery("from Cluster where announced = false order by slug", Cluster.class)
                .setLockMode(jakarta.persistence.LockModeType.PESSIMISTIC_WRITE)
                .getResultList();
        for (Cluster cluster : pending) {
            cluster.announced = true;
            outbox.append(launched(cluster));
        }
        return pending.size();
    }

    private static void apply(Cluster cluster, ClusterCommand command) {
        cluster.slug = command.slug();
        cluster.name = command.name().trim();
        cluster.description = command.description();
        cluster.status = command.status() == null ? ClusterStatus.ACTIVE : command.status();
        cluster.areas.clear();
        cluster.areas.addAll(EnumSet.copyOf(command.areas()));
        cluster.updatedAt = Clock.now();
    }

    private static ClusterLaunched launched(Cluster cluster) {
        return new ClusterLaunched(
                cluster.id, cluster.slug, cluster.name, new ArrayList<>(sorted(cluster)), cluster.launchedAt);
    }

    private static List<CooperationArea> sorted(Cluster cluster) {
        return cluster.areas.stream().sorted().toList();
    }

    // ---- memberships

    public Page<Membership> members(
            UUID clusterId, MemberKind kind, UUID memberId, boolean includeLeft, PageRequest paging) {
        requireCluster(clusterId);
        StringBuilder where = new StringBuilder("clusterId = :cluster");
        Map<String, Object> params = new HashMap<>();
        params.put("cluster", clusterId);
        if (kind != null) {
            where.append(" and memberKind = :kind");
            params.put("kind", kind);
        }
        if (memberId != null) {
            where.append(" and memberId = :member");
            params.put("member", memberId);
        }
        if (!includeLeft) {
            where.append(" and leftAt is null");
        }
        PanacheQuery<Membership> query =
                Membership.find(where.toString(), paging.sort(), params).page(paging.panachePage());
        return Page.of(query.list(), paging, query.count());
    }

    public Optional<Membership> membership(UUID clusterId, UUID membershipId) {
        return Membership.<Membership>findByIdOptional(membershipId).filter(m -> m.clusterId.equals(clusterId));
    }

    /**
     * A city (its own officer, or an admin) or an organisation (admin only) joins the cluster.
     * Unknown or retired cities and unknown organisations are 422; joining twice is 409.
     */
    @Transactional
    public Membership join(UUID clusterId, MembershipCommand command) {
        Cluster cluster = requireCluster(clusterId);
        authoriseFor(command.memberKind(), command.memberId());
        if (command.role() != null && command.role() != MemberRole.MEMBER && !caller.isAdmin()) {
            // leading or facilitating a cluster is the programme's decision, not the city's own
            throw ApiException.forbidden("Only a platform admin may make a member " + command.role());
        }
        if (cluster.status == ClusterStatus.CLOSED) {
            throw ApiException.conflict("Cluster " + cluster.slug + " is closed and takes no new members");
        }
        String name;
        if (command.memberKind() == MemberKind.CITY) {
            KnownCity city = cities.requireActive(command.memberId(), "member");
            name = city.name;
        } else {
            Organisation organisation = Organisation.findById(command.memberId());
            if (organisation == null) {
                throw ApiException.unprocessable("Unknown organisation " + command.memberId() + " as member");
            }
            name = organisation.name;
        }
        boolean alreadyMember = Membership.count(
                        "clusterId = ?1 and memberKind = ?2 and memberId = ?3 and leftAt is null",
                        clusterId,
                        command.memberKind(),
                        command.memberId())
                > 0;
        if (alreadyMember) {
            throw ApiException.conflict(name + " is already a member of cluster " + cluster.slug);
        }
        Membership membership = new Membership();
        membership.id = UUID.randomUUID();
        membership.clusterId = clusterId;
        membership.memberKind = command.memberKind();
        membership.memberId = command.memberId();
        membership.memberName = name;
        membership.role = command.role() == null ? MemberRole.MEMBER : command.role();
        membership.joinedAt = Clock.now();
        // the partial unique index on active memberships settles a race between two joins
        Uniqueness.persist(membership, name + " is already a member of cluster " + cluster.slug);
        outbox.append(new MemberJoined(
                clusterId,
                membership.id,
                membership.memberKind,
                membership.memberId,
                membership.memberName,
                membership.role,
                membership.joinedAt));
        return membership;
    }

    /** Ends an active membership; the record stays as history. Leaving twice is 409. */
    @Transactional
    public Membership leave(UUID clusterId, UUID membershipId) {
        Membership membership = membership(clusterId, membershipId)
                .orElseThrow(() -> ApiException.notFound("Membership", membershipId));
        authoriseFor(membership.memberKind, membership.memberId);
        if (!membership.isActive()) {
            throw ApiException.conflict("Membership " + membershipId + " already ended at " + membership.leftAt);
        }
        membership.leftAt = Clock.now();
        Membership.getEntityManager().flush();
        outbox.append(new MemberLeft(
                clusterId, membership.id, membership.memberKind, membership.memberId, membership.leftAt));
        return membership;
    }

    private void authoriseFor(MemberKind kind, UUID memberId) {
        if (caller.isAdmin()) {
            return;
        }
        if (kind != MemberKind.CITY) {
            throw ApiException.forbidden("Only a platform admin may change the memberships of organisations");
        }
        caller.requireActsFor(memberId);
    }

    private static Cluster requireCluster(UUID clusterId) {
        return Cluster.<Cluster>findByIdOptional(clusterId)
                .orElseThrow(() -> ApiException.notFound("Cluster", clusterId));
    }
}
