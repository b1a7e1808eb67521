package org.citybridge.cities.domain;

/**
 * A city official. Email and phone are personal data: shown only to programme staff and to the
 * city's own officers, never published in events.
 */
public record Official(String name, String title, String office, String email, String phone) {

    /** The same official without contact data, for public reads. */
    public Official withoutContact() {
        return new Official(name, title, office, null, null);
    }
}
