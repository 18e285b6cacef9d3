package dev.jahiz.bench;

/** Where an appender sends: a local fake that is up, a refused port, or a socket that never answers. */
final class Target {
  final String url;
  final int port;
  final AutoCloseable resource;
  final Fakes.Endpoint endpoint;

  private Target(int port, AutoCloseable resource, Fakes.Endpoint endpoint) {
    this.port = port;
    this.url = "http://127.0.0.1:" + port;
    this.resource = resource;
    this.endpoint = endpoint;
  }

  String sentryDsn() {
    return "http://public@127.0.0.1:" + port + "/1";
  }

  /** An endpoint someone else owns and closes. */
  static Target of(Fakes.Endpoint endpoint) {
    return new Target(endpoint.port(), null, endpoint);
  }

  static Target open(String appender, String endpoint) throws Exception {
    switch (endpoint) {
      case "up":
        if (appender.equals("telegram-logback")) {
          Fakes.TlsTerminatingProxy proxy = new Fakes.TlsTerminatingProxy();
          proxy.trustInThisJvm();
          return new Target(proxy.port(), proxy, null);
        }
        Fakes.Endpoint e = new Fakes.Endpoint(Fakes.Mode.UP);
        return new Target(e.port(), e, e);
      case "down":
        return new Target(Fakes.closedPort(), null, null);
      case "hang": {
        Fakes.Hanging h = new Fakes.Hanging();
        return new Target(h.port(), h, null);
      }
      default:
        throw new IllegalArgumentException("unknown endpoint " + endpoint + " (up, down, hang)");
    }
  }
}
