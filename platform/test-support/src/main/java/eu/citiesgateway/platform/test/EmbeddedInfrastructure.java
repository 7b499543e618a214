package eu.citiesgateway.platform.test;

import java.lang.annotation.Documented;
import java.lang.annotation.ElementType;
import java.lang.annotation.Inherited;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

/**
 * Points a Spring test at a real Kafka broker (single-node KRaft, in this JVM) and a
 * MongoDB wire-protocol server (mongo-java-server), both started once per test JVM and
 * shared by every test context. Each application context gets a database of its own. No
 * Docker is needed.
 *
 * @see SharedInfrastructure
 */
@Documented
@Inherited
@Retention(RetentionPolicy.RUNTIME)
@Target(ElementType.TYPE)
public @interface EmbeddedInfrastructure {

}
