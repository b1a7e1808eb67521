package org.citybridge.kit.imports;

/**
 * How the platform tells two spellings of a name apart, wherever it compares them in memory (an import's
 * rows among themselves, or with names read from the database): trimmed as names are stored, and in lower case letter by letter,
 * as PostgreSQL's {@code lower} takes it, and so the unique indexes on {@code lower(name)}. Queries compare
 * with {@code lower(...)} on both sides instead. {@link String#toLowerCase} differs from both: İ becomes i and
 * a combining dot, a final Σ becomes ς, so "İzmir" would not meet the "izmir" the database sees.
 */
public final class NaturalKeys {

    private NaturalKeys() {}

    /** The name as the platform compares it. */
    public static String name(String name) {
        return name.trim()
                .codePoints()
                .map(Character::toLowerCase)
                .collect(StringBuilder::new, StringBuilder::appendCodePoint, StringBuilder::append)
                .toString();
    }
}
