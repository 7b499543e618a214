package eu.citiesgateway.newsletter;

import eu.citiesgateway.platform.web.security.AccessRules;
import eu.citiesgateway.platform.web.security.Scopes;

import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.http.HttpMethod;
import org.springframework.security.web.servlet.util.matcher.PathPatternRequestMatcher;
import org.springframework.security.web.util.matcher.AndRequestMatcher;
import org.springframework.security.web.util.matcher.ParameterRequestMatcher;

/**
 * Who may call the newsletter. Public: the hosted pages and the subscription API, where
 * the token of a mailed link is the capability; the pages' forms need the CSRF token of
 * the page, except the RFC 8058 one-click unsubscribe a mail program posts. Issues and
 * their deliveries need {@link Scopes#NEWSLETTER_WRITE}; a subscriber's export and
 * erasure need {@link Scopes#NEWSLETTER_PRIVACY}, whose holders also read the audit
 * records of them.
 */
@Configuration(proxyBeanMethods = false)
class Access {

	@Bean
	AccessRules newsletterAccess() {
		return AccessRules.builder()
			.publicly(HttpMethod.GET, "/subscribe", "/subscriptions/confirm", "/subscriptions/preferences",
					"/subscriptions/unsubscribe", "/api/subscriptions/preferences")
			.publicly(HttpMethod.POST, "/subscribe", "/subscriptions/preferences", "/subscriptions/unsubscribe",
					"/api/subscriptions", "/api/subscriptions/confirmations", "/api/subscriptions/unsubscription")
			.publicly(HttpMethod.PUT, "/api/subscriptions/preferences")
			.forms("/subscribe", "/subscriptions/preferences", "/subscriptions/unsubscribe")
			.csrfExempt(new AndRequestMatcher(
					PathPatternRequestMatcher.pathPattern(HttpMethod.POST, "/subscriptions/unsubscribe"),
					new ParameterRequestMatcher("List-Unsubscribe", "One-Click")))
			.require(Scopes.NEWSLETTER_WRITE, HttpMethod.POST, "/api/issues", "/api/issues/{id}/publication")
			.require(Scopes.NEWSLETTER_WRITE, HttpMethod.GET, "/api/issues/{id}", "/api/issues/{id}/preview",
					"/api/issues/{id}/deliveries")
			.require(Scopes.NEWSLETTER_WRITE, HttpMethod.PUT, "/api/issues/{id}")
			.require(Scopes.NEWSLETTER_PRIVACY, HttpMethod.POST, "/api/subscribers/export", "/api/subscribers/erasure")
			.auditReadableWith(Scopes.NEWSLETTER_PRIVACY)
			.build();
	}

}
