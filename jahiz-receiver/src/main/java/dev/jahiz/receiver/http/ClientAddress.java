package dev.jahiz.receiver.http;

import java.net.InetAddress;
import java.net.UnknownHostException;
import java.util.List;
import java.util.regex.Pattern;
import org.eclipse.jetty.util.InetAddressPattern;
import org.eclipse.jetty.util.InetAddressSet;

/**
 * Which client a request comes from, for per-address limits and the logs. {@code X-Forwarded-For}
 * is anyone's to send, so it is believed only when the connection comes from a proxy the operator
 * listed ({@code JAHIZ_TRUSTED_PROXIES}); then the client is the rightmost address in it that is not
 * itself a trusted proxy. Otherwise the client is the connection's peer.
 */
public final class ClientAddress {
  public static final String FORWARDED_FOR = "X-Forwarded-For";
  /** An IP literal: a header value is never resolved through DNS. */
  private static final Pattern IP_LITERAL = Pattern.compile("[0-9A-Fa-f:.]{2,45}");

  private final InetAddressSet trusted = new InetAddressSet();

  private ClientAddress(List<String> trustedProxies) {
    for (String proxy : trustedProxies) {
      if (!IP_LITERAL.matcher(proxy.split("/", 2)[0].split("-", 2)[0]).matches()) {
        throw new IllegalArgumentException("'" + proxy + "' is not an IP address, CIDR block or range");
      }
      InetAddressPattern.from(proxy); // fails on a malformed entry, naming it
      trusted.add(proxy);
    }
  }

  /**
   * @param trustedProxies IP addresses, CIDR blocks ({@code 10.0.0.0/8}) or ranges
   *     ({@code 10.0.0.1-10.0.0.9}) of the reverse proxies in front of the receiver
   * @throws IllegalArgumentException naming an entry that is none of these
   */
  public static ClientAddress trusting(List<String> trustedProxies) {
    return new ClientAddress(trustedProxies);
  }

  /** The client's address from the connection's peer and the {@code X-Forwarded-For} header, if any. */
  public String of(String peer, String forwardedFor) {
    if (trusted.isEmpty() || forwardedFor == null || !isTrusted(peer)) {
      return peer;
    }
    String[] hops = forwardedFor.split(",");
    for (int i = hops.length - 1; i >= 0; i--) {
      String hop = hops[i].trim();
      if (!IP_LITERAL.matcher(hop).matches()) {
        return peer; // a hop the proxies did not write: believe none of the header
      }
      if (!isTrusted(hop)) {
        return hop;
      }
    }
    return peer;
  }

  private boolean isTrusted(String address) {
    if (address == null || !IP_LITERAL.matcher(address).matches()) {
      return false;
    }
    try {
      return trusted.test(InetAddress.getByName(address));
    } catch (UnknownHostException e) {
      return false;
    }
  }

  @Override
  public String toString() {
    return trusted.isEmpty() ? "peer address" : "X-Forwarded-For from " + trusted;
  }
}
