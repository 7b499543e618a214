package eu.citiesgateway.registry.city;

import java.io.IOException;
import java.io.PushbackReader;
import java.io.Reader;
import java.io.UncheckedIOException;
import java.nio.charset.CharacterCodingException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Iterator;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.function.Function;

import eu.citiesgateway.platform.web.ConflictException;
import eu.citiesgateway.platform.web.FieldViolation;
import eu.citiesgateway.platform.web.InvalidRequestException;
import eu.citiesgateway.registry.RegistryProperties;
import org.apache.commons.csv.CSVFormat;
import org.apache.commons.csv.CSVParser;
import org.apache.commons.csv.CSVRecord;

import org.springframework.dao.DataAccessException;
import org.springframework.stereotype.Service;

/**
 * Registers cities from CSV: a header row with the JSON field names (lists separated by
 * {@code ;}, contact columns {@code contact.name}, {@code contact.role},
 * {@code contact.email} optional), then one city per row. Every row is checked and stored
 * on its own: valid rows are kept when other rows fail, and the report says for each row
 * what happened.
 */
@Service
class CsvImport {

	static final List<String> COLUMNS = List.of("name", "country", "region", "population", "latitude", "longitude",
			"languages", "themes", "topics", "offers", "seeks", "website", "contact.name", "contact.role",
			"contact.email");

	static final List<String> REQUIRED = List.of("name", "country", "population", "latitude", "longitude", "languages",
			"themes");

	private static final String NOT_TEXT = "the file is not text in the charset its Content-Type names (UTF-8 "
			+ "if it names none): this row and the rest of the file were not read";

	private static final CSVFormat FORMAT = CSVFormat.DEFAULT.builder()
		.setHeader()
		.setSkipHeaderRecord(true)
		.setTrim(true)
		.setIgnoreEmptyLines(true)
		.get();

	private final Registry registry;

	private final CityRules rules;

	private final RegistryProperties properties;

	CsvImport(Registry registry, CityRules rules, RegistryProperties properties) {
		this.registry = registry;
		this.rules = rules;
		this.properties = properties;
	}

	ImportReport run(Reader csv) {
		List<CSVRecord> records = new ArrayList<>();
		List<Long> lines = new ArrayList<>();
		List<String> header;
		ImportReport.Row unreadable = null;
		try (CSVParser parser = CSVParser.builder().setReader(skipByteOrderMark(csv)).setFormat(FORMAT).get()) {
			header = parser.getHeaderNames().stream().map(String::strip).toList();
			checkHeader(header);
			Iterator<CSVRecord> rows = parser.iterator();
			while (true) {
				try {
					if (!rows.hasNext()) {
						break;
					}
					records.add(rows.next());
					lines.add(parser.getCurrentLineNumber());
				}
				catch (UncheckedIOException | IllegalStateException ex) {
					unreadable = ImportReport.Row.invalid(
							records.isEmpty() ? 2 : (int) records.get(records.size() - 1).getRecordNumber() + 2,
							List.of(new FieldViolation("$",
									(isEncoding(ex) ? NOT_TEXT
											: "malformed CSV; this row and the rest of the file were not read: "
													+ ex.getMessage()))));
					break;
				}
				if (records.size() > this.properties.maxImportRows()) {
					throw new InvalidRequestException("$",
							"an import holds at most " + this.properties.maxImportRows() + " rows; split the file");
				}
			}
		}
		catch (IOException | UncheckedIOException ex) {
			throw new InvalidRequestException("$",
					isEncoding(ex) ? NOT_TEXT : "the CSV cannot be read: " + ex.getMessage());
		}
		catch (InvalidRequestException ex) {
			throw ex;
		}
		catch (IllegalArgumentException ex) {
			throw new InvalidRequestException("$", "the CSV header cannot be read: " + ex.getMessage());
		}
		List<ImportReport.Row> rows = new ArrayList<>();
		for (int i = 0; i < records.size(); i++) {
			rows.add(importRow(records.get(i), lines.get(i).intValue(), header));
		}
		if (unreadable != null) {
			rows.add(unreadable);
		}
		return ImportReport.of(rows);
	}

