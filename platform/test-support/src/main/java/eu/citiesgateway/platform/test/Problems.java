package eu.citiesgateway.platform.test;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Assertions on RFC 9457 problem-details answers.
 */
public final class Problems {

	private Problems() {
	}

	/**
	 * Asserts an answer is a problem with a status.
	 * @param response the answer
	 * @param status the expected status
	 */
	public static void assertProblem(Http.Response response, int status) {
		assertThat(response.status()).as(response.body()).isEqualTo(status);
		assertThat(response.contentType()).isEqualTo("application/problem+json");
	}

}
