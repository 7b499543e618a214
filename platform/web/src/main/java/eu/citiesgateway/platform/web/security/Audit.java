package eu.citiesgateway.platform.web.security;

import org.springframework.web.context.request.RequestAttributes;
import org.springframework.web.context.request.RequestContextHolder;

/**
 * What an endpoint tells the audit trail about the change it made, where the request
 * alone does not say it. Every successful change made with a token is recorded anyway:
 * the target defaults to the id in the {@code Location} of a creation, else to the
 * request's last path variable.
 */
public final class Audit {

	static final String TARGET = Audit.class.getName() + ".target";

	private Audit() {
	}

	/**
	 * Names the target of the change being handled, for example the subscriber whose data
	 * was exported (whose address is in the body, never in the trail).
	 * @param id the target's id; never personal data such as a name or an address
	 */
	public static void target(Object id) {
		RequestAttributes attributes = RequestContextHolder.getRequestAttributes();
		if (attributes != null) {
			attributes.setAttribute(TARGET, id.toString(), RequestAttributes.SCOPE_REQUEST);
		}
	}

}
