package eu.citiesgateway.platform.events;

import java.net.URI;

import org.springframework.util.Assert;

/**
 * Derives the CloudEvents {@code type} and {@code source} of the events a service
 * publishes.
 */
public final class EventTypes {

	private final String service;

	private final URI source;

	/**
	 * Creates the naming for one service.
	 * @param service the short service name inside the type, for example {@code registry}
	 * @param applicationName the application name; the source is
	 * {@code /<applicationName>}
	 */
	public EventTypes(String service, String applicationName) {
		Assert.hasText(service, "platform.events.service must name the service, e.g. 'registry'");
		this.service = service;
		this.source = URI.create("/" + applicationName);
	}

	/**
	 * The CloudEvents type of an event record.
	 * @param eventClass the record class, named for the fact (for example
	 * {@code CityJoined})
	 * @return {@code eu.citiesgateway.<service>.<EventName>.v<N>}
	 */
	public String typeOf(Class<?> eventClass) {
		EventVersion version = eventClass.getAnnotation(EventVersion.class);
		return "eu.citiesgateway." + this.service + "." + eventClass.getSimpleName() + ".v"
				+ ((version != null) ? version.value() : 1);
	}

	/**
	 * The CloudEvents source of every event of this service.
	 * @return {@code /<applicationName>}
	 */
	public URI source() {
		return this.source;
	}

}
