package eu.citiesgateway.registry;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * Limits of the registry's API.
 *
 * @param maxImportRows data rows a CSV import may hold; the body size limit is set with
 * {@code platform.web.body-limits}
 * @param maxOrganisationsPerCity organisations one city may register
 * @param maxPageSize the largest page a search returns
 */
@ConfigurationProperties("registry")
public record RegistryProperties(@DefaultValue("5000") int maxImportRows,
		@DefaultValue("200") int maxOrganisationsPerCity, @DefaultValue("100") int maxPageSize) {

}
