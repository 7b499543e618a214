package eu.citiesgateway.platform.web;

import java.util.Map;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.util.unit.DataSize;

/**
 * Web conventions of the platform's services.
 *
 * @param maxBodySize the largest request body accepted where no path limit applies
 * @param bodyLimits larger or smaller limits for paths (Ant patterns, e.g.
 * {@code /api/cities/import})
 */
@ConfigurationProperties("platform.web")
public record WebProperties(@DefaultValue("64KB") DataSize maxBodySize, Map<String, DataSize> bodyLimits) {

	public WebProperties {
		bodyLimits = (bodyLimits != null) ? Map.copyOf(bodyLimits) : Map.of();
	}

}
