package org.citybridge.cities.domain;

import io.quarkus.hibernate.orm.panache.PanacheEntityBase;
import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.EnumType;
import jakarta.persistence.Enumerated;
import jakarta.persistence.Id;
import jakarta.persistence.Table;
import org.citybridge.contracts.vocabulary.CooperationArea;
import org.citybridge.contracts.vocabulary.ProposalKind;

import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.stream.Collectors;

/** One side of a formed partnership: {@code cityId} partners with {@code partnerId}. Read-only for clients. */
@Entity
@Table(name = "city_partner")
public class CityPartner extends PanacheEntityBase {

    @Id
    public UUID id;

    @Column(name = "city_id")
    public UUID cityId;

    @Column(name = "partner_id")
    public UUID partnerId;

    @Column(name = "partnership_id")
    public UUID partnershipId;

    @Enumerated(EnumType.STRING)
    public ProposalKind kind;

    @Enumerated(EnumType.STRING)
    public CooperationArea area;

    @Column(name = "formed_on")
    public LocalDate formedOn;

    /** A city's partners in the order they were formed (ties by partner id). */
    private static final String ORDER = " order by formedOn, partnerId";

    public static List<CityPartner> ofCity(UUID cityId) {
        return list("cityId = ?1" + ORDER, cityId);
    }

    /** The partners of several cities, each city's in the order of {@link #ofCity}. */
    public static Map<UUID, List<CityPartner>> ofCities(Collection<UUID> cityIds) {
        if (cityIds.isEmpty()) {
            return Map.of();
        }
        return CityPartner.<CityPartner>list("cityId in ?1" + ORDER, cityIds).stream()
                .collect(Collectors.groupingBy(p -> p.cityId));
    }

    /**
     * The partners' ids of several cities, each city's in the order of {@link #ofCity} (a partner twice if
     * they formed two partnerships). Read as values, not entities: a profile needs no more, and the session
     * then has nothing more to hold or check at its flush.
     */
    public static Map<UUID, List<UUID>> partnerIdsOf(Collection<UUID> cityIds) {
        Map<UUID, List<UUID>> partners = new HashMap<>();
        if (cityIds.isEmpty()) {
            return partners;
        }
        getEntityManager()
                .createQuery(
                        "select cityId, partnerId from CityPartner where cityId in :cities" + ORDER, Object[].class)
                .setParameter("cities", cityIds)
                .getResultList()
                .forEach(row -> partners.computeIfAbsent((UUID) row[0], city -> new ArrayList<>())
                        .add((UUID) row[1]));
        return partners;
    }

    /** Which of these partnerships are recorded already for which of these cities: (city, partnership) pairs. */
    public static Set<List<UUID>> recordedOf(Collection<UUID> cityIds, Collection<UUID> partnershipIds) {
        Set<List<UUID>> recorded = new HashSet<>();
        if (cityIds.isEmpty() || partnershipIds.isEmpty()) {
            return recorded;
        }
        getEntityManager()
                .createQuery(
                        "select cityId, partnershipId from CityPartner"
                                + " where cityId in :cities and partnershipId in :partnerships",
                        Object[].class)
                .setParameter("cities", cityIds)
                .setParameter("partnerships", partnershipIds)
                .getResultList()
                .forEach(row -> recorded.add(List.of((UUID) row[0], (UUID) row[1])));
        return recorded;
    }
}
