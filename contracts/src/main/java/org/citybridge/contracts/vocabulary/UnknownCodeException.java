package org.citybridge.contracts.vocabulary;

/**
 * A code outside a controlled vocabulary. The message names the rejected value and what is allowed,
 * so that an API can pass it on to the client unchanged.
 */
public class UnknownCodeException extends IllegalArgumentException {

    private final String vocabulary;
    private final String value;

    public UnknownCodeException(String vocabulary, String value, String knownCodes) {
        super("Unknown " + vocabulary + " '" + value + "'; expected one of: " + knownCodes);
        this.vocabulary = vocabulary;
        this.value = value;
    }

    public String vocabulary() {
        return vocabulary;
    }

    public String value() {
        return value;
    }
}
