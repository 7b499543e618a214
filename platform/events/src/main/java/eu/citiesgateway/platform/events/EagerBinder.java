package eu.citiesgateway.platform.events;

import org.springframework.beans.factory.SmartInitializingSingleton;
import org.springframework.cloud.stream.binder.BinderFactory;
import org.springframework.messaging.MessageChannel;

/**
 * Makes the Kafka binder at start-up, before anything is sent. Spring Cloud Stream makes
 * it at the first binding, which for a service that only publishes (the registry) is its
 * first event: until then the service would have no binder health, and its readiness
 * would ignore the broker. With the binder made, its health asks the broker from the
 * start: DOWN while it cannot be reached, UNKNOWN (no topic bound yet) while it can.
 */
class EagerBinder implements SmartInitializingSingleton {

	private final BinderFactory binders;

	EagerBinder(BinderFactory binders) {
		this.binders = binders;
	}

	@Override
	public void afterSingletonsInstantiated() {
		this.binders.getBinder(null, MessageChannel.class);
	}

}
