package eu.citiesgateway.platform.test;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Assertions on RFC 9457 problem-details answers.
 */
public final class Problems {

	private Problems() {
	}

	/**
	 * Asserts an answer is an RFC 9457 problem with a status: the status line, the media
	 * type, and a body that repeats the status and has a title.
	 * @param response the answer
	 * @param status the expected status
	 */
	public static void assertProblem(Http.Response response, int status) {
		assertThat(response.status()).as(response.body()).isEqualTo(status);
		assertThat(response.contentType()).isEqualTo("application/problem+json");
		assertThat(response.json().get("status").asInt()).as(response.body()).isEqualTo(status);
		assertThat(response.json().get("title").asString()).as(response.body()).isNotBlank();
	}

}
