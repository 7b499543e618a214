package eu.citiesgateway.issuer;

import org.springframework.boot.SpringApplication;
import org.springframework.boot.autoconfigure.SpringBootApplication;

/**
 * A real OAuth2 token issuer for the local platform and demos (Spring Authorization
 * Server): the platform's clients get access tokens with the client credentials grant.
 * Its keys live in memory and its client secrets are published in the README: never use
 * it in production, where the services trust the organisation's identity provider.
 */
@SpringBootApplication
public class LocalIssuerApplication {

	public static void main(String[] args) {
		SpringApplication.run(LocalIssuerApplication.class, args);
	}

}
