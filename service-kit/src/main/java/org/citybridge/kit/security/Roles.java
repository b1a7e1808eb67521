package org.citybridge.kit.security;

/** The realm roles of the platform. */
public final class Roles {

    /** Programme staff: may do anything. */
    public static final String PLATFORM_ADMIN = "platform-admin";
    /** Acts for one city, named by the token claim {@value Caller#CITY_CLAIM}. */
    public static final String CITY_OFFICER = "city-officer";
    /** UN agency systems (client credentials). */
    public static final String PARTNER_SYSTEM = "partner-system";

    /** Every role above. */
    public static final java.util.List<String> ALL = java.util.List.of(PLATFORM_ADMIN, CITY_OFFICER, PARTNER_SYSTEM);

    private Roles() {}
}
