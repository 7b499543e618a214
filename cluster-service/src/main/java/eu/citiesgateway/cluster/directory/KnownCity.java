package eu.citiesgateway.cluster.directory;

import java.time.Instant;
import java.util.List;
import java.util.UUID;

import org.springframework.data.annotation.Id;
import org.springframework.data.mongodb.core.mapping.Document;

/**
 * A city as the clusters know it, from the registry's events: enough to name it, to tell
 * its side of the Atlantic and to follow its themes.
 *
 * @param id the registry's city id
 * @param name its name
 * @param country ISO 3166-1 alpha-2
 * @param side EU or NA
 * @param themes the clusters it works on
 * @param active false once it withdrew
 * @param updatedAt when the registry last changed it
 */
@Document("cities")
public record KnownCity(@Id UUID id, String name, String country, String side, List<String> themes, boolean active,
		Instant updatedAt) {

	public boolean european() {
		return "EU".equals(this.side);
	}

}
