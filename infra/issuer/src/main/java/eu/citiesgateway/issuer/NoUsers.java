package eu.citiesgateway.issuer;

import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.security.provisioning.InMemoryUserDetailsManager;

/**
 * The issuer serves clients only (client credentials): no user may log in.
 */
@Configuration(proxyBeanMethods = false)
class NoUsers {

	@Bean
	InMemoryUserDetailsManager users() {
		return new InMemoryUserDetailsManager();
	}

}
