package eu.citiesgateway.platform.web.security;

import java.io.IOException;
import java.time.Clock;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;

import io.micrometer.core.instrument.MeterRegistry;
import jakarta.servlet.DispatcherType;
import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;

import org.springframework.beans.factory.ObjectProvider;
import org.springframework.boot.actuate.autoconfigure.endpoint.web.WebEndpointProperties;
import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnBean;
import org.springframework.boot.autoconfigure.condition.ConditionalOnClass;
import org.springframework.boot.autoconfigure.condition.ConditionalOnWebApplication;
import org.springframework.boot.data.mongodb.autoconfigure.DataMongoAutoConfiguration;
import org.springframework.boot.security.autoconfigure.UserDetailsServiceAutoConfiguration;
import org.springframework.boot.security.autoconfigure.actuate.web.servlet.EndpointRequest;
import org.springframework.boot.security.autoconfigure.actuate.web.servlet.ManagementWebSecurityAutoConfiguration;
import org.springframework.boot.security.autoconfigure.web.servlet.ServletWebSecurityAutoConfiguration;
import org.springframework.boot.security.oauth2.server.resource.autoconfigure.OAuth2ResourceServerProperties;
import org.springframework.boot.security.oauth2.server.resource.autoconfigure.servlet.OAuth2ResourceServerAutoConfiguration;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.env.Environment;
import org.springframework.data.mongodb.core.MongoTemplate;
import org.springframework.http.HttpMethod;
import org.springframework.security.config.annotation.web.builders.HttpSecurity;
import org.springframework.security.config.annotation.web.configuration.EnableWebSecurity;
import org.springframework.security.config.http.SessionCreationPolicy;
import org.springframework.security.oauth2.jwt.JwtDecoder;
import org.springframework.security.web.SecurityFilterChain;
import org.springframework.security.web.access.intercept.AuthorizationFilter;
import org.springframework.security.web.csrf.CookieCsrfTokenRepository;
import org.springframework.security.web.csrf.CsrfFilter;
import org.springframework.security.web.csrf.CsrfToken;
import org.springframework.security.web.firewall.RequestRejectedHandler;
import org.springframework.security.web.servlet.util.matcher.PathPatternRequestMatcher;
import org.springframework.security.web.util.matcher.AndRequestMatcher;
import org.springframework.security.web.util.matcher.NegatedRequestMatcher;
import org.springframework.security.web.util.matcher.OrRequestMatcher;
import org.springframework.security.web.util.matcher.RequestMatcher;
import org.springframework.web.filter.OncePerRequestFilter;
import org.springframework.web.servlet.mvc.method.RequestMappingInfoHandlerMapping;

/**
 * Every service is an OAuth2 resource server: JWT bearer tokens from the issuer set by
 * the standard properties ({@code spring.security.oauth2.resourceserver.jwt.issuer-uri}
 * or {@code ...jwk-set-uri}), scopes from the {@code scope} claim, deny by default.
 * Public are only the service's own public list ({@link AccessRules}), the liveness and
 * readiness probes, the Prometheus metrics and the API documents; the rest of the
 * actuator and the audit trail need {@link Scopes#OPS}. The JSON API is stateless; the
 * HTML forms a service declares are protected against cross-site requests by a CSRF token
 * in a cookie. Refusals are problem details ({@link ProblemResponses}), and so are the
 * requests the firewall refuses ({@link RejectedRequests}) and those no endpoint serves
 * ({@link UnmappedRequests}: 404, 405); every successful change made with a token goes to
 * the audit trail ({@link AuditTrail}).
 */
@AutoConfiguration(
		before = { ServletWebSecurityAutoConfiguration.class, ManagementWebSecurityAutoConfiguration.class,
				OAuth2ResourceServerAutoConfiguration.class, UserDetailsServiceAutoConfiguration.class },
		after = DataMongoAutoConfiguration.class)
@ConditionalOnWebApplication(type = ConditionalOnWebApplication.Type.SERVLET)
@EnableWebSecurity
public class PlatformSecurityAutoConfiguration {

	private static final Set<HttpMethod> SAFE = Set.of(HttpMethod.GET, HttpMethod.HEAD, HttpMethod.OPTIONS,
			HttpMethod.TRACE);

	@Bean
	AccessMap platformAccessMap(ObjectProvider<AccessRules> rules, ObjectProvider<WebEndpointProperties> endpoints,
			Environment environment) {
		String actuator = endpoints.getIfAvailable(WebEndpointProperties::new).getBasePath();
		String apiDocs = environment.getProperty("springdoc.api-docs.path", "/v3/api-docs");
		String swaggerUi = environment.getProperty("springdoc.swagger-ui.path", "/swagger-ui.html");
		AccessMap.Builder access = AccessMap.builder()
			.publicly(HttpMethod.GET, actuator + "/health/liveness", actuator + "/health/readiness",
					actuator + "/prometheus")
			.add(EndpointRequest.toAnyEndpoint(), actuator + "/**", Set.of(Scopes.OPS))
			.publicly(HttpMethod.GET, apiDocs, apiDocs + "/**", swaggerUi, "/swagger-ui/**");
		Set<String> auditReaders = new LinkedHashSet<>();
		auditReaders.add(Scopes.OPS);
		rules.orderedStream().forEach((service) -> auditReaders.addAll(service.auditReaders()));
		access.add(HttpMethod.GET, AuditController.PATH, auditReaders);
		rules.orderedStream().forEach(access::add);
		return access.build();
	}

