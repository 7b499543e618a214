package eu.citiesgateway.platform.test;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.NoSuchAlgorithmException;
import java.security.interfaces.RSAPrivateKey;
import java.security.interfaces.RSAPublicKey;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Base64;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import com.nimbusds.jose.jwk.JWKSet;
import com.nimbusds.jose.jwk.RSAKey;
import com.nimbusds.jose.jwk.source.ImmutableJWKSet;
import eu.citiesgateway.platform.web.security.Scopes;

import org.springframework.security.oauth2.jose.jws.SignatureAlgorithm;
import org.springframework.security.oauth2.jwt.JwsHeader;
import org.springframework.security.oauth2.jwt.JwtClaimsSet;
import org.springframework.security.oauth2.jwt.JwtEncoderParameters;
import org.springframework.security.oauth2.jwt.NimbusJwtEncoder;

/**
 * Bearer tokens for tests, signed with a key pair made for this test JVM: the services
 * under test trust its public key (see {@link #PUBLIC_KEY_PROPERTY}, set for every test
 * context), so no token issuer is needed.
 */
public final class TestTokens {

	/** The property that makes a service trust the test key. */
	public static final String PUBLIC_KEY_PROPERTY = "spring.security.oauth2.resourceserver.jwt.public-key-location";

	private static final Signer trusted = new Signer(keyPair());

	private static final Signer stranger = new Signer(keyPair());

	private static Path publicKey;

	private TestTokens() {
	}

	/**
	 * The location of the trusted public key, a PEM file written on first use.
	 * @return a {@code file:} URL, for {@link #PUBLIC_KEY_PROPERTY}
	 */
	public static synchronized String publicKeyLocation() {
		if (publicKey == null) {
			try {
				Path file = Files.createTempFile("test-issuer-", ".pem");
				file.toFile().deleteOnExit();
				String pem = "-----BEGIN PUBLIC KEY-----\n"
						+ Base64.getMimeEncoder(64, "\n".getBytes()).encodeToString(trusted.publicKey.getEncoded())
						+ "\n-----END PUBLIC KEY-----\n";
				Files.writeString(file, pem);
				publicKey = file;
			}
			catch (IOException ex) {
				throw new UncheckedIOException(ex);
			}
		}
		return publicKey.toUri().toString();
	}

	/**
	 * A token with some scopes.
	 * @param scopes the scopes
	 * @return the encoded token
	 */
	public static String withScopes(String... scopes) {
		return token().scopes(List.of(scopes)).mint();
	}

	/**
	 * A token with every scope of the platform, as programme staff who may do everything.
	 * @return the encoded token
	 */
	public static String withEveryScope() {
		return token().scopes(Scopes.ALL).mint();
	}

	/**
	 * A token with every scope but some.
	 * @param excluded the scopes it lacks
	 * @return the encoded token
	 */
	public static String withEveryScopeExcept(Collection<String> excluded) {
		List<String> scopes = new ArrayList<>(Scopes.ALL);
		scopes.removeAll(excluded);
		return token().scopes(scopes).mint();
	}

	/**
	 * A city representative's token: {@code pairings:decide} for one city.
	 * @param cityId the city it acts for
	 * @return the encoded token
	 */
	public static String representativeOf(UUID cityId) {
		return token().subject("representative-" + cityId)
			.scopes(List.of(Scopes.PAIRINGS_DECIDE))
			.claim(Scopes.CITY_ID_CLAIM, cityId.toString())
			.mint();
	}

	/**
	 * A builder of any token.
	 * @return the builder, for subject {@code staff-member} and client
	 * {@code test-client}, valid for an hour
	 */
	public static Builder token() {
		return new Builder();
	}

	private static KeyPair keyPair() {
		try {
			KeyPairGenerator generator = KeyPairGenerator.getInstance("RSA");
			generator.initialize(2048);
			return generator.generateKeyPair();
		}
		catch (NoSuchAlgorithmException ex) {
			throw new IllegalStateException(ex);
		}
	}

	/**
	 * Builds a token.
	 */
	public static final class Builder {

		private String subject = "staff-member";

		private List<String> scopes = List.of();

		private Instant issuedAt = Instant.now();

		private Duration validity = Duration.ofHours(1);

		private final Map<String, Object> claims = new LinkedHashMap<>(Map.of("client_id", "test-client"));

		private boolean signedByStranger;

		private Builder() {
		}

		public Builder subject(String subject) {
			this.subject = subject;
			return this;
		}

		public Builder scopes(List<String> scopes) {
			this.scopes = List.copyOf(scopes);
			return this;
		}

		public Builder claim(String name, Object value) {
			this.claims.put(name, value);
			return this;
		}

		/**
		 * Makes the token one that expired an hour ago.
		 * @return this builder
		 */
		public Builder expired() {
			this.issuedAt = Instant.now().minus(Duration.ofHours(2));
			return this;
		}

		/**
		 * Signs the token with a key the services do not trust.
		 * @return this builder
		 */
		public Builder signedByAStranger() {
			this.signedByStranger = true;
			return this;
		}

		public String mint() {
			JwtClaimsSet.Builder claims = JwtClaimsSet.builder()
				.issuer("https://issuer.test")
				.subject(this.subject)
				.audience(List.of("cities-gateway"))
				.issuedAt(this.issuedAt)
				.notBefore(this.issuedAt)
				.expiresAt(this.issuedAt.plus(this.validity))
				.id(UUID.randomUUID().toString())
				.claim("scope", String.join(" ", this.scopes));
			this.claims.forEach(claims::claim);
			return (this.signedByStranger ? stranger : trusted).sign(claims.build());
		}

	}

	private static final class Signer {

		private final RSAPublicKey publicKey;

		private final NimbusJwtEncoder encoder;

		Signer(KeyPair pair) {
			this.publicKey = (RSAPublicKey) pair.getPublic();
			RSAKey key = new RSAKey.Builder(this.publicKey).privateKey((RSAPrivateKey) pair.getPrivate())
				.keyID(UUID.randomUUID().toString())
				.build();
			this.encoder = new NimbusJwtEncoder(new ImmutableJWKSet<>(new JWKSet(key)));
		}

		String sign(JwtClaimsSet claims) {
			return this.encoder
				.encode(JwtEncoderParameters.from(JwsHeader.with(SignatureAlgorithm.RS256).build(), claims))
				.getTokenValue();
		}

	}

}
