package eu.citiesgateway.registry.city;

/**
 * Request bodies for tests.
 */
final class CityFixtures {

	private CityFixtures() {
	}

	static String lyon(String name) {
		return """
				{"name": "%s", "country": "FR", "region": "Auvergne-Rhône-Alpes", "population": 522250,
				 "latitude": 45.764, "longitude": 4.8357, "languages": ["fr", "en"],
				 "themes": ["circular-economy", "nature-based-solutions"], "topics": ["urban heat", "food waste"],
				 "offers": ["district heating"], "seeks": ["affordable housing finance"],
				 "website": "https://www.lyon.fr",
				 "contact": {"name": "Camille Martin", "role": "International relations",
				             "email": "camille.martin@lyon.example"}}
				""".formatted(name);
	}

}
