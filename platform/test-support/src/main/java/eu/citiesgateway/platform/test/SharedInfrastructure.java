package eu.citiesgateway.platform.test;

import java.net.InetSocketAddress;

import de.bwaldvogel.mongo.MongoServer;
import de.bwaldvogel.mongo.backend.memory.MemoryBackend;

import org.springframework.kafka.test.EmbeddedKafkaKraftBroker;

/**
 * The broker and the store that all tests of one JVM share, started on first use and
 * stopped when the JVM exits.
 */
public final class SharedInfrastructure {

	private static EmbeddedKafkaKraftBroker broker;

	private static MongoServer mongo;

	private static String mongoAddress;

	private SharedInfrastructure() {
	}

	/**
	 * The Kafka bootstrap servers, starting the broker if needed.
	 * @return {@code host:port}
	 */
	public static synchronized String kafkaBrokers() {
		if (broker == null) {
			EmbeddedKafkaKraftBroker started = new EmbeddedKafkaKraftBroker(1, 3);
			started.brokerProperty("auto.create.topics.enable", "true");
			started.brokerProperty("group.initial.rebalance.delay.ms", "0");
			started.afterPropertiesSet();
			broker = started;
			Runtime.getRuntime().addShutdownHook(new Thread(started::destroy, "embedded-kafka-shutdown"));
		}
		return broker.getBrokersAsString();
	}

	/**
	 * The embedded broker, for tests that need its admin client.
	 * @return the broker, started
	 */
	public static synchronized EmbeddedKafkaKraftBroker kafka() {
		kafkaBrokers();
		return broker;
	}

	/**
	 * The MongoDB connection string for a database on the shared server.
	 * @param database the database name
	 * @return a {@code mongodb://} URI
	 */
	public static synchronized String mongoUri(String database) {
		if (mongo == null) {
			MongoServer started = new MongoServer(new MemoryBackend());
			started.bind("127.0.0.1", 0);
			InetSocketAddress address = started.getLocalAddress();
			mongo = started;
			mongoAddress = address.getHostString() + ":" + address.getPort();
			Runtime.getRuntime().addShutdownHook(new Thread(started::shutdownNow, "embedded-mongo-shutdown"));
		}
		return "mongodb://" + mongoAddress + "/" + database;
	}

}
