package com.example.clinic;

import java.util.List;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.security.config.Customizer;
import org.springframework.security.config.annotation.web.builders.HttpSecurity;
import org.springframework.security.core.authority.SimpleGrantedAuthority;
import org.springframework.security.core.userdetails.User;
import org.springframework.security.core.userdetails.UserDetailsService;
import org.springframework.security.core.userdetails.UsernameNotFoundException;
import org.springframework.security.web.SecurityFilterChain;

/** HTTP Basic for /owners/**, with the app's own user type that knows its id and email. */
@Configuration
class ClinicSecurity {
  @Bean
  SecurityFilterChain clinicFilterChain(HttpSecurity http) throws Exception {
    http.authorizeHttpRequests(requests -> requests.requestMatchers("/owners/**").authenticated()
            .anyRequest().permitAll())
        .httpBasic(Customizer.withDefaults())
        .csrf(csrf -> csrf.disable());
    return http.build();
  }

  @Bean
  UserDetailsService clinicUsers() {
    return username -> {
      if (!"alice".equals(username)) {
        throw new UsernameNotFoundException(username);
      }
      return new ClinicUser("usr_42", "alice@example.com");
    };
  }

  /** What an app's user type often is: Spring's User plus what the app knows of the person. */
  public static final class ClinicUser extends User {
    private static final long serialVersionUID = 1L;
    private final String id;
    private final String email;

    ClinicUser(String id, String email) {
      super("alice", "{noop}s3cret-password", List.of(new SimpleGrantedAuthority("ROLE_USER")));
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
}
