package eu.citiesgateway.platform.test;

import java.lang.annotation.Documented;
import java.lang.annotation.ElementType;
import java.lang.annotation.Inherited;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

import org.testcontainers.junit.jupiter.Testcontainers;

import org.springframework.context.annotation.Import;

/**
 * Runs a Spring test against MongoDB and Apache Kafka in Docker containers, connected
 * with {@code @ServiceConnection}. Without a Docker engine the test is skipped, not
 * failed.
 */
@Documented
@Inherited
@Retention(RetentionPolicy.RUNTIME)
@Target(ElementType.TYPE)
@Testcontainers(disabledWithoutDocker = true)
@Import(PlatformContainers.class)
public @interface ContainerInfrastructure {

}
