package com.example.clinic;

import com.example.users.AppUser;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.security.config.Customizer;
import org.springframework.security.config.annotation.web.builders.HttpSecurity;
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
      return new AppUser("alice", "s3cret-password", "usr_42", "alice@example.com");
    };
  }
}
