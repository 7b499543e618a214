package eu.citiesgateway.platform.web.security;

import java.util.List;

import org.junit.jupiter.api.Test;

import org.springframework.http.HttpMethod;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalArgumentException;

/**
 * The rules a service declares: only the platform's scopes, never an empty requirement
 * that would silently make an endpoint public.
 */
class AccessRulesTests {

	@Test
	void rulesKeepTheirOrderAndTellPublicFromProtected() {
		AccessRules rules = AccessRules.builder()
			.publicly(HttpMethod.GET, "/api/cities", "/api/cities/{id}")
			.require(Scopes.REGISTRY_WRITE, HttpMethod.POST, "/api/cities")
			.build();

		assertThat(rules.rules()).extracting(AccessRules.Rule::pattern)
			.containsExactly("/api/cities", "/api/cities/{id}", "/api/cities");
		assertThat(rules.rules()).extracting(AccessRules.Rule::isPublic).containsExactly(true, true, false);
		assertThat(rules.rules().get(2).scopes()).containsExactly("registry:write");
	}

	@Test
	void aScopeThatIsNotThePlatformsIsRefused() {
		assertThatIllegalArgumentException()
			.isThrownBy(() -> AccessRules.builder().require("registry:admin", HttpMethod.POST, "/api/cities"))
			.withMessageContaining("registry:admin");
	}

	@Test
	void anEmptyChoiceOfScopesIsRefusedRatherThanMadePublic() {
		assertThatIllegalArgumentException()
			.isThrownBy(() -> AccessRules.builder().requireAny(List.of(), HttpMethod.POST, "/api/cities"));
	}

}
