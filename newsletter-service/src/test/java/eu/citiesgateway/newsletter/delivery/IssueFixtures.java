package eu.citiesgateway.newsletter.delivery;

import eu.citiesgateway.platform.test.Http;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Issues ready to publish, made through the API.
 */
public final class IssueFixtures {

	private IssueFixtures() {
	}

	/**
	 * A draft with news for the circular-economy and affordable-housing clusters, none
	 * for nature-based solutions.
	 * @param http the service
	 * @return the issue's id
	 */
	public static String draftWithNews(Http http) {
		String id = http.post("/api/issues", "application/json", "").json().get("id").asString();
		Http.Response edited = http.put("/api/issues/" + id,
				"""
						{"title": {"en": "Spring news", "fr": "Nouvelles du printemps"},
						 "introduction": {"en": "Hello", "fr": "Bonjour"},
						 "sections": [
						  {"clusterId": "circular-economy", "entries": [{"text": {"en": "Repair cafés everywhere", "fr": "Cafés réparation partout"}}]},
						  {"clusterId": "affordable-housing", "entries": [{"text": {"en": "Co-housing in Malmö", "fr": "Habitat partagé à Malmö"}}]},
						  {"clusterId": "nature-based-solutions", "entries": []}]}
						""");
		assertThat(edited.status()).as(edited.body()).isEqualTo(200);
		return id;
	}

	/**
	 * A draft with news for one cluster only.
	 * @param http the service
	 * @param clusterId the cluster
	 * @return the issue's id
	 */
	public static String draftWithNewsFor(Http http, String clusterId) {
		String id = http.post("/api/issues", "application/json", "").json().get("id").asString();
		Http.Response edited = http.put("/api/issues/" + id,
				"""
						{"title": {"en": "News", "fr": "Nouvelles"}, "introduction": {"en": "Hello", "fr": "Bonjour"},
						 "sections": [{"clusterId": "%s", "entries": [{"text": {"en": "Open data", "fr": "Données ouvertes"}}]}]}
						"""
					.formatted(clusterId));
		assertThat(edited.status()).as(edited.body()).isEqualTo(200);
		return id;
	}

	/**
	 * Publishes a draft with news for one cluster only, to be sent at once.
	 * @param http the service
	 * @param clusterId the cluster
	 * @return the issue's id
	 */
	public static String publishedWithNewsFor(Http http, String clusterId) {
		String id = draftWithNewsFor(http, clusterId);
		Http.Response published = http.postJson("/api/issues/" + id + "/publication", "{}");
		assertThat(published.status()).as(published.body()).isEqualTo(200);
		return id;
	}

}
