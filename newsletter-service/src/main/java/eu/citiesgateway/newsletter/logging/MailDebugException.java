package eu.citiesgateway.newsletter.logging;

/**
 * Jakarta Mail's debug output is on: it would print every recipient's address.
 */
public class MailDebugException extends IllegalStateException {

	MailDebugException() {
		super("mail.debug is on: Jakarta Mail would print every recipient's address to standard output");
	}

}
