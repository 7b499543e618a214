package eu.citiesgateway.platform.web.security;

import java.util.Optional;
import java.util.UUID;

import org.jspecify.annotations.Nullable;

import org.springframework.security.core.Authentication;
import org.springframework.security.core.context.SecurityContextHolder;
import org.springframework.security.oauth2.jwt.Jwt;
import org.springframework.security.oauth2.server.resource.authentication.JwtAuthenticationToken;

/**
 * What the bearer token of the request being handled says about its caller: for the
 * decisions an endpoint makes beyond its {@link AccessRules} (which view to show, which
 * city a representative acts for).
 */
public final class Caller {

	private Caller() {
	}

	/**
	 * Whether the caller's token has a scope.
	 * @param scope the scope, one of {@link Scopes}
	 * @return {@code false} without a token
	 */
	public static boolean hasScope(String scope) {
		Authentication authentication = SecurityContextHolder.getContext().getAuthentication();
		if (!(authentication instanceof JwtAuthenticationToken)) {
			return false;
		}
		String authority = Scopes.authority(scope);
		return authentication.getAuthorities().stream().anyMatch((granted) -> authority.equals(granted.getAuthority()));
	}

	/**
	 * The city a representative's token names ({@value Scopes#CITY_ID_CLAIM}).
	 * @return the city, empty without a token, without the claim, or if the claim is not
	 * a UUID
	 */
	public static Optional<UUID> cityId() {
		return claim(Scopes.CITY_ID_CLAIM).flatMap((value) -> {
			try {
				return Optional.of(UUID.fromString(value));
			}
			catch (IllegalArgumentException ex) {
				return Optional.empty();
			}
		});
	}

	/**
	 * The token's subject ({@code sub}).
	 * @return the subject, empty without a token
	 */
	public static Optional<String> subject() {
		return token().map(Jwt::getSubject);
	}

	static Optional<Jwt> token() {
		Authentication authentication = SecurityContextHolder.getContext().getAuthentication();
		return (authentication instanceof JwtAuthenticationToken jwt) ? Optional.of(jwt.getToken()) : Optional.empty();
	}

	static Optional<String> claim(String name) {
		return token().map((token) -> stringClaim(token, name));
	}

	/**
	 * The client the token was issued to: {@code client_id} (RFC 9068), else {@code azp}
	 * (OpenID Connect, Keycloak, Entra ID).
	 * @param token the token
	 * @return the client id, or {@code null}
	 */
	static @Nullable String clientId(Jwt token) {
		String clientId = stringClaim(token, "client_id");
		return (clientId != null) ? clientId : stringClaim(token, "azp");
	}

	private static @Nullable String stringClaim(Jwt token, String name) {
		Object value = token.getClaims().get(name);
		return (value != null) ? value.toString() : null;
	}

}
