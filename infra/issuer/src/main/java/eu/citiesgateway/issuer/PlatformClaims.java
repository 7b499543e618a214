package eu.citiesgateway.issuer;

import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.UUID;

import org.springframework.security.oauth2.core.OAuth2AuthenticationException;
import org.springframework.security.oauth2.core.OAuth2Error;
import org.springframework.security.oauth2.core.OAuth2ErrorCodes;
import org.springframework.security.oauth2.server.authorization.OAuth2TokenType;
import org.springframework.security.oauth2.server.authorization.authentication.OAuth2ClientCredentialsAuthenticationToken;
import org.springframework.security.oauth2.server.authorization.token.JwtEncodingContext;
import org.springframework.security.oauth2.server.authorization.token.OAuth2TokenCustomizer;
import org.springframework.stereotype.Component;

/**
 * Shapes access tokens as the platform's services read them (RFC 9068): {@code scope} as
 * one space-separated string (a request that names no scope gets all of its client's, as
 * default client scopes do in Keycloak), {@code client_id}, and for a city representative
 * ({@code pairings:decide}) the {@code city_id} it asked for with the token request's
 * {@code city_id} parameter.
 */
@Component
class PlatformClaims implements OAuth2TokenCustomizer<JwtEncodingContext> {

	static final String DECIDE = "pairings:decide";

	static final String CITY_ID = "city_id";

	@Override
	public void customize(JwtEncodingContext context) {
		if (!OAuth2TokenType.ACCESS_TOKEN.equals(context.getTokenType())) {
			return;
		}
		Set<String> scopes = context.getAuthorizedScopes().isEmpty() ? context.getRegisteredClient().getScopes()
				: context.getAuthorizedScopes();
		context.getClaims()
			.claim("scope", String.join(" ", new TreeSet<>(scopes)))
			.claim("client_id", context.getRegisteredClient().getClientId());
		if (scopes.contains(DECIDE)) {
			context.getClaims().claim(CITY_ID, cityId(context).toString());
		}
	}

	private static UUID cityId(JwtEncodingContext context) {
		Map<String, Object> parameters = (context
			.getAuthorizationGrant() instanceof OAuth2ClientCredentialsAuthenticationToken grant)
					? grant.getAdditionalParameters() : Map.of();
		Object requested = parameters.get(CITY_ID);
		try {
			return UUID.fromString(String.valueOf(requested));
		}
		catch (IllegalArgumentException ex) {
			throw new OAuth2AuthenticationException(new OAuth2Error(OAuth2ErrorCodes.INVALID_REQUEST,
					"A token with pairings:decide names its city: add city_id=<the city's id, a UUID> to the request",
					null));
		}
	}

}
