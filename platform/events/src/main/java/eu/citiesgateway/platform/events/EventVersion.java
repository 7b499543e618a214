package eu.citiesgateway.platform.events;

import java.lang.annotation.Documented;
import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

/**
 * The schema version of an event record, the {@code vN} suffix of its CloudEvents type.
 * An event without it is version 1. A breaking change is a new record with a higher
 * version, published side by side with the old one.
 */
@Documented
@Retention(RetentionPolicy.RUNTIME)
@Target(ElementType.TYPE)
public @interface EventVersion {

	/**
	 * The version number.
	 * @return at least 1
	 */
	int value();

}
