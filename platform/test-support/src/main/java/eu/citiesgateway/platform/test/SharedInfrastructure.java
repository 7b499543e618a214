package eu.citiesgateway.platform.test;

import java.net.InetSocketAddress;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;

import de.bwaldvogel.mongo.MongoServer;
import de.bwaldvogel.mongo.backend.memory.MemoryBackend;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.common.KafkaFuture;
import org.apache.kafka.common.errors.TopicExistsException;

import org.springframework.kafka.test.EmbeddedKafkaKraftBroker;

/**
 * The broker and the store that all tests of one JVM share, started on first use and
 * stopped when the JVM exits.
 * <p>
 * The broker creates no topic because a client asks for it
 * ({@code auto.create.topics.enable=false}), as a production broker should not: the
 * services declare the topics they own, and tests declare those of the services they play
 * ({@link #declareTopics}).
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
			started.brokerProperty("auto.create.topics.enable", "false");
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
	 * Creates topics as their owner would, with 3 partitions; those that exist are left
	 * as they are.
	 * @param topics the topic names
	 */
	public static void declareTopics(Collection<String> topics) {
		if (topics.isEmpty()) {
			return;
		}
		try (Admin admin = admin()) {
			List<NewTopic> missing = topics.stream()
				.distinct()
				.map((topic) -> new NewTopic(topic, 3, (short) 1))
				.toList();
			for (KafkaFuture<Void> created : admin.createTopics(missing).values().values()) {
				try {
					created.get(30, TimeUnit.SECONDS);
				}
				catch (ExecutionException ex) {
					if (!(ex.getCause() instanceof TopicExistsException)) {
						throw new IllegalStateException("Could not create " + topics, ex.getCause());
					}
				}
			}
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
			throw new IllegalStateException(ex);
		}
		catch (java.util.concurrent.TimeoutException ex) {
			throw new IllegalStateException("Could not create " + topics + " in time", ex);
		}
	}

	/**
	 * The topics on the broker.
	 * @return their names, internal ones left out
	 */
	public static Set<String> topics() {
		try (Admin admin = admin()) {
			return admin.listTopics().names().get(30, TimeUnit.SECONDS);
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
			throw new IllegalStateException(ex);
		}
		catch (ExecutionException | java.util.concurrent.TimeoutException ex) {
			throw new IllegalStateException("Could not list the topics", ex);
		}
	}

	/**
	 * An admin client of the broker; close it after use.
	 * @return the client
	 */
	public static Admin admin() {
		return Admin.create(Map.of(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, kafkaBrokers()));
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
