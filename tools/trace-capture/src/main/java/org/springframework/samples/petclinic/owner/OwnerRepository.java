package org.springframework.samples.petclinic.owner;

import org.springframework.data.jpa.repository.JpaRepository;

/** A Spring Data repository: the app calls it through a JDK dynamic proxy (jdk.proxyN.$ProxyNN). */
public interface OwnerRepository extends JpaRepository<Owner, Integer> {}
