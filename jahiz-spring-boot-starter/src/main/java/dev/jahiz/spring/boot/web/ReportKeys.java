package dev.jahiz.spring.boot.web;

import dev.jahiz.config.JahizOption;
import dev.jahiz.spring.boot.JahizProperties;
import java.util.List;
import java.util.Locale;
import java.util.function.UnaryOperator;

/**
 * Where the request's details go in the MDC: the keys jahiz-core's event mapping reads into the
 * report's {@code user} and {@code context} (as configured, or the table's defaults), and
 * {@code http.route} and {@code http.header.*}, which arrive as metadata.
 */
final class ReportKeys {
  static final String ROUTE = "http.route";
  private static final String HEADER = "http.header.";

  final String userId;
  final String username;
  final String email;
  final String ipAddress;
  final String requestUrl;
  final String requestMethod;
  final String responseStatus;
  final List<String> headers;
  final boolean reportUnloggedFailures;

  ReportKeys(JahizProperties properties) {
    this.userId = properties.valueOf(JahizOption.USER_ID_KEY);
    this.username = properties.valueOf(JahizOption.USERNAME_KEY);
    this.email = properties.valueOf(JahizOption.EMAIL_KEY);
    this.ipAddress = properties.valueOf(JahizOption.IP_ADDRESS_KEY);
    this.requestUrl = properties.valueOf(JahizOption.REQUEST_URL_KEY);
    this.requestMethod = properties.valueOf(JahizOption.REQUEST_METHOD_KEY);
    this.responseStatus = properties.valueOf(JahizOption.RESPONSE_STATUS_KEY);
    this.headers = properties.requestHeaders();
    this.reportUnloggedFailures = properties.reportUnloggedFailures();
  }

  static String header(String name) {
    return HEADER + name.toLowerCase(Locale.ROOT);
  }

  /** The request's own details, the same for Spring MVC and WebFlux. */
  void putRequest(MdcEntries mdc, String method, String url, String query, String clientIp,
      UnaryOperator<String> header) {
    mdc.put(requestMethod, method);
    mdc.put(requestUrl, MaskedUrl.of(url, query));
    mdc.put(ipAddress, clientIp);
    for (String name : headers) {
      mdc.put(header(name), header.apply(name));
    }
  }

  void putUser(MdcEntries mdc, PrincipalUser user) {
    mdc.put(username, user.name);
    mdc.put(userId, user.id);
    mdc.put(email, user.email);
  }
}
