package eu.citiesgateway.local;

import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;

import org.apache.kafka.metadata.authorizer.StandardAuthorizer;
import org.apache.kafka.server.authorizer.Action;
import org.apache.kafka.server.authorizer.AuthorizableRequestContext;
import org.apache.kafka.server.authorizer.AuthorizationResult;

/**
 * Kafka's {@link StandardAuthorizer}, deciding as it does, that also remembers each
 * refusal the broker would log (not the topics it merely leaves out of a listing), so
 * that a test can show that the ACLs a service has are all it needs.
 */
public class RecordingAuthorizer extends StandardAuthorizer {

	private static final List<Denial> denials = new CopyOnWriteArrayList<>();

	@Override
	public List<AuthorizationResult> authorize(AuthorizableRequestContext context, List<Action> actions) {
		List<AuthorizationResult> results = super.authorize(context, actions);
		for (int i = 0; i < actions.size(); i++) {
			Action action = actions.get(i);
			if (results.get(i) == AuthorizationResult.DENIED && action.logIfDenied()) {
				denials.add(new Denial(context.principal().toString(), context.clientId(), action.operation() + " "
						+ action.resourcePattern().resourceType() + " " + action.resourcePattern().name()));
			}
		}
		return results;
	}

	static List<Denial> denials() {
		return List.copyOf(denials);
	}

	/**
	 * A request the broker refused.
	 *
	 * @param principal who asked
	 * @param clientId the client that asked
	 * @param action the operation and the resource refused
	 */
	record Denial(String principal, String clientId, String action) {
	}

}
