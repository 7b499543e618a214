package eu.citiesgateway.platform.demo;

import java.util.List;

/**
 * One demo city: a real GeoNames city with illustrative programme data, one row of
 * {@code demo/demo-cities.csv}.
 *
 * @param name the name, as GeoNames spells it
 * @param country the ISO 3166-1 alpha-2 code ({@code FR}, {@code US}, {@code CA})
 * @param region the name of the state, province or region, as GeoNames names it
 * ({@code California}, {@code Ontario}, {@code Auvergne-Rhône-Alpes})
 * @param population inhabitants, as GeoNames counts them
 * @param latitude degrees north, at most 5 decimals
 * @param longitude degrees east, at most 5 decimals
 * @param languages illustrative: the official languages (ISO 639-1) of the country or
 * region, then {@code en}
 * @param themes illustrative: 1 to 4 theme ids, in the programme's order
 * @param topics illustrative: 2 to 4 tags from those themes
 * @param offers illustrative: 1 to 3 practices the city could share
 * @param seeks illustrative: 1 to 3 practices the city would learn, none of them an offer
 */
public record DemoCity(String name, String country, String region, long population, double latitude, double longitude,
		List<String> languages, List<String> themes, List<String> topics, List<String> offers, List<String> seeks) {

	public DemoCity {
		languages = List.copyOf(languages);
		themes = List.copyOf(themes);
		topics = List.copyOf(topics);
		offers = List.copyOf(offers);
		seeks = List.copyOf(seeks);
	}

}