	@Bean
	SecurityFilterChain platformSecurityFilterChain(HttpSecurity http, AccessMap access,
			ObjectProvider<AccessRules> rules, ObjectProvider<JwtDecoder> decoders, ObjectProvider<AuditRecords> audit,
			ObjectProvider<Clock> clock, ObjectProvider<MeterRegistry> meters,
			OAuth2ResourceServerProperties resourceServer,
			ObjectProvider<RequestMappingInfoHandlerMapping> handlerMappings) {
		if (decoders.getIfAvailable() == null) {
			throw new NoTokenIssuerException();
		}
		ProblemResponses problems = new ProblemResponses(access);
		http.authorizeHttpRequests((requests) -> {
			requests.dispatcherTypeMatchers(DispatcherType.ERROR).permitAll();
			for (AccessMap.Entry entry : access.entries()) {
				if (entry.isPublic()) {
					requests.requestMatchers(entry.matcher()).permitAll();
				}
				else {
					requests.requestMatchers(entry.matcher()).hasAnyAuthority(entry.authorities());
				}
			}
			requests.anyRequest().denyAll();
		});
		http.oauth2ResourceServer((server) -> server.jwt((jwt) -> {
		})
			.authenticationEntryPoint(problems)
			.accessDeniedHandler(problems)
			.protectedResourceMetadata((metadata) -> metadata.protectedResourceMetadataCustomizer((builder) -> {
				builder.tlsClientCertificateBoundAccessTokens(false);
				String issuer = resourceServer.getJwt().getIssuerUri();
				if (issuer != null) {
					builder.authorizationServer(issuer);
				}
				access.entries()
					.stream()
					.flatMap((entry) -> entry.scopes().stream())
					.distinct()
					.forEach(builder::scope);
			})));
		http.exceptionHandling(
				(exceptions) -> exceptions.authenticationEntryPoint(problems).accessDeniedHandler(problems));
		http.sessionManagement((sessions) -> sessions.sessionCreationPolicy(SessionCreationPolicy.STATELESS));
		http.requestCache((cache) -> cache.disable());
		RequestMatcher forms = forms(rules);
		CookieCsrfTokenRepository tokens = new CookieCsrfTokenRepository();
		tokens.setCookiePath("/");
		tokens.setCookieCustomizer((cookie) -> cookie.sameSite("Strict"));
		http.csrf((csrf) -> csrf.csrfTokenRepository(tokens)
			.requireCsrfProtectionMatcher(new AndRequestMatcher(
					(request) -> !SAFE.contains(HttpMethod.valueOf(request.getMethod())), forms)));
		http.addFilterAfter(new FormTokens(forms), CsrfFilter.class);
		http.addFilterBefore(new UnmappedRequests(access, handlerMappings), AuthorizationFilter.class);
		AuditRecords records = audit.getIfAvailable();
		if (records != null) {
			http.addFilterAfter(
					new AuditTrail(records, access, clock.getIfAvailable(Clock::systemUTC), meters.getIfAvailable()),
					AuthorizationFilter.class);
		}
		return http.build();
	}

	@Bean
	RequestRejectedHandler platformRequestRejectedHandler() {
		return new RejectedRequests();
	}

	private static RequestMatcher forms(ObjectProvider<AccessRules> rules) {
		List<RequestMatcher> forms = new ArrayList<>();
		List<RequestMatcher> exempt = new ArrayList<>();
		rules.orderedStream().forEach((service) -> {
			service.forms().forEach((pattern) -> forms.add(PathPatternRequestMatcher.pathPattern(pattern)));
			exempt.addAll(service.csrfExemptions());
		});
		if (forms.isEmpty()) {
			return (request) -> false;
		}
		RequestMatcher any = new OrRequestMatcher(forms);
		return exempt.isEmpty() ? any
				: new AndRequestMatcher(any, new NegatedRequestMatcher(new OrRequestMatcher(exempt)));
	}

	/**
	 * Sets the CSRF cookie as soon as a form page is asked for, before the page can
	 * commit the response.
	 */
	private static final class FormTokens extends OncePerRequestFilter {

		private final RequestMatcher forms;

		FormTokens(RequestMatcher forms) {
			this.forms = forms;
		}

		@Override
		protected void doFilterInternal(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
				throws ServletException, IOException {
			if (SAFE.contains(HttpMethod.valueOf(request.getMethod())) && this.forms.matches(request)
					&& request.getAttribute(CsrfToken.class.getName()) instanceof CsrfToken token) {
				token.getToken();
			}
			chain.doFilter(request, response);
		}

	}

	@Configuration(proxyBeanMethods = false)
	@ConditionalOnBean(MongoTemplate.class)
	static class AuditConfiguration {

		@Bean
		AuditRecords auditRecords(MongoTemplate mongo) {
			return new AuditRecords(mongo);
		}

		@Bean
		AuditController auditController(AuditRecords records, ObjectProvider<AccessRules> rules) {
			List<String> readers = rules.orderedStream()
				.flatMap((service) -> service.auditReaders().stream())
				.distinct()
				.toList();
			return new AuditController(records, readers);
		}

	}

	@Configuration(proxyBeanMethods = false)
	@ConditionalOnClass(name = "org.springdoc.core.customizers.OpenApiCustomizer")
	static class ApiDocumentation {

		@Bean
		AccessDocumentation accessDocumentation(AccessMap access) {
			return new AccessDocumentation(access);
		}

	}

}
