package org.citybridge.contracts.vocabulary;

import java.util.Arrays;
import java.util.Locale;
import java.util.stream.Collectors;

/** Parsing shared by the enum vocabularies whose JSON form is their upper-case constant name. */
final class Codes {

    private Codes() {}

    static <E extends Enum<E>> E parse(Class<E> type, String vocabulary, String value) {
        if (value != null) {
            String normalised = value.trim().toUpperCase(Locale.ROOT).replace('-', '_');
            for (E constant : type.getEnumConstants()) {
                if (constant.name().equals(normalised)) {
                    return constant;
                }
            }
        }
        throw new UnknownCodeException(vocabulary, value, known(type));
    }

    static <E extends Enum<E>> String known(Class<E> type) {
        return Arrays.stream(type.getEnumConstants()).map(Enum::name).collect(Collectors.joining(", "));
    }
}
