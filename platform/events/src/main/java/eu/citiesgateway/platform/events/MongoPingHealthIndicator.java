package eu.citiesgateway.platform.events;

import com.mongodb.client.MongoClient;
import com.mongodb.connection.ClusterDescription;
import org.bson.Document;

import org.springframework.boot.health.contributor.AbstractHealthIndicator;
import org.springframework.boot.health.contributor.Health;

/**
 * MongoDB health by the {@code ping} command, which MongoDB and mongo-java-server both
 * answer (the latter has no {@code hello}, which Boot's own indicator uses). It is part
 * of the readiness group ({@link EventKitDefaults}), so it answers at once while no
 * server the service could write to is known to the driver, instead of waiting for the
 * driver's server selection (30 s) in every probe of an outage. The driver learns of a
 * refused or cut connection at once, and of a server that stopped answering, or is back,
 * within its heartbeat (10 s).
 */
public class MongoPingHealthIndicator extends AbstractHealthIndicator {

	private final MongoClient client;

	private final String database;

	public MongoPingHealthIndicator(MongoClient client, String database) {
		super("MongoDB health check failed");
		this.client = client;
		this.database = database;
	}

	@Override
	protected void doHealthCheck(Health.Builder builder) {
		builder.withDetail("database", this.database);
		ClusterDescription cluster = this.client.getClusterDescription();
		if (!cluster.hasWritableServer()) {
			builder.down().withDetail("error", "no server to write to is reachable (" + cluster.getType() + ")");
			return;
		}
		Document answer = this.client.getDatabase(this.database).runCommand(new Document("ping", 1));
		builder.up().withDetail("ping", answer.get("ok"));
	}

}
