package com.example.orders;

import org.springframework.boot.SpringApplication;
import org.springframework.boot.autoconfigure.SpringBootApplication;
import org.springframework.samples.crash.CrashController;

/** An ordinary Spring Boot service; Jahiz arrives only through the build and logback-spring.xml. */
@SpringBootApplication(scanBasePackageClasses = {OrdersApplication.class, CrashController.class})
public class OrdersApplication {
  public static void main(String[] args) {
    SpringApplication.run(OrdersApplication.class, args);
  }
}
