package eu.citiesgateway.local;

import java.io.IOException;
import java.io.OutputStream;
import java.math.BigInteger;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.Signature;
import java.security.interfaces.RSAPublicKey;
import java.time.Duration;
import java.time.Instant;
import java.util.Arrays;
import java.util.Base64;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;

/**
 * The smallest OpenID Connect issuer a resource server needs, in the test's JVM: its
 * discovery document ({@code /.well-known/openid-configuration}), the public key of a key
 * pair made for the run ({@code /oauth2/jwks}, where Spring Authorization Server has it),
 * and RS256 tokens signed with it. It saves the test a JVM of the local issuer's, with
 * the same effect for the services: they find the key by discovery, or at the key set
 * address given, and accept tokens naming this issuer.
 */
final class TestIssuer implements AutoCloseable {

	private static final Base64.Encoder BASE64URL = Base64.getUrlEncoder().withoutPadding();

	private final HttpServer server;

	private final KeyPair keys;

	private TestIssuer(HttpServer server, KeyPair keys) {
		this.server = server;
		this.keys = keys;
	}

	static TestIssuer start(int port) throws IOException, GeneralSecurityException {
		KeyPairGenerator generator = KeyPairGenerator.getInstance("RSA");
		generator.initialize(2048);
		HttpServer server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), port), 0);
		TestIssuer issuer = new TestIssuer(server, generator.generateKeyPair());
		server.createContext("/.well-known/openid-configuration", (exchange) -> issuer.answer(exchange, """
				{"issuer": "%1$s", "jwks_uri": "%1$s/oauth2/jwks", "subject_types_supported": ["public"],
				 "response_types_supported": ["code"], "id_token_signing_alg_values_supported": ["RS256"]}
				""".formatted(issuer.url())));
		server.createContext("/oauth2/jwks", (exchange) -> issuer.answer(exchange, issuer.keySet()));
		server.start();
		return issuer;
	}

	/**
	 * Its address, which is also its {@code iss}.
	 * @return {@code http://localhost:<port>}
	 */
	String url() {
		return "http://localhost:" + this.server.getAddress().getPort();
	}

	/**
	 * A token for operations tooling: scope {@code ops}, valid for an hour.
	 * @return the signed token
	 */
	String opsToken() {
		Instant now = Instant.now();
		String header = encode("{\"alg\":\"RS256\",\"typ\":\"JWT\",\"kid\":\"test\"}");
		String claims = encode("""
				{"iss":"%s","sub":"deployment-test","client_id":"deployment-test","scope":"ops","iat":%d,"exp":%d}"""
			.formatted(url(), now.getEpochSecond(), now.plus(Duration.ofHours(1)).getEpochSecond()));
		try {
			Signature signature = Signature.getInstance("SHA256withRSA");
			signature.initSign(this.keys.getPrivate());
			signature.update((header + "." + claims).getBytes(StandardCharsets.US_ASCII));
			return header + "." + claims + "." + BASE64URL.encodeToString(signature.sign());
		}
		catch (GeneralSecurityException ex) {
			throw new IllegalStateException(ex);
		}
	}

	@Override
	public void close() {
		this.server.stop(0);
	}

	private String keySet() {
		RSAPublicKey key = (RSAPublicKey) this.keys.getPublic();
		return """
				{"keys": [{"kty": "RSA", "kid": "test", "use": "sig", "alg": "RS256", "n": "%s", "e": "%s"}]}
				""".formatted(unsigned(key.getModulus()), unsigned(key.getPublicExponent()));
	}

	private void answer(HttpExchange exchange, String json) throws IOException {
		byte[] body = json.getBytes(StandardCharsets.UTF_8);
		exchange.getResponseHeaders().set("Content-Type", "application/json");
		exchange.sendResponseHeaders(200, body.length);
		try (OutputStream out = exchange.getResponseBody()) {
			out.write(body);
		}
	}

	private static String encode(String json) {
		return BASE64URL.encodeToString(json.getBytes(StandardCharsets.UTF_8));
	}

	/** A JWK number: big-endian, without the sign byte Java adds. */
	private static String unsigned(BigInteger number) {
		byte[] bytes = number.toByteArray();
		int start = (bytes.length > 1 && bytes[0] == 0) ? 1 : 0;
		return BASE64URL.encodeToString(Arrays.copyOfRange(bytes, start, bytes.length));
	}

}
