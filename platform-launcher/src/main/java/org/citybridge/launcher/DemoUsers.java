package org.citybridge.launcher;

import java.util.List;

/**
 * The demo's accounts and clients ({@code deploy/keycloak/demo/citybridge-realm-demo.json}, merged into
 * the realm by the launcher only). Passwords are for local demos; a real deployment imports no users.
 */
public final class DemoUsers {

    /** Public client of partner front-ends (authorization code with PKCE only). */
    public static final String WEB_CLIENT = "citybridge-web";
    /** Public client of the demo alone: the password grant, for curl and the launcher's token helper. */
    public static final String DEMO_CLIENT = "citybridge-demo-cli";
    /** Confidential client of UN agency systems (client credentials, role partner-system). */
    public static final String PARTNER_CLIENT = "citybridge-partner";

    public static final String PARTNER_SECRET = "citybridge-partner-demo-secret";

    /** A demo user; {@code city} is the seed city an officer acts for (null for the admin). */
    public record User(String username, String password, String role, String cityName, String cityCountry) {}

    public static final User ADMIN = new User("admin", "admin-demo", "platform-admin", null, null);
    public static final User OFFICER_MEXICO_CITY =
            new User("officer.mexico-city", "officer-demo", "city-officer", "Mexico City", "MX");
    public static final User OFFICER_LUOYANG =
            new User("officer.luoyang", "officer-demo", "city-officer", "Luoyang", "CN");

    public static final List<User> ALL = List.of(ADMIN, OFFICER_MEXICO_CITY, OFFICER_LUOYANG);

    private DemoUsers() {}
}
