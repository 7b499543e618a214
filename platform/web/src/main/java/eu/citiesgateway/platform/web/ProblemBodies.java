package eu.citiesgateway.platform.web;

import java.io.IOException;
import java.util.LinkedHashMap;
import java.util.Map;

import jakarta.servlet.http.HttpServletResponse;
import org.jspecify.annotations.Nullable;
import tools.jackson.databind.json.JsonMapper;

import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;

/**
 * Problem details written where Spring MVC does not answer: in servlet filters and in the
 * container's own error report.
 */
final class ProblemBodies {

	private static final JsonMapper json = JsonMapper.shared();

	private ProblemBodies() {
	}

	/**
	 * A problem detail.
	 * @param status the status
	 * @param title a short summary
	 * @param detail what happened, for this request
	 * @param instance the request's path, if it can be trusted
	 * @return the members, in order, for further ones to be added
	 */
	static Map<String, Object> of(HttpStatus status, String title, String detail, @Nullable String instance) {
		Map<String, Object> problem = new LinkedHashMap<>();
		problem.put("type", "about:blank");
		problem.put("title", title);
		problem.put("status", status.value());
		problem.put("detail", detail);
		if (instance != null) {
			problem.put("instance", instance);
		}
		return problem;
	}

	static String json(Map<String, Object> problem) {
		return json.writeValueAsString(problem);
	}

	/**
	 * Answers with a problem detail, unless the answer has already begun.
	 * @param response the response
	 * @param problem the problem, whose {@code status} is the answer's status
	 * @throws IOException if it cannot be written
	 */
	static void write(HttpServletResponse response, Map<String, Object> problem) throws IOException {
		if (response.isCommitted()) {
			return;
		}
		response.reset();
		response.setStatus((Integer) problem.get("status"));
		response.setContentType(MediaType.APPLICATION_PROBLEM_JSON_VALUE);
		json.writeValue(response.getOutputStream(), problem);
	}

}
