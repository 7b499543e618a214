package eu.citiesgateway.platform.events;

import com.mongodb.client.MongoClient;
import org.bson.Document;

import org.springframework.boot.health.contributor.AbstractHealthIndicator;
import org.springframework.boot.health.contributor.Health;

/**
 * MongoDB health by the {@code ping} command, which MongoDB and mongo-java-server both
 * answer (the latter has no {@code hello}, which Boot's own indicator uses).
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
		Document answer = this.client.getDatabase(this.database).runCommand(new Document("ping", 1));
		builder.up().withDetail("database", this.database).withDetail("ping", answer.get("ok"));
	}

}
