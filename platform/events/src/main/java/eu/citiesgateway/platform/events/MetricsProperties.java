package eu.citiesgateway.platform.events;

import java.time.Duration;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * How the gauges that take a query are kept ({@link CountGauges}).
 *
 * @param maxAge how old a count (documents in the store, records in a dead-letter topic)
 * may be when a scrape shows it; a scrape that finds it older asks for a new one, taken
 * in the background for the scrapes that follow
 * @param brokerTimeout how long each call of the dead-letter depth's admin client waits
 * for the broker
 */
@ConfigurationProperties("platform.metrics")
public record MetricsProperties(@DefaultValue("30s") Duration maxAge, @DefaultValue("5s") Duration brokerTimeout) {

}
