package eu.citiesgateway.registry.city;

import java.net.URI;
import java.net.URISyntaxException;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;

import eu.citiesgateway.platform.web.FieldViolation;
import eu.citiesgateway.platform.web.InvalidRequestException;
import eu.citiesgateway.platform.web.TextFields;
import jakarta.validation.ConstraintViolation;
import jakarta.validation.Validator;
import org.jspecify.annotations.Nullable;

import org.springframework.stereotype.Component;

/**
 * Checks a city or organisation request field by field and reports every offending field
 * at once. The same rules apply to JSON requests and to CSV rows. Texts follow the
 * platform's rules ({@link TextFields}): they are checked as they will be stored (NFC,
 * stripped, topics in lower case), so a limit holds for what is stored and published, and
 * no text holds control characters, bidirectional overrides or invisible characters.
 */
@Component
class CityRules {

	private final Validator validator;

	CityRules(Validator validator) {
		this.validator = validator;
	}

	/**
	 * Normalises a request (texts as {@link TextFields} stores them, country upper case)
	 * and checks it.
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
		CityRequest normalised = normalised(request);
		for (FieldViolation violation : constraints(normalised)) {
			if (earlier.stream().noneMatch((e) -> e.field().equals(violation.field()))) {
				violations.add(violation);
			}
		}
		if (normalised.country() != null && !normalised.country().isBlank()
				&& Countries.sideOf(normalised.country()).isEmpty()) {
			violations.add(new FieldViolation("country",
					"'" + normalised.country() + "' is not a participating country; allowed are " + Countries.ALLOWED));
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
		characters("name", normalised.name(), violations);
		characters("region", normalised.region(), violations);
		characters("topics", normalised.topics(), violations);
		characters("offers", normalised.offers(), violations);
		characters("seeks", normalised.seeks(), violations);
		characters("website", normalised.website(), violations);
		characters(normalised.contact(), violations);
		website("website", normalised.website(), violations);
		violations.sort(Comparator.comparing(FieldViolation::field));
		return violations;
	}

	OrganisationRequest check(OrganisationRequest request) {
		OrganisationRequest normalised = new OrganisationRequest(TextFields.normalised(request.name()), request.type(),
				TextFields.normalised(request.website()), normalised(request.contact()));
		List<FieldViolation> violations = new ArrayList<>(constraints(normalised));
		if (request.type() != null && !Organisation.TYPES.contains(request.type())) {
			violations.add(new FieldViolation("type",
					"'" + request.type() + "' is not an organisation type; allowed are " + Organisation.TYPES));
		}
		characters("name", normalised.name(), violations);
		characters("website", normalised.website(), violations);
		characters(normalised.contact(), violations);
		website("website", normalised.website(), violations);
		if (!violations.isEmpty()) {
			violations.sort(Comparator.comparing(FieldViolation::field));
			throw new InvalidRequestException(violations);
		}
		return normalised;
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
		return new CityRequest(TextFields.normalised(request.name()), country, TextFields.normalised(request.region()),
				request.population(), request.latitude(), request.longitude(), request.languages(), request.themes(),
				normalised(request.topics(), true), normalised(request.offers(), false),
				normalised(request.seeks(), false), TextFields.normalised(request.website()),
				normalised(request.contact()));
	}

	private static @Nullable List<String> normalised(@Nullable List<String> texts, boolean lowerCase) {
		if (texts == null) {
			return null;
		}
		List<String> normalised = new ArrayList<>(texts.size());
		for (String text : texts) {
			// lower case can lengthen a text ("İ" is two characters in lower case)
			normalised.add((text != null && lowerCase) ? TextFields.normalised(text.toLowerCase(Locale.ROOT))
					: TextFields.normalised(text));
		}
		return normalised;
	}

	private static @Nullable Contact normalised(@Nullable Contact contact) {
		if (contact == null) {
			return null;
		}
		return new Contact(TextFields.normalised(contact.name()), TextFields.normalised(contact.role()),
				TextFields.normalised(contact.email()));
	}

	private static void characters(String field, @Nullable String value, List<FieldViolation> violations) {
		String problem = (value != null) ? TextFields.characterProblem(value, false) : null;
		if (problem != null) {
			violations.add(new FieldViolation(field, problem));
		}
	}

	private static void characters(String field, @Nullable List<String> values, List<FieldViolation> violations) {
		if (values != null) {
			for (int i = 0; i < values.size(); i++) {
				characters(field + "[" + i + "]", values.get(i), violations);
			}
		}
	}

	private static void characters(@Nullable Contact contact, List<FieldViolation> violations) {
		if (contact != null) {
			characters("contact.name", contact.name(), violations);
			characters("contact.role", contact.role(), violations);
			characters("contact.email", contact.email(), violations);
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
