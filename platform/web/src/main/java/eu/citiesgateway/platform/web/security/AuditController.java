package eu.citiesgateway.platform.web.security;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;

import eu.citiesgateway.platform.web.DateTimes;
import eu.citiesgateway.platform.web.FieldViolation;
import eu.citiesgateway.platform.web.InvalidRequestException;
import eu.citiesgateway.platform.web.Paging;
import org.jspecify.annotations.Nullable;

import org.springframework.data.domain.PageRequest;
import org.springframework.data.web.PagedModel;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

/**
 * The audit trail under {@code /api/audit}: every successful change made with a token.
 * {@link Scopes#OPS} reads all of it; the scopes a service lets read the trail (see
 * {@link AccessRules#auditReaders()}) read the changes made under them.
 */
@RestController
class AuditController {

	static final String PATH = "/api/audit";

	private static final int MAX_PAGE_SIZE = 100;

	private final AuditRecords records;

	private final List<String> readers;

	AuditController(AuditRecords records, List<String> readers) {
		this.records = records;
		this.readers = readers;
	}

	@GetMapping(PATH)
	PagedModel<AuditView> search(@RequestParam(name = "from") @Nullable String fromText,
			@RequestParam(name = "to") @Nullable String toText, @RequestParam @Nullable String action,
			@RequestParam(defaultValue = "0") int page, @RequestParam(defaultValue = "20") int size) {
		List<FieldViolation> violations = new ArrayList<>();
		Instant from = DateTimes.instant("from", fromText, false, violations);
		Instant to = DateTimes.instant("to", toText, false, violations);
		violations.addAll(Paging.violations(page, size, MAX_PAGE_SIZE));
		if (from != null && to != null && !from.isBefore(to)) {
			violations.add(new FieldViolation("to", "must be later than from"));
		}
		if (!violations.isEmpty()) {
			throw new InvalidRequestException(violations);
		}
		List<String> scopes = Caller.hasScope(Scopes.OPS) ? null
				: this.readers.stream().filter(Caller::hasScope).toList();
		return new PagedModel<>(this.records
			.find(from, to, (action != null && !action.isBlank()) ? action : null, scopes, PageRequest.of(page, size))
			.map(AuditView::of));
	}

	/**
	 * One change in the audit trail.
	 *
	 * @param id the record
	 * @param at when it was answered
	 * @param subject who made it: the token's {@code sub}
	 * @param clientId the client the token was issued to
	 * @param cityId the city a representative acted for, if any
	 * @param action the method and path pattern, e.g. {@code POST
	 * /api/cities/{id}/withdrawal}
	 * @param target the id of what was changed, if known
	 * @param scope the scope that allowed it
	 * @param outcome the HTTP status of the answer
	 */
	record AuditView(UUID id, Instant at, @Nullable String subject, @Nullable String clientId, @Nullable String cityId,
			String action, @Nullable String target, @Nullable String scope, int outcome) {

		static AuditView of(AuditRecord record) {
			return new AuditView(record.id(), record.at(), record.subject(), record.clientId(), record.cityId(),
					record.action(), record.target(), record.scope(), record.outcome());
		}

	}

}
