package org.springframework.samples.petclinic.owner;

import jakarta.persistence.Entity;
import jakarta.persistence.FetchType;
import jakarta.persistence.GeneratedValue;
import jakarta.persistence.Id;
import jakarta.persistence.ManyToOne;

@Entity
public class Pet {
  @Id @GeneratedValue Integer id;
  String name;
  @ManyToOne(fetch = FetchType.LAZY) Owner owner;

  public String getName() {
    return name;
  }
}
