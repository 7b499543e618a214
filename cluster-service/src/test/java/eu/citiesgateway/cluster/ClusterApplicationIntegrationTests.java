package eu.citiesgateway.cluster;

import eu.citiesgateway.platform.test.EmbeddedInfrastructure;
import org.junit.jupiter.api.Test;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.health.actuate.endpoint.HealthEndpoint;
import org.springframework.boot.health.contributor.Status;
import org.springframework.boot.test.context.SpringBootTest;

import static org.assertj.core.api.Assertions.assertThat;

@SpringBootTest
@EmbeddedInfrastructure
class ClusterApplicationIntegrationTests {

	@Autowired
	HealthEndpoint health;

	@Test
	void startsAndReportsHealthyWithItsBrokerAndStore() {
		assertThat(this.health.health().getStatus()).isEqualTo(Status.UP);
	}

}
