package eu.citiesgateway.registry;

import java.lang.annotation.Documented;
import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

import eu.citiesgateway.platform.test.EmbeddedInfrastructure;
import eu.citiesgateway.platform.test.Http;
import eu.citiesgateway.platform.test.ServiceTools;

import org.springframework.boot.test.context.SpringBootTest;

/**
 * The registry on a real port with the shared broker and store; tests get an {@link Http}
 * client for it injected ({@link ServiceTools}). All classes using it share one
 * application context.
 */
@Documented
@Retention(RetentionPolicy.RUNTIME)
@Target(ElementType.TYPE)
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT,
		classes = { RegistryApplication.class, ServiceTools.class })
@EmbeddedInfrastructure
public @interface RegistryIntegrationTest {

}
