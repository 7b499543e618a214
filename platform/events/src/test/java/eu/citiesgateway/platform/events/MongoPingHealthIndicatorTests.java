package eu.citiesgateway.platform.events;

import java.util.List;

import com.mongodb.ServerAddress;
import com.mongodb.client.MongoClient;
import com.mongodb.client.MongoDatabase;
import com.mongodb.connection.ClusterConnectionMode;
import com.mongodb.connection.ClusterDescription;
import com.mongodb.connection.ClusterType;
import com.mongodb.connection.ServerConnectionState;
import com.mongodb.connection.ServerDescription;
import com.mongodb.connection.ServerType;
import org.bson.Document;
import org.junit.jupiter.api.Test;

import org.springframework.boot.health.contributor.Health;
import org.springframework.boot.health.contributor.Status;

import static org.assertj.core.api.Assertions.assertThat;
import static org.mockito.ArgumentMatchers.any;
import static org.mockito.BDDMockito.given;
import static org.mockito.Mockito.mock;
import static org.mockito.Mockito.never;
import static org.mockito.Mockito.verify;

/**
 * The MongoDB health of the readiness group: DOWN at once while the driver knows no
 * server to write to, the answer to {@code ping} otherwise.
 */
class MongoPingHealthIndicatorTests {

	private final MongoClient client = mock();

	private final MongoDatabase database = mock();

	private final MongoPingHealthIndicator indicator = new MongoPingHealthIndicator(this.client, "registry");

	@Test
	void isDownWithoutAskingWhileNoServerToWriteToIsReachable() {
		given(this.client.getClusterDescription()).willReturn(cluster(ServerType.UNKNOWN));

		Health health = this.indicator.health(true);

		assertThat(health.getStatus()).isEqualTo(Status.DOWN);
		assertThat(health.getDetails()).containsEntry("database", "registry").containsKey("error");
		verify(this.client, never()).getDatabase(any());
	}

	@Test
	void isUpWhenTheServerAnswersThePing() {
		given(this.client.getClusterDescription()).willReturn(cluster(ServerType.STANDALONE));
		given(this.client.getDatabase("registry")).willReturn(this.database);
		given(this.database.runCommand(new Document("ping", 1))).willReturn(new Document("ok", 1.0));

		Health health = this.indicator.health(true);

		assertThat(health.getStatus()).isEqualTo(Status.UP);
		assertThat(health.getDetails()).containsEntry("database", "registry").containsEntry("ping", 1.0);
	}

	@Test
	void isDownWhenThePingFails() {
		given(this.client.getClusterDescription()).willReturn(cluster(ServerType.REPLICA_SET_PRIMARY));
		given(this.client.getDatabase("registry")).willReturn(this.database);
		given(this.database.runCommand(new Document("ping", 1))).willThrow(new IllegalStateException("cut"));

		assertThat(this.indicator.health(true).getStatus()).isEqualTo(Status.DOWN);
	}

	private static ClusterDescription cluster(ServerType type) {
		ServerDescription server = ServerDescription.builder()
			.address(new ServerAddress("mongo", 27017))
			.state((type != ServerType.UNKNOWN) ? ServerConnectionState.CONNECTED : ServerConnectionState.CONNECTING)
			.type(type)
			.ok(type != ServerType.UNKNOWN)
			.build();
		ClusterType cluster = (type == ServerType.REPLICA_SET_PRIMARY) ? ClusterType.REPLICA_SET
				: (type == ServerType.STANDALONE) ? ClusterType.STANDALONE : ClusterType.UNKNOWN;
		return new ClusterDescription(ClusterConnectionMode.SINGLE, cluster, List.of(server));
	}

}
