package org.citybridge.matchmaking.scoring;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;

/**
 * Many lists of one group (a city's distance cells, its country's partner countries) merged into a few
 * bands of similar bound before they go to the search: each band is the union of its lists with the
 * largest bound among them. The search then sweeps a dozen lists instead of hundreds; a band's bound is
 * at most 1 / {@link #RATIO} of its smallest member's, so only slightly more candidates pass.
 */
final class Bands {

    /** A band holds the lists whose bound is at least this share of its largest. */
    static final double RATIO = 0.85;

    private record Entry(IdSet cities, double bound) {}

    private final List<Entry> entries = new ArrayList<>();

    void add(IdSet cities, double bound) {
        if (bound > 0 && !cities.isEmpty()) {
            entries.add(new Entry(cities, bound));
        }
    }

    /** Adds the bands to {@code lists}, in one new group. */
    void emit(SearchLists lists) {
        if (entries.isEmpty()) {
            return;
        }
        int group = lists.newGroup();
        entries.sort(Comparator.comparingDouble(Entry::bound).reversed());
        int start = 0;
        while (start < entries.size()) {
            double top = entries.get(start).bound();
            int end = start + 1;
            while (end < entries.size() && entries.get(end).bound() >= top * RATIO) {
                end++;
            }
            if (end - start == 1) {
                lists.add(entries.get(start).cities(), top, group);
            } else {
                List<IdSet> members = new ArrayList<>(end - start);
                for (int i = start; i < end; i++) {
                    members.add(entries.get(i).cities());
                }
                IdSet union = lists.union();
                union.addAll(members);
                lists.add(union, top, group);
            }
            start = end;
        }
    }
}
