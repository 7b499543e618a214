package eu.citiesgateway.registry.city;

import java.util.List;
import java.util.UUID;

import com.fasterxml.jackson.annotation.JsonInclude;
import eu.citiesgateway.platform.web.FieldViolation;

/**
 * What a CSV import did, row by row.
 *
 * @param created rows registered as new cities
 * @param duplicates rows naming a city registered already
 * @param invalid rows rejected, with their reasons
 * @param failed valid rows the store could not take (retry them)
 * @param rows one entry per data row, by the line where it ends in the file (the header
 * is line 1)
 */
record ImportReport(int created, int duplicates, int invalid, int failed, List<Row> rows) {

	static ImportReport of(List<Row> rows) {
		return new ImportReport(count(rows, "created"), count(rows, "duplicate"), count(rows, "invalid"),
				count(rows, "failed"), rows);
	}

	private static int count(List<Row> rows, String status) {
		return (int) rows.stream().filter((row) -> row.status().equals(status)).count();
	}

	/**
	 * The outcome of one row.
	 *
	 * @param line the line number in the file
	 * @param status {@code created}, {@code duplicate}, {@code invalid} or {@code failed}
	 * @param id the new city, when created
	 * @param existingId the city registered already, when a duplicate
	 * @param errors the offending fields, when invalid; the store's error, when failed
	 */
	@JsonInclude(JsonInclude.Include.NON_NULL)
	record Row(int line, String status, UUID id, UUID existingId, List<FieldViolation> errors) {

		static Row created(int line, UUID id) {
			return new Row(line, "created", id, null, null);
		}

		static Row duplicate(int line, UUID existingId) {
			return new Row(line, "duplicate", null, existingId, null);
		}

		static Row invalid(int line, List<FieldViolation> errors) {
			return new Row(line, "invalid", null, null, errors);
		}

		static Row failed(int line, String reason) {
			return new Row(line, "failed", null, null, List.of(new FieldViolation("$", reason)));
		}

	}

}
