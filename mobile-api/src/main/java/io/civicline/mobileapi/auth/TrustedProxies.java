package io.civicline.mobileapi.auth;

import java.math.BigInteger;
import java.net.InetAddress;
import java.net.UnknownHostException;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * The reverse proxies (load balancers) in front of the server, as addresses or CIDR blocks. Only a
 * request that comes from one of them may name its client in {@code X-Forwarded-For}; the client is
 * the right-most address there that is not itself a trusted proxy. Anyone else's header is ignored:
 * otherwise a caller could name a new address with every sign-in attempt and never be throttled.
 */
public final class TrustedProxies {
  public static final TrustedProxies NONE = new TrustedProxies(List.of());

  private record Block(BigInteger network, int bits, int length) {
    boolean contains(byte[] address) {
      if (address.length != length) {
        return false;
      }
      int shift = length * 8 - bits;
      return new BigInteger(1, address).shiftRight(shift).equals(network.shiftRight(shift));
    }
  }

  private final List<Block> blocks;

  private TrustedProxies(List<Block> blocks) {
    this.blocks = List.copyOf(blocks);
  }

  /**
   * @param entries addresses ({@code 10.0.0.5}) or blocks ({@code 10.0.0.0/8}, {@code fd00::/8})
   * @throws IllegalArgumentException naming the first entry that is neither
   */
  public static TrustedProxies of(List<String> entries) {
    List<Block> blocks = new ArrayList<>();
    for (String entry : entries) {
      String text = entry.strip();
      int slash = text.indexOf('/');
      byte[] address =
          literal(slash < 0 ? text : text.substring(0, slash))
              .orElseThrow(() -> new IllegalArgumentException("not an IP address: " + entry));
      int bits = address.length * 8;
      if (slash >= 0) {
        try {
          bits = Integer.parseInt(text.substring(slash + 1));
        } catch (NumberFormatException e) {
          throw new IllegalArgumentException("not a CIDR block: " + entry);
        }
        if (bits < 0 || bits > address.length * 8) {
          throw new IllegalArgumentException("not a CIDR block: " + entry);
        }
      }
      blocks.add(new Block(new BigInteger(1, address), bits, address.length));
    }
    return new TrustedProxies(blocks);
  }

  /** The client's address: the peer's own, unless the peer is a trusted proxy that names one. */
  public String client(String peer, String forwardedFor) {
    if (peer == null || !trusted(peer) || forwardedFor == null || forwardedFor.isBlank()) {
      return peer;
    }
    String[] hops = forwardedFor.split(",");
    for (int i = hops.length - 1; i >= 0; i--) {
      String hop = hops[i].strip();
      if (literal(hop).isEmpty()) {
        return peer; // a hop we cannot read: trust nothing further left
      }
      if (!trusted(hop)) {
        return hop;
      }
    }
    return peer;
  }

  private boolean trusted(String address) {
    Optional<byte[]> bytes = literal(address);
    return bytes.isPresent() && blocks.stream().anyMatch(b -> b.contains(bytes.get()));
  }

  /** An IP literal's bytes; never a DNS lookup (a name is not an address here). */
  private static Optional<byte[]> literal(String text) {
    boolean v4 = text.matches("[0-9]{1,3}(\\.[0-9]{1,3}){3}");
    boolean v6 = text.contains(":") && text.matches("[0-9A-Fa-f:.]+");
    if (!v4 && !v6) {
      return Optional.empty();
    }
    try {
      return Optional.of(InetAddress.getByName(text).getAddress());
    } catch (UnknownHostException e) {
      return Optional.empty();
    }
  }
}
