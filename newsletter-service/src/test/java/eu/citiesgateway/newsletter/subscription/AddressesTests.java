package eu.citiesgateway.newsletter.subscription;

import java.io.IOException;
import java.util.LinkedHashMap;
import java.util.Map;

import eu.citiesgateway.newsletter.NewsletterProperties;
import eu.citiesgateway.newsletter.NewsletterProperties.AddressKeys;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import org.springframework.boot.context.properties.bind.Binder;
import org.springframework.boot.context.properties.source.ConfigurationPropertySources;
import org.springframework.boot.env.YamlPropertySourceLoader;
import org.springframework.core.env.MutablePropertySources;
import org.springframework.core.env.StandardEnvironment;
import org.springframework.core.env.SystemEnvironmentPropertySource;
import org.springframework.core.io.ClassPathResource;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;

/**
 * What counts as an address, the mailbox it reaches, and the keys of the address hashes.
 */
class AddressesTests {

	static final String KEY = "a-key-of-forty-bytes-0123456789abcdefghij";

	static final String OTHER_KEY = "another-key-of-forty-bytes-0123456789abc";

	@ParameterizedTest
	@ValueSource(strings = { "user@[192.0.2.1]", "user@[IPv6:2001:db8::1]", "user@[ipv6:::1]" })
	void addressLiteralsAreRefused(String address) {
		assertThat(Addresses.parse(address).problem()).isEqualTo(Addresses.LITERAL);
	}

	@ParameterizedTest
	@ValueSource(strings = { "\"john doe\"@example.org", "\"a@b\"@example.org", "\"x\\\"y\"@example.org" })
	void quotedLocalPartsAreRefused(String address) {
		assertThat(Addresses.parse(address).problem()).isEqualTo(Addresses.QUOTED);
	}

	@ParameterizedTest
	@ValueSource(strings = { "rea\u200Bder@example.org", "reader@exa\u200Dmple.org", "\u202Ereader@example.org",
			"reader@example.org\u202E", "read\u2066er\u2069@example.org", "read\u00ADer@example.org",
			"reader\uFEFF@example.org", "reader\u2060@example.org", "read\u200Eer@example.org",
			"reader@ex\u3164ample.org", "read\u00A0er@example.org" })
	void invisibleAndBidirectionalCharactersAreRefused(String address) {
		assertThat(Addresses.parse(address).problem()).isEqualTo(Addresses.INVISIBLE);
	}

	@Test
	void anAddressIsStrippedComposedAndLowered() {
		assertThat(Addresses.parse("  Re\u0301Ader+News@Example.ORG ").address())
			.isEqualTo("r\u00E9ader+news@example.org");
		assertThat(Addresses.parse("reader @example.org").problem()).isEqualTo(Addresses.NOT_AN_ADDRESS);
		assertThat(Addresses.parse(null).problem()).isEqualTo(Addresses.NOT_AN_ADDRESS);
	}

	@Test
	void subAddressesReachTheirMailboxAndGmailIgnoresDots() {
		assertThat(Addresses.mailbox("name+x@example.org")).isEqualTo("name@example.org");
		assertThat(Addresses.mailbox("name+x+y@example.org")).isEqualTo("name@example.org");
		assertThat(Addresses.mailbox("first.last@example.org")).isEqualTo("first.last@example.org");
		assertThat(Addresses.mailbox("+tag@example.org")).isEqualTo("+tag@example.org");
		assertThat(Addresses.mailbox("fi.rst.last+news@googlemail.com")).isEqualTo("firstlast@gmail.com");
	}

	@Test
	void withoutAKeyTheServiceDoesNotStart() {
		assertThatExceptionOfType(AddressKeyException.class).isThrownBy(() -> addresses(null, Map.of(), false))
			.withMessageContaining("no key is configured");
	}

	@Test
	void theOldSingleKeySettingIsNamedWhenItIsStillSet() {
		assertThatExceptionOfType(AddressKeyException.class)
			.isThrownBy(() -> new Addresses(new AddressKeys(null, Map.of()), false, true))
			.withMessageContaining("newsletter.address-key, NEWSLETTER_ADDRESS_KEY, is no longer read");
	}

	@Test
	void aShortKeyIsRefusedOutsideTheLocalProfile() {
		assertThatExceptionOfType(AddressKeyException.class)
			.isThrownBy(() -> addresses(null, Map.of("1", "short-key"), false))
			.withMessageContaining("the key '1' has 9 bytes; at least 32 are needed");
		assertThat(addresses(null, Map.of("1", "short-key"), true).currentKeyId()).isEqualTo("1");
	}

