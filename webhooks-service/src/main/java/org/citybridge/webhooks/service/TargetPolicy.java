package org.citybridge.webhooks.service;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import org.citybridge.webhooks.config.WebhooksConfig;

import java.net.Inet6Address;
import java.net.InetAddress;
import java.net.URI;
import java.net.UnknownHostException;
import java.util.List;
import java.util.Locale;
import java.util.Optional;

/**
 * Where deliveries may go, checked when a subscription is made and again before every attempt (an
 * address may resolve elsewhere later): https only (unless turned off for a test or local run), no
 * credentials in the URL, and no loopback, private, link-local, carrier-grade NAT, unique-local,
 * multicast or unspecified address unless the host is on the allow-list. Redirects are never followed,
 * so an answer cannot send a delivery elsewhere.
 */
@ApplicationScoped
public class TargetPolicy {

    private final boolean requireHttps;
    private final List<String> allowedHosts;

    @Inject
    public TargetPolicy(WebhooksConfig config) {
        this(config.requireHttps(), config.allowedHosts().orElse(List.of()));
    }

    public TargetPolicy(boolean requireHttps, List<String> allowedHosts) {
        this.requireHttps = requireHttps;
        this.allowedHosts = allowedHosts.stream()
                .map(host -> host.trim().toLowerCase(Locale.ROOT))
                .toList();
    }

    /** Why a delivery must not go to {@code url}; empty when it may. */
    public Optional<String> refusal(String url) {
        URI uri;
        try {
            uri = URI.create(url);
        } catch (IllegalArgumentException e) {
            return Optional.of("is not a valid URL");
        }
        String scheme = uri.getScheme() == null ? "" : uri.getScheme().toLowerCase(Locale.ROOT);
        if (!scheme.equals("https") && !(scheme.equals("http") && !requireHttps)) {
            return Optional.of(requireHttps ? "must be an https URL" : "must be an http or https URL");
        }
        if (uri.getHost() == null || uri.getHost().isBlank()) {
            return Optional.of("has no host");
        }
        if (uri.getRawUserInfo() != null) {
            return Optional.of("must not carry credentials");
        }
        if (uri.getRawFragment() != null) {
            return Optional.of("must not have a fragment");
        }
        String host = uri.getHost().toLowerCase(Locale.ROOT);
        if (allowedHosts.contains(host)) {
            return Optional.empty();
        }
        try {
            for (InetAddress address : InetAddress.getAllByName(host)) {
                if (internal(address)) {
                    return Optional.of("resolves to an address inside the platform's network ("
                            + address.getHostAddress() + "), which is not on the allow-list");
                }
            }
        } catch (UnknownHostException e) {
            return Optional.of("has a host that does not resolve");
        }
        return Optional.empty();
    }

    /** The IPv4 address in an IPv4-compatible (::a.b.c.d), NAT64 (64:ff9b::/96) or 6to4 (2002::/16) address. */
    private static byte[] embeddedIpv4(byte[] v6) {
        boolean zeros = true;
        for (int i = 0; i < 12; i++) {
            zeros &= v6[i] == 0;
        }
        boolean nat64 =
                (v6[0] & 0xff) == 0x00 && (v6[1] & 0xff) == 0x64 && (v6[2] & 0xff) == 0xff && (v6[3] & 0xff) == 0x9b;
        for (int i = 4; nat64 && i < 12; i++) {
            nat64 = v6[i] == 0;
        }
        if (zeros || nat64) {
            return java.util.Arrays.copyOfRange(v6, 12, 16);
        }
        if ((v6[0] & 0xff) == 0x20 && (v6[1] & 0xff) == 0x02) {
            return java.util.Arrays.copyOfRange(v6, 2, 6);
        }
        return null;
    }

    static boolean internal(InetAddress address) {
        if (address.isLoopbackAddress()
                || address.isAnyLocalAddress()
                || address.isLinkLocalAddress()
                || address.isSiteLocalAddress()
                || address.isMulticastAddress()) {
            return true;
        }
        byte[] bytes = address.getAddress();
        if (address instanceof Inet6Address) {
            if ((bytes[0] & 0xfe) == 0xfc) {
                return true; // fc00::/7, unique local
            }
            // IPv6 forms that carry an IPv4 address: judged by the IPv4 address they reach
            byte[] ipv4 = embeddedIpv4(bytes);
            try {
                return ipv4 != null && internal(InetAddress.getByAddress(ipv4));
            } catch (java.net.UnknownHostException e) {
                return true;
            }
        }
        int first = bytes[0] & 0xff;
        int second = bytes[1] & 0xff;
        return (first == 100 && second >= 64 && second < 128) // 100.64.0.0/10, carrier-grade NAT
                || first == 0 // 0.0.0.0/8
                || (first == 169 && second == 254); // link-local (also caught above)
    }
}
