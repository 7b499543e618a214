package eu.citiesgateway.cluster;

import java.util.List;
import java.util.Optional;

/**
 * The programme's four thematic clusters. They exist from the start and never change at
 * run time; a cluster's id is the theme slug cities use in their profiles.
 */
public final class ClusterCatalog {

	/** The four clusters in the programme's order. */
	public static final List<Cluster> ALL = List.of(new Cluster("nature-based-solutions",
			new Text("Nature-based Solutions", "Solutions fondées sur la nature"),
			new Text(
					"Green and blue infrastructure that cools streets, holds back floods, cleans the air and brings nature back into the city: urban forests, green roofs, sponge-city design, river restoration.",
					"Des infrastructures vertes et bleues qui rafraîchissent les rues, retiennent les crues, assainissent l'air et ramènent la nature en ville : forêts urbaines, toits végétalisés, villes-éponges, renaturation des rivières.")),
			new Cluster("circular-economy", new Text("Circular Economy", "Économie circulaire"), new Text(
					"Keeping materials in use and out of landfill: repair and reuse networks, circular public procurement, construction and food waste, industrial symbiosis.",
					"Garder les matières en usage et hors des décharges : réseaux de réparation et de réemploi, commande publique circulaire, déchets de construction et alimentaires, symbiose industrielle.")),
			new Cluster("digital-inclusive-innovation",
					new Text("Digitalisation and inclusive urban innovation",
							"Numérique et innovation urbaine inclusive"),
					new Text(
							"Digital public services that reach everyone: open data, digital twins, civic tech, digital skills, responsible data and AI governance.",
							"Des services publics numériques qui atteignent tout le monde : données ouvertes, jumeaux numériques, technologies civiques, compétences numériques, gouvernance responsable des données et de l'IA.")),
			new Cluster("affordable-housing",
					new Text("Affordable housing and innovative living spaces",
							"Logement abordable et espaces de vie innovants"),
					new Text(
							"Homes people can afford and want to live in: social and co-operative housing, co-housing, energy retrofits, housing finance, Housing First.",
							"Des logements abordables où l'on a envie de vivre : logement social et coopératif, habitat partagé, rénovation énergétique, financement du logement, Logement d'abord.")));

	private ClusterCatalog() {
	}

	/**
	 * The cluster of an id.
	 * @param id a theme slug
	 * @return the cluster, if the id is one
	 */
	public static Optional<Cluster> find(String id) {
		return ALL.stream().filter((cluster) -> cluster.id().equals(id)).findFirst();
	}

	/**
	 * The ids of the four clusters.
	 * @return the ids in the programme's order
	 */
	public static List<String> ids() {
		return ALL.stream().map(Cluster::id).toList();
	}

	/**
	 * A thematic cluster.
	 *
	 * @param id the theme slug, e.g. {@code circular-economy}
	 * @param name its name
	 * @param description what it works on
	 */
	public record Cluster(String id, Text name, Text description) {
	}

	/**
	 * A text in the programme's two languages.
	 *
	 * @param en in English
	 * @param fr in French
	 */
	public record Text(String en, String fr) {
	}

}
