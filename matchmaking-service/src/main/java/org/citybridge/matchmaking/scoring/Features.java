package org.citybridge.matchmaking.scoring;

import java.util.List;
import java.util.Optional;
import java.util.stream.Collectors;
import java.util.stream.Stream;

/**
 * The features of the model, in the order their contributions are added and their reasons listed
 * (before sorting by contribution). Adding a feature is one class and one line here.
 */
public final class Features {

    public static final AreaFeature COMPLEMENTARY_INTEREST = new ComplementaryInterest();
    public static final AreaFeature SHARED_INTEREST = new SharedInterest();
    public static final PairFeature PARTNER_PREFERENCE = new PartnerPreference();
    public static final PairFeature SHARED_CLUSTER = new SharedCluster();
    public static final PairFeature EXCHANGE_TOGETHER = new ExchangeTogether();
    public static final PairFeature SURVEY_PARTNERSHIP_WISH = new SurveyPartnershipWish();
    public static final PairFeature HERITAGE = new Heritage();
    public static final PairFeature SHARED_ASSOCIATION = new SharedAssociation();
    public static final PairFeature SCALE = new Scale();
    public static final PairFeature SOUTH_SOUTH = new SouthSouth();
    public static final PairFeature NETWORK = new Network();
    public static final PairFeature LOAD_DAMPER = new LoadDamper();
    public static final PairFeature COUNTRY_AFFINITY = new CountryAffinity();
    public static final PairFeature PROXIMITY = new Proximity();
    public static final PairFeature SAME_SUB_REGION = new SameSubRegion();
    public static final PairFeature SHARED_LANGUAGE = new SharedLanguage();
    public static final PairFeature ACTIVITY = new Activity();
    public static final PairFeature LINKED_PARTNERS = new LinkedPartners();

    /** Area features first: their sum is the interest part every proposal needs. */
    public static final List<AreaFeature> AREA = List.of(COMPLEMENTARY_INTEREST, SHARED_INTEREST);

    public static final List<PairFeature> PAIR = List.of(
            PARTNER_PREFERENCE,
            SHARED_CLUSTER,
            EXCHANGE_TOGETHER,
            SURVEY_PARTNERSHIP_WISH,
            HERITAGE,
            SHARED_ASSOCIATION,
            SCALE,
            SOUTH_SOUTH,
            NETWORK,
            LOAD_DAMPER,
            COUNTRY_AFFINITY,
            PROXIMITY,
            SAME_SUB_REGION,
            SHARED_LANGUAGE,
            ACTIVITY,
            LINKED_PARTNERS);
    public static final List<Feature> ALL =
            Stream.concat(AREA.stream(), PAIR.stream()).collect(Collectors.toUnmodifiableList());

    static {
        for (int i = 0; i < ALL.size(); i++) {
            ALL.get(i).assignIndex(i);
        }
    }

    private Features() {}

    public static Optional<Feature> byKey(String key) {
        return ALL.stream().filter(f -> f.key().equals(key)).findFirst();
    }

    public static List<String> keys() {
        return ALL.stream().map(Feature::key).toList();
    }
}
