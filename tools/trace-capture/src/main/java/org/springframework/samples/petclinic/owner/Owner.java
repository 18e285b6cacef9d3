package org.springframework.samples.petclinic.owner;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.GeneratedValue;
import jakarta.persistence.Id;
import jakarta.persistence.OneToMany;
import java.util.ArrayList;
import java.util.List;

@Entity
public class Owner {
  @Id @GeneratedValue Integer id;
  @Column(nullable = false) String lastName;
  @OneToMany(mappedBy = "owner") List<Pet> pets = new ArrayList<>();

  public Integer getId() {
    return id;
  }

  public List<Pet> getPets() {
    return pets;
  }
}
