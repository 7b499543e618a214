package eu.citiesgateway.newsletter.subscription;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.UUID;

import com.mongodb.client.MongoClient;
import eu.citiesgateway.newsletter.NewsletterIntegrationTest;
import eu.citiesgateway.newsletter.NewsletterProperties.AddressKeys;
import org.bson.Document;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.data.mongodb.core.MongoTemplate;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;

/**
 * At start-up the stored hashes and the configured keys are made to agree, or the service
 * does not start. Each test has a database of its own.
 */
@NewsletterIntegrationTest
class AddressKeyCheckIntegrationTests {

	static final String KEY_A = "the-first-key-of-the-service-0123456789";

	static final String KEY_B = "the-second-key-of-the-service-012345678";

	@Autowired
	MongoClient client;

	MongoTemplate store;

	@BeforeEach
	void aDatabaseOfItsOwn() {
		this.store = new MongoTemplate(this.client, "keys-" + UUID.randomUUID().toString().substring(0, 8));
	}

	@Test
	void hashesStoredBeforeKeyIdsAreMarkedWithTheirKeyAndSubscribersMoveToTheCurrentKey() {
		Addresses before = keys(null, Map.of("a", KEY_A));
		this.store.insert(new Document("_id", UUID.randomUUID().toString()).append("email", "reader@example.org")
			.append("addressHash", before.hash("reader@example.org")), "subscribers");
		this.store.insert(new Document("_id", before.hash("gone@example.org")).append("reason", "UNSUBSCRIBED"),
				"suppressions");
		// the key made current at the same start-up
		Map<String, String> rotated = new LinkedHashMap<>();
		rotated.put("b", KEY_B);
		rotated.put("a", KEY_A);
		Addresses after = keys("b", rotated);

		new AddressKeyCheck(this.store, after).run(null);

		Document subscriber = this.store.findOne(new org.springframework.data.mongodb.core.query.Query(),
				Document.class, "subscribers");
		assertThat(subscriber.getString("keyId")).isEqualTo("b");
		assertThat(subscriber.getString("addressHash")).isEqualTo(after.hash("b", "reader@example.org"));
		Document suppression = this.store.findById(before.hash("gone@example.org"), Document.class, "suppressions");
		assertThat(suppression.getString("keyId")).as("found with the subscriber's address").isEqualTo("a");
		assertThat(after.hashes("gone@example.org")).contains(suppression.getString("_id"));
	}

	@Test
	void aKeyLeftOutThatHashesAreStoredWithStopsTheStart() {
		Addresses old = keys(null, Map.of("old", KEY_A));
		this.store.insert(
				new Document("_id", old.hash("gone@example.org")).append("keyId", "old").append("reason", "BOUNCED"),
				"suppressions");

		assertThatExceptionOfType(AddressKeyException.class)
			.isThrownBy(() -> new AddressKeyCheck(this.store, keys(null, Map.of("new", KEY_B))).run(null))
			.withMessageContaining("addresses are stored hashed with the key(s) [old], which are not configured");
	}

	@Test
	void aKeyWhoseValueChangedStopsTheStart() {
		this.store.insert(new Document("_id", UUID.randomUUID().toString()).append("email", "reader@example.org")
			.append("keyId", "1")
			.append("addressHash", keys(null, Map.of("1", KEY_A)).hash("reader@example.org")), "subscribers");

		assertThatExceptionOfType(AddressKeyException.class)
			.isThrownBy(() -> new AddressKeyCheck(this.store, keys(null, Map.of("1", KEY_B))).run(null))
			.withMessageContaining("the key '1' does not give the hashes stored with it");
	}

	@Test
	void hashesStoredBeforeKeyIdsWithAKeyNoLongerConfiguredStopTheStart() {
		this.store.insert(new Document("_id", UUID.randomUUID().toString()).append("email", "reader@example.org")
			.append("addressHash", keys(null, Map.of("1", KEY_A)).hash("reader@example.org")), "subscribers");

		assertThatExceptionOfType(AddressKeyException.class)
			.isThrownBy(() -> new AddressKeyCheck(this.store, keys(null, Map.of("2", KEY_B))).run(null))
			.withMessageContaining("made with a key that is not configured");
	}

	private static Addresses keys(String current, Map<String, String> keys) {
		return new Addresses(new AddressKeys(current, keys), false, false);
	}

}