	private ImportReport.Row importRow(CSVRecord record, int line, List<String> header) {
		if (!record.isConsistent()) {
			return ImportReport.Row.invalid(line, List.of(new FieldViolation("$",
					"the row has " + record.size() + " fields where the header has " + header.size())));
		}
		Map<String, String> values = record.toMap();
		List<FieldViolation> violations = new ArrayList<>();
		Contact contact = null;
		if (notBlank(values.get("contact.name")) || notBlank(values.get("contact.role"))
				|| notBlank(values.get("contact.email"))) {
			contact = new Contact(blankToNull(values.get("contact.name")), blankToNull(values.get("contact.role")),
					blankToNull(values.get("contact.email")));
		}
		CityRequest request = new CityRequest(blankToNull(values.get("name")), blankToNull(values.get("country")),
				blankToNull(values.get("region")), number("population", values, violations, Long::valueOf),
				number("latitude", values, violations, Double::valueOf),
				number("longitude", values, violations, Double::valueOf), list(values.get("languages")),
				list(values.get("themes")), list(values.get("topics")), list(values.get("offers")),
				list(values.get("seeks")), blankToNull(values.get("website")), contact);
		violations = this.rules.check(request, violations);
		if (!violations.isEmpty()) {
			return ImportReport.Row.invalid(line, violations);
		}
		try {
			City city = this.registry.register(request);
			return ImportReport.Row.created(line, city.id());
		}
		catch (ConflictException ex) {
			return ImportReport.Row.duplicate(line, (UUID) ex.properties().get("existingId"));
		}
		catch (InvalidRequestException ex) {
			return ImportReport.Row.invalid(line, ex.violations());
		}
		catch (DataAccessException ex) {
			return ImportReport.Row.failed(line, "could not be stored: " + ex.getMostSpecificCause().getMessage());
		}
	}

	private static void checkHeader(List<String> header) {
		List<FieldViolation> violations = new ArrayList<>();
		Set<String> seen = new LinkedHashSet<>();
		for (String column : header) {
			if (!COLUMNS.contains(column)) {
				violations.add(new FieldViolation(column, "unknown column; allowed are " + COLUMNS));
			}
			else if (!seen.add(column)) {
				violations.add(new FieldViolation(column, "column appears twice"));
			}
		}
		for (String required : REQUIRED) {
			if (!header.contains(required)) {
				violations.add(new FieldViolation(required, "required column is missing"));
			}
		}
		if (!violations.isEmpty()) {
			throw new InvalidRequestException(violations);
		}
	}

	private static boolean isEncoding(Exception ex) {
		for (Throwable cause = ex; cause != null; cause = cause.getCause()) {
			if (cause instanceof CharacterCodingException) {
				return true;
			}
		}
		return false;
	}

	private static <T> T number(String column, Map<String, String> values, List<FieldViolation> violations,
			Function<String, T> parse) {
		String value = values.get(column);
		if (value == null || value.isBlank()) {
			return null;
		}
		try {
			return parse.apply(value.strip());
		}
		catch (NumberFormatException ex) {
			violations.add(new FieldViolation(column, "'" + value + "' is not a number"));
			return null;
		}
	}

	private static List<String> list(String value) {
		if (value == null || value.isBlank()) {
			return List.of();
		}
		return Arrays.stream(value.split(";")).map(String::strip).filter((s) -> !s.isEmpty()).toList();
	}

	private static boolean notBlank(String value) {
		return value != null && !value.isBlank();
	}

	private static String blankToNull(String value) {
		return notBlank(value) ? value.strip() : null;
	}

	private static Reader skipByteOrderMark(Reader reader) throws IOException {
		PushbackReader pushback = new PushbackReader(reader, 1);
		int first = pushback.read();
		if (first != -1 && first != '\uFEFF') {
			pushback.unread(first);
		}
		return pushback;
	}

}
