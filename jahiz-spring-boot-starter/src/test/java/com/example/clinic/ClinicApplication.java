package com.example.clinic;

import org.springframework.boot.autoconfigure.SpringBootApplication;

/**
 * A small PetClinic-like Spring MVC app with Spring Security and Actuator, as the starter's users
 * have them: nothing in it knows Jahiz.
 */
@SpringBootApplication
public class ClinicApplication {}
