package org.citybridge.kit.persistence;

/**
 * The {@code q} or {@code text} filter of a list, the same in every service: a column contains the words as
 * typed, in any case. The database lower-cases both sides, as its unique indexes on {@code lower(name)} do:
 * Java's lower case differs (İ becomes i and a combining dot), so "İzmir" lower-cased in Java would not find
 * İzmir. A {@code %} or {@code _} typed is a letter, not a wildcard.
 */
public final class TextSearch {

    private TextSearch() {}

    /** The query's condition that {@code column} contains the named parameter's text (HQL or SQL). */
    public static String contains(String column, String parameter) {
        return "lower(" + column + ") like lower(:" + parameter + ") escape '\\'";
    }

    /** The parameter's value for {@link #contains}: the text trimmed, escaped, anywhere in the column. */
    public static String pattern(String text) {
        return "%" + text.trim().replace("\\", "\\\\").replace("%", "\\%").replace("_", "\\_") + "%";
    }
}