	@ParameterizedTest
	@ValueSource(strings = { "local-development-key-change-me", "local-development-key-not-secret-0123456789abcdef",
			"compose-only-key-change-me", "replace-with-a-long-random-secret" })
	void aPublishedKeyIsRefusedOutsideTheLocalProfile(String published) {
		assertThatExceptionOfType(AddressKeyException.class)
			.isThrownBy(() -> addresses(null, Map.of("1", published), false))
			.withMessageContaining("a value published with the source code");
	}

	@Test
	void aWeakEarlierKeyIsKeptToReadTheHashesMadeWithItButNeverMakesNewOnes() {
		Map<String, String> keys = new LinkedHashMap<>();
		keys.put("0", "local-development-key-change-me");
		keys.put("1", KEY);

		Addresses upgraded = addresses("1", keys, false);

		assertThat(upgraded.hashes("reader@example.org")).hasSize(2)
			.contains(addresses(null, Map.of("0", "local-development-key-change-me"), true).hash("reader@example.org"));
		assertThatExceptionOfType(AddressKeyException.class).isThrownBy(() -> addresses("0", keys, false));
	}

	@Test
	void theLocalProfileBringsAKeyThatOnlyItMayUse() throws IOException {
		MutablePropertySources sources = new MutablePropertySources();
		new YamlPropertySourceLoader().load("local", new ClassPathResource("application-local.yml"))
			.forEach(sources::addLast);
		AddressKeys keys = Binder.get(environment(sources)).bind("newsletter.address-keys", AddressKeys.class).get();

		assertThat(new Addresses(keys, true, false).currentKeyId()).isEqualTo("local");
		assertThatExceptionOfType(AddressKeyException.class).isThrownBy(() -> new Addresses(keys, false, false));
	}

	@Test
	void severalKeysNeedTheCurrentOneNamedAmongThem() {
		Map<String, String> keys = Map.of("1", KEY, "2", OTHER_KEY);
		assertThatExceptionOfType(AddressKeyException.class).isThrownBy(() -> addresses(null, keys, false))
			.withMessageContaining("must name one of the keys");
		assertThatExceptionOfType(AddressKeyException.class).isThrownBy(() -> addresses("3", keys, false))
			.withMessageContaining("the current key '3' is not among the keys");
		assertThatExceptionOfType(AddressKeyException.class)
			.isThrownBy(() -> addresses("key_1", Map.of("key_1", KEY), false))
			.withMessageContaining("is not 1 to 20 lower-case letters and digits");
	}

	@Test
	void newHashesUseTheCurrentKeyAndLookUpsTryEveryKey() {
		Map<String, String> keys = new LinkedHashMap<>();
		keys.put("1", KEY);
		keys.put("2", OTHER_KEY);
		Addresses rotated = addresses("2", keys, false);
		Addresses before = addresses(null, Map.of("1", KEY), false);

		assertThat(rotated.keyIds()).containsExactly("2", "1");
		assertThat(rotated.hash("reader@example.org")).isEqualTo(rotated.hash("2", "reader@example.org"))
			.isNotEqualTo(before.hash("reader@example.org"));
		assertThat(rotated.hashes("reader@example.org")).containsExactly(rotated.hash("reader@example.org"),
				before.hash("reader@example.org"));
	}

	@Test
	void keysAreReadFromEnvironmentVariablesById() {
		MutablePropertySources sources = new MutablePropertySources();
		sources.addFirst(new SystemEnvironmentPropertySource(
				StandardEnvironment.SYSTEM_ENVIRONMENT_PROPERTY_SOURCE_NAME, Map.of("NEWSLETTER_ADDRESSKEYS_KEYS_1",
						KEY, "NEWSLETTER_ADDRESSKEYS_KEYS_2026", OTHER_KEY, "NEWSLETTER_ADDRESSKEYS_CURRENT", "2026")));

		AddressKeys keys = Binder.get(environment(sources))
			.bind("newsletter", NewsletterProperties.class)
			.get()
			.addressKeys();

		assertThat(keys.keys()).containsOnlyKeys("1", "2026");
		assertThat(new Addresses(keys, false, false).currentKeyId()).isEqualTo("2026");
	}

	private static StandardEnvironment environment(MutablePropertySources sources) {
		StandardEnvironment environment = new StandardEnvironment();
		environment.getPropertySources().forEach((source) -> environment.getPropertySources().remove(source.getName()));
		sources.forEach(environment.getPropertySources()::addLast);
		ConfigurationPropertySources.attach(environment);
		return environment;
	}

	private static Addresses addresses(String current, Map<String, String> keys, boolean local) {
		return new Addresses(new AddressKeys(current, keys), local, false);
	}

}
