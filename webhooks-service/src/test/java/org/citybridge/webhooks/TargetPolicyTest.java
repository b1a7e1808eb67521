package org.citybridge.webhooks;

import org.citybridge.webhooks.service.TargetPolicy;
import org.junit.jupiter.api.Test;

import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/** Where deliveries may go: https, no credentials, nothing inside the platform's network unless allowed. */
class TargetPolicyTest {

    private final TargetPolicy production = new TargetPolicy(true, List.of());

    @Test
    void shouldRefuseLoopbackPrivateLinkLocalAndUnspecifiedAddresses() {
        for (String url : List.of(
                "https://127.0.0.1/hook",
                "https://localhost/hook",
                "https://10.1.2.3/hook",
                "https://172.16.0.1/hook",
                "https://192.168.1.10/hook",
                "https://169.254.169.254/latest/meta-data",
                "https://100.64.0.1/hook",
                "https://0.0.0.0/hook",
                "https://[::1]/hook",
                "https://[fd00::1]/hook",
                "https://[fe80::1]/hook",
                "https://[::127.0.0.1]/hook",
                "https://[64:ff9b::a9fe:a9fe]/hook",
                "https://[2002:c0a8:0101::1]/hook")) {
            assertThat(production.refusal(url))
                    .as(url)
                    .hasValueSatisfying(reason -> assertThat(reason).contains("inside the platform's network"));
        }
    }

    @Test
    void shouldRefusePlainHttpCredentialsAndFragmentsInProduction() {
        assertThat(production.refusal("http://93.184.216.34/hook")).hasValue("must be an https URL");
        assertThat(production.refusal("ftp://93.184.216.34/hook")).hasValue("must be an https URL");
        assertThat(production.refusal("https://user:pw@93.184.216.34/hook")).hasValue("must not carry credentials");
        assertThat(production.refusal("https://93.184.216.34/hook#x")).hasValue("must not have a fragment");
        assertThat(production.refusal("https:///hook")).isPresent();
    }

    @Test
    void shouldAcceptPublicHttpsAddressesAndAllowListedHosts() {
        assertThat(production.refusal("https://93.184.216.34/hook")).isEmpty();
        TargetPolicy local = new TargetPolicy(false, List.of("127.0.0.1"));
        assertThat(local.refusal("http://127.0.0.1:8999/hook")).isEmpty();
        assertThat(local.refusal("http://10.0.0.1/hook")).isPresent();
    }
}
