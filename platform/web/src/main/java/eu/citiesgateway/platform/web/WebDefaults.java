package eu.citiesgateway.platform.web;

import java.util.LinkedHashMap;
import java.util.Map;

import org.springframework.boot.EnvironmentPostProcessor;
import org.springframework.boot.SpringApplication;
import org.springframework.core.env.ConfigurableEnvironment;
import org.springframework.core.env.MapPropertySource;

/**
 * Strict JSON by default: unknown fields, nulls for numbers, trailing tokens, values of
 * the wrong type (a number in quotes) and fractions for whole numbers are rejected, and
 * answered with the field at fault (duplicate keys are refused by
 * {@link WebAutoConfiguration}). Form and multipart bodies, which the container parses
 * itself, are held to {@code platform.web.max-body-size} whatever their transfer
 * encoding. Health details only for tokens with the {@code ops} scope. HTTP server
 * requests measured with a histogram ({@code http_server_requests_seconds_bucket}), so
 * that percentiles can be computed across instances; no deployment has to set it (nor
 * spell the environment variable right). Added with the lowest precedence, so a service
 * can relax any of it.
 */
public class WebDefaults implements EnvironmentPostProcessor {

	@Override
	public void postProcessEnvironment(ConfigurableEnvironment environment, SpringApplication application) {
		Map<String, Object> defaults = new LinkedHashMap<>();
		defaults.put("spring.jackson.deserialization.fail-on-unknown-properties", "true");
		defaults.put("spring.jackson.deserialization.fail-on-null-for-primitives", "true");
		defaults.put("spring.jackson.deserialization.fail-on-trailing-tokens", "true");
		defaults.put("spring.jackson.deserialization.accept-single-value-as-array", "false");
		defaults.put("spring.jackson.mapper.allow-coercion-of-scalars", "false");
		defaults.put("spring.jackson.deserialization.accept-float-as-int", "false");
		// the container reads these bodies itself, past RequestSizeLimitFilter's stream
		defaults.put("server.tomcat.max-http-form-post-size", "${platform.web.max-body-size:64KB}");
		defaults.put("spring.servlet.multipart.max-request-size", "${platform.web.max-body-size:64KB}");
		defaults.put("spring.servlet.multipart.max-file-size", "${platform.web.max-body-size:64KB}");
		// a malformed request line or header is answered 400; no stack trace for it
		defaults.put("logging.level.org.apache.coyote.http11.Http11Processor", "warn");
		defaults.put("server.error.include-stacktrace", "never");
		defaults.put("springdoc.swagger-ui.path", "/swagger-ui.html");
		// the probes are public: their details (components, errors) only for operations
		defaults.put("management.endpoint.health.show-details", "when-authorized");
		defaults.put("management.endpoint.health.roles", "SCOPE_ops");
		// buckets for p99 panels and alerts; percentiles computed in one instance could
		// not be added up across instances
		defaults.put("management.metrics.distribution.percentiles-histogram.http.server.requests", "true");
		environment.getPropertySources().addLast(new MapPropertySource("platformWebDefaults", defaults));
	}

}
