package dev.jahiz.spring.boot.web;

import java.security.Principal;
import java.util.Map;
import org.springframework.beans.BeanWrapper;
import org.springframework.beans.PropertyAccessorFactory;

/**
 * Who is signed in, as reports show it: the principal's name, and an id and email where the
 * principal exposes them. Spring Security's {@code Authentication} is read through its
 * {@code principal} (a {@code UserDetails}, an OAuth2/OIDC user's attributes, or the app's own user
 * type with {@code getId()}/{@code getEmail()}), without the starter depending on Spring Security.
 */
final class PrincipalUser {
  final String name;
  final String id;
  final String email;

  private PrincipalUser(String name, String id, String email) {
    this.name = name;
    this.id = id;
    this.email = email;
  }

  static PrincipalUser of(Principal principal) {
    String name = principal.getName();
    Object details = readable(principal, "principal");
    if (details == null) {
      details = principal;
    }
    Object attributes = readable(details, "attributes");
    Map<?, ?> claims = attributes instanceof Map ? (Map<?, ?>) attributes : Map.of();
    String id = first(readable(details, "id"), readable(details, "userId"), claims.get("id"), claims.get("sub"));
    String email = first(readable(details, "email"), claims.get("email"));
    return new PrincipalUser(name, id, email);
  }

  private static Object readable(Object bean, String property) {
    try {
      BeanWrapper wrapper = PropertyAccessorFactory.forBeanPropertyAccess(bean);
      return wrapper.isReadableProperty(property) ? wrapper.getPropertyValue(property) : null;
    } catch (RuntimeException e) {
      return null; // a getter that throws tells us nothing
    }
  }

  private static String first(Object... candidates) {
    for (Object c : candidates) {
      if (c instanceof String || c instanceof Number) {
        return c.toString();
      }
    }
    return null;
  }
}
