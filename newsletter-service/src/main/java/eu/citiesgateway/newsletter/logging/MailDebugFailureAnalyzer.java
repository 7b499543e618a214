package eu.citiesgateway.newsletter.logging;

import org.springframework.boot.diagnostics.AbstractFailureAnalyzer;
import org.springframework.boot.diagnostics.FailureAnalysis;

/**
 * Says how to see the SMTP dialogue without printing addresses.
 */
public class MailDebugFailureAnalyzer extends AbstractFailureAnalyzer<MailDebugException> {

	@Override
	protected FailureAnalysis analyze(Throwable rootFailure, MailDebugException cause) {
		return new FailureAnalysis(cause.getMessage() + ", past the logging system that removes them.",
				"Remove spring.mail.properties[mail.debug]. To see the SMTP dialogue, set "
						+ "logging.level.org.eclipse.angus.mail=TRACE: it goes through the logging system, "
						+ "which replaces the addresses.",
				cause);
	}

}
