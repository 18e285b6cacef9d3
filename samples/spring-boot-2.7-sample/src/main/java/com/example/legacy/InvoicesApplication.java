package com.example.legacy;

import org.springframework.boot.SpringApplication;
import org.springframework.boot.autoconfigure.SpringBootApplication;

/** A Spring Boot 2.7 service as many still run; Jahiz arrives only through the build and logback-spring.xml. */
@SpringBootApplication
public class InvoicesApplication {
  public static void main(String[] args) {
    SpringApplication.run(InvoicesApplication.class, args);
  }
}
