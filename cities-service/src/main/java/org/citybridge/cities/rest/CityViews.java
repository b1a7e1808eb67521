package org.citybridge.cities.rest;

import jakarta.enterprise.context.ApplicationScoped;
import org.citybridge.cities.domain.City;
import org.citybridge.cities.domain.CityPartner;
import org.citybridge.cities.domain.Interest;
import org.citybridge.kit.security.Caller;
import org.citybridge.kit.paging.Page;

import java.util.List;
import java.util.Map;
import java.util.UUID;

/** Maps entities to API views, hiding personal data from callers who may not see it. */
@ApplicationScoped
public class CityViews {

    private final Caller caller;

    public CityViews(Caller caller) {
        this.caller = caller;
    }

    public CityResponse city(City city) {
        return city(city, CityPartner.ofCity(city.id));
    }

    /** A page of cities, their partners read with one query for the page (not one per city). */
    public Page<CityResponse> cities(Page<City> page) {
        Map<UUID, List<CityPartner>> partners = CityPartner.ofCities(page.items().stream().map(c -> c.id).toList());
        return page.map(city -> city(city, partners.getOrDefault(city.id, List.of())));
    }

    private CityResponse city(City city, List<CityPartner> partners) {
        boolean personal = caller.actsFor(city.id);
        return new CityResponse(city.id, city.name, city.localName, city.country, city.region, city.subRegion,
                city.population,
                city.latitude == null ? null : new CityRequest.Coordinates(city.latitude, city.longitude),
                city.languages, city.description, city.heritageAssets, city.associations,
                city.officials.stream().map(o -> personal
                        ? new CityResponse.OfficialView(o.name(), o.title(), o.office(), o.email(), o.phone())
                        : new CityResponse.OfficialView(o.name(), o.title(), o.office(), null, null)).toList(),
                partners.stream().map(p ->
                        new CityResponse.PartnerView(p.partnerId, p.partnershipId, p.kind, p.area, p.formedOn)).toList(),
                city.retired, city.version, city.createdAt, city.updatedAt);
    }

    public static InterestResponse interest(Interest interest) {
        return new InterestResponse(interest.id, interest.cityId, interest.area, interest.stance, interest.intent,
                interest.preferences, interest.note, interest.source, interest.expressedAt, interest.withdrawnAt,
                interest.isActive());
    }
}
