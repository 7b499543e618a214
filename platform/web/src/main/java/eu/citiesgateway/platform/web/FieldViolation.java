package eu.citiesgateway.platform.web;

/**
 * One offending field of a rejected request, as listed in the {@code errors} member of a
 * problem detail.
 *
 * @param field the JSON path of the field, e.g. {@code contact.email} or
 * {@code themes[1]}; for CSV, the column
 * @param message what is wrong with it, in words a caller can act on
 */
public record FieldViolation(String field, String message) {

}
