package com.example.users;

import java.util.List;
import org.springframework.security.core.authority.SimpleGrantedAuthority;
import org.springframework.security.core.userdetails.User;

/** What an app's user type often is: Spring's User plus what the app knows of the person. */
public final class AppUser extends User {
  private static final long serialVersionUID = 1L;
  private final String id;
  private final String email;

  public AppUser(String username, String password, String id, String email) {
    super(username, "{noop}" + password, List.of(new SimpleGrantedAuthority("ROLE_USER")));
    this.id = id;
    this.email = email;
  }

  public String getId() {
    return id;
  }

  public String getEmail() {
    return email;
  }
}
