package eu.citiesgateway.registry.city;

import java.net.URI;
import java.net.URISyntaxException;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;

import eu.citiesgateway.platform.web.FieldViolation;
import eu.citiesgateway.platform.web.InvalidRequestException;
import jakarta.validation.ConstraintViolation;
import jakarta.validation.Validator;

import org.springframework.stereotype.Component;

/**
 * Checks a city or organisation request field by field and reports every offending field
 * at once. The same rules apply to JSON requests and to CSV rows.
 */
@Component
class CityRules {

	private final Validator validator;

	CityRules(Validator validator) {
		this.validator = validator;
	}

	/**
	 * Normalises a request's codes (country upper case) and checks it.
	 * @return the normalised request
	 * @throws InvalidRequestException listing every offending field
	 */
	CityRequest check(CityRequest request) {
		List<FieldViolation> violations = check(request, List.of());
		if (!violations.isEmpty()) {
			throw new InvalidRequestException(violations);
		}
		return normalised(request);
	}

	List<FieldViolation> check(CityRequest request, List<FieldViolation> earlier) {
		List<FieldViolation> violations = new ArrayList<>(earlier);
		for (FieldViolation violation : constraints(request)) {
			if (earlier.stream().noneMatch((e) -> e.field().equals(violation.field()))) {
				violations.add(violation);
			}
		}
		CityRequest normalised = normalised(request);
		if (normalised.country() != null && !normalised.country().isBlank()
				&& Countries.sideOf(normalised.country()).isEmpty()) {
			violations.add(new FieldViolation("country",
					"'" + request.country() + "' is not a participating country; allowed are " + Countries.ALLOWED));
		}
		if (request.themes() != null) {
			for (int i = 0; i < request.themes().size(); i++) {
				String theme = request.themes().get(i);
				if (theme != null && !Themes.ALL.contains(theme)) {
					violations.add(new FieldViolation("themes[" + i + "]",
							"'" + theme + "' is not a theme; allowed are " + Themes.ALL));
				}
			}
		}
		noControlCharacters("name", request.name(), violations);
		noControlCharacters("region", request.region(), violations);
		noControlCharacters("topics", request.topics(), violations);
		noControlCharacters("offers", request.offers(), violations);
		noControlCharacters("seeks", request.seeks(), violations);
		website("website", request.website(), violations);
		violations.sort(Comparator.comparing(FieldViolation::field));
		return violations;
	}

	OrganisationRequest check(OrganisationRequest request) {
		List<FieldViolation> violations = new ArrayList<>(constraints(request));
		if (request.type() != null && !Organisation.TYPES.contains(request.type())) {
			violations.add(new FieldViolation("type",
					"'" + request.type() + "' is not an organisation type; allowed are " + Organisation.TYPES));
		}
		noControlCharacters("name", request.name(), violations);
		website("website", request.website(), violations);
		if (!violations.isEmpty()) {
			violations.sort(Comparator.comparing(FieldViolation::field));
			throw new InvalidRequestException(violations);
		}
		return request;
	}

	private <T> List<FieldViolation> constraints(T request) {
		List<FieldViolation> violations = new ArrayList<>();
		for (ConstraintViolation<T> violation : this.validator.validate(request)) {
			String path = violation.getPropertyPath().toString().replaceAll("\\.<list element>", "");
			violations.add(new FieldViolation(path, violation.getMessage()));
		}
		return violations;
	}

	private static CityRequest normalised(CityRequest request) {
		String country = (request.country() != null) ? request.country().strip().toUpperCase(Locale.ROOT) : null;
		return new CityRequest(request.name(), country, request.region(), request.population(), request.latitude(),
				request.longitude(), request.languages(), request.themes(), request.topics(), request.offers(),
				request.seeks(), request.website(), request.contact());
	}

	private static void noControlCharacters(String field, String value, List<FieldViolation> violations) {
		if (value != null && value.chars().anyMatch(Character::isISOControl)) {
			violations.add(new FieldViolation(field, "must not contain control characters"));
		}
	}

	private static void noControlCharacters(String field, List<String> values, List<FieldViolation> violations) {
		if (values != null) {
			for (int i = 0; i < values.size(); i++) {
				noControlCharacters(field + "[" + i + "]", values.get(i), violations);
			}
		}
	}

	private static void website(String field, String website, List<FieldViolation> violations) {
		if (website == null || website.isBlank()) {
			return;
		}
		try {
			URI uri = new URI(website.strip());
			if (!("http".equals(uri.getScheme()) || "https".equals(uri.getScheme())) || uri.getHost() == null) {
				violations.add(new FieldViolation(field, "must be an http or https address"));
			}
		}
		catch (URISyntaxException ex) {
			violations.add(new FieldViolation(field, "must be an http or https address"));
		}
	}

}
