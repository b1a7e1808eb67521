package org.citybridge.matchmaking.scoring;

import java.util.List;
import java.util.Map;
import java.util.TreeSet;

/**
 * The two cities share an official language, once however many they share: "Both speak es". One list:
 * the union of the speakers of {@code a}'s languages.
 */
final class SharedLanguage extends PairFeature {

    SharedLanguage() {
        super("shared-language", "shared-language", 0.0);
    }

    @Override
    double contribute(Pair pair, Reasons out) {
        if (pair.a.languages.isEmpty() || pair.b.languages.isEmpty()) {
            return 0;
        }
        TreeSet<String> shared = new TreeSet<>(pair.a.languages);
        shared.retainAll(pair.b.languages);
        if (shared.isEmpty()) {
            return 0;
        }
        double contribution = pair.weight(this);
        if (out != null && contribution > 0) {
            out.add(
                    this,
                    "Both have " + Languages.names(shared) + " as an official language",
                    contribution,
                    Map.of("languages", List.copyOf(shared)));
        }
        return contribution;
    }

    @Override
    double bound(PairScorer scorer, CityNode a, CityNode b) {
        if (a.languages.isEmpty() || b.languages.isEmpty()) {
            return 0;
        }
        for (String language : a.languages) {
            if (b.languages.contains(language)) {
                return scorer.weights().of(this);
            }
        }
        return 0;
    }

    @Override
    void searchLists(PairScorer scorer, CityNode a, SearchLists lists) {
        if (a.languages.isEmpty()) {
            return;
        }
        IdSet speakers = lists.union();
        for (String language : a.languages) {
            IdSet cities = scorer.graph().byLanguage.get(language);
            if (cities != null) {
                speakers.addAll(cities);
            }
        }
        lists.add(speakers, scorer.weights().of(this), lists.newGroup());
    }
}
