package eu.citiesgateway.platform.test;

import org.testcontainers.kafka.KafkaContainer;
import org.testcontainers.mongodb.MongoDBContainer;

import org.springframework.boot.test.context.TestConfiguration;
import org.springframework.boot.testcontainers.service.connection.ServiceConnection;
import org.springframework.context.annotation.Bean;
import org.springframework.test.context.DynamicPropertyRegistrar;

/**
 * MongoDB (a replica set, as in production) and Apache Kafka (KRaft) containers for
 * {@link ContainerInfrastructure}; Spring Boot connects to them through
 * {@code @ServiceConnection}, and the Kafka binder is pointed at the same broker.
 */
@TestConfiguration(proxyBeanMethods = false)
public class PlatformContainers {

	@Bean
	@ServiceConnection
	MongoDBContainer mongoContainer() {
		return new MongoDBContainer("mongo:8.0");
	}

	@Bean
	@ServiceConnection
	KafkaContainer kafkaContainer() {
		return new KafkaContainer("apache/kafka-native:4.1.1");
	}

	@Bean
	DynamicPropertyRegistrar kafkaBinderBrokers(KafkaContainer kafka) {
		return (registry) -> registry.add("spring.cloud.stream.kafka.binder.brokers", kafka::getBootstrapServers);
	}

}
