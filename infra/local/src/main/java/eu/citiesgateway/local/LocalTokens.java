package eu.citiesgateway.local;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Base64;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Access tokens from the local issuer, by the client credentials grant, for what the
 * launcher itself does: checking the services and loading the demo data.
 */
final class LocalTokens {

	/** Programme staff: every scope but the privacy officer's and operations'. */
	static final Client STAFF = new Client("staff", "staff-secret");

	/** Operations: the actuator, dead-letter replay and the audit trail. */
	static final Client OPS = new Client("ops", "ops-secret");

	private static final Pattern ACCESS_TOKEN = Pattern.compile("\"access_token\"\\s*:\\s*\"([^\"]+)\"");

	private final HttpClient http;

	private final String issuer;

	LocalTokens(HttpClient http, String issuer) {
		this.http = http;
		this.issuer = issuer;
	}

	/**
	 * Gets a token.
	 * @param client the client
	 * @return the access token
	 * @throws IOException if the issuer cannot be reached or refuses
	 * @throws InterruptedException if interrupted while waiting for it
	 */
	String get(Client client) throws IOException, InterruptedException {
		String basic = Base64.getEncoder()
			.encodeToString((client.id() + ":" + client.secret()).getBytes(StandardCharsets.UTF_8));
		HttpResponse<String> response = this.http.send(HttpRequest.newBuilder(URI.create(this.issuer + "/oauth2/token"))
			.header("Authorization", "Basic " + basic)
			.header("Content-Type", "application/x-www-form-urlencoded")
			.timeout(Duration.ofSeconds(10))
			.POST(HttpRequest.BodyPublishers.ofString("grant_type=client_credentials"))
			.build(), HttpResponse.BodyHandlers.ofString());
		Matcher token = ACCESS_TOKEN.matcher(response.body());
		if (response.statusCode() != 200 || !token.find()) {
			throw new IOException("the issuer refused a token to " + client.id() + ": HTTP " + response.statusCode());
		}
		return token.group(1);
	}

	/**
	 * A client of the local issuer.
	 *
	 * @param id its client id
	 * @param secret its secret, published: the local issuer is for this machine only
	 */
	record Client(String id, String secret) {
	}

}
