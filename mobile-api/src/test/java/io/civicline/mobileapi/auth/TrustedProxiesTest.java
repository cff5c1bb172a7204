package io.civicline.mobileapi.auth;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;
import org.junit.jupiter.api.Test;

class TrustedProxiesTest {
  private final TrustedProxies proxies =
      TrustedProxies.of(List.of("10.0.0.0/8", "192.0.2.7", "fd00::/8"));

  @Test
  void aTrustedProxyNamesTheClientRightMostFirst() {
    assertThat(proxies.client("10.1.1.1", "203.0.113.9")).isEqualTo("203.0.113.9");
    // the spoofed left-most entry is the caller's own claim; the proxies' chain is read from the
    // right, past every trusted hop
    assertThat(proxies.client("10.1.1.1", "6.6.6.6, 203.0.113.9, 10.2.2.2"))
        .isEqualTo("203.0.113.9");
    assertThat(proxies.client("192.0.2.7", "2001:db8::1")).isEqualTo("2001:db8::1");
    assertThat(proxies.client("fd12::1", "198.51.100.7")).isEqualTo("198.51.100.7");
  }

  @Test
  void anyoneElsesHeaderIsIgnored() {
    assertThat(proxies.client("203.0.113.50", "198.51.100.7")).isEqualTo("203.0.113.50");
    assertThat(proxies.client("192.0.2.8", "198.51.100.7")).isEqualTo("192.0.2.8");
    assertThat(TrustedProxies.NONE.client("10.1.1.1", "198.51.100.7")).isEqualTo("10.1.1.1");
  }

  @Test
  void unreadableOrMissingHopsLeaveThePeer() {
    assertThat(proxies.client("10.1.1.1", null)).isEqualTo("10.1.1.1");
    assertThat(proxies.client("10.1.1.1", " ")).isEqualTo("10.1.1.1");
    assertThat(proxies.client("10.1.1.1", "evil.example, 10.2.2.2")).isEqualTo("10.1.1.1");
    assertThat(proxies.client("10.1.1.1", "10.2.2.2, 10.3.3.3")).isEqualTo("10.1.1.1");
  }

  @Test
  void entriesMustBeAddressesOrBlocks() {
    assertThatThrownBy(() -> TrustedProxies.of(List.of("proxy.internal")))
        .hasMessage("not an IP address: proxy.internal");
    assertThatThrownBy(() -> TrustedProxies.of(List.of("10.0.0.0/33")))
        .hasMessage("not a CIDR block: 10.0.0.0/33");
    assertThatThrownBy(() -> TrustedProxies.of(List.of("10.0.0.0/x")))
        .hasMessage("not a CIDR block: 10.0.0.0/x");
  }
}
