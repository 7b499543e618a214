package eu.citiesgateway.platform.events;

import java.lang.annotation.Documented;
import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

/**
 * Names the Kafka topic that receives the events an {@link AggregateRoot} raises. The
 * relay watches the collection of every document class carrying it.
 */
@Documented
@Retention(RetentionPolicy.RUNTIME)
@Target(ElementType.TYPE)
public @interface PublishesTo {

	/**
	 * The topic, for example {@code registry.cities.v1}.
	 * @return the topic name
	 */
	String value();

}
