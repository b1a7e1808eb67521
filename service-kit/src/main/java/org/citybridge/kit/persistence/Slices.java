package org.citybridge.kit.persistence;

import java.util.List;
import java.util.function.Consumer;

/**
 * Long lists of ids or keys cut into slices one query can take: a PostgreSQL statement binds at most
 * 65,535 parameters (32,767 with older drivers), and an import or a re-ranking can name tens of thousands.
 */
public final class Slices {

    /** Elements per slice: well below the driver's limit, and long enough to keep round trips few. */
    public static final int SIZE = 1000;

    private Slices() {}

    /** Hands {@code action} the consecutive slices of {@code list} in order, each at most {@link #SIZE} long. */
    public static <T> void forEach(List<T> list, Consumer<List<T>> action) {
        for (int from = 0; from < list.size(); from += SIZE) {
            action.accept(list.subList(from, Math.min(list.size(), from + SIZE)));
        }
    }
}
