package eu.citiesgateway.matching.pairing;

import java.util.ArrayList;
import java.util.List;
import java.util.UUID;

import eu.citiesgateway.matching.MatchingProperties;
import eu.citiesgateway.platform.web.FieldViolation;
import eu.citiesgateway.platform.web.InvalidRequestException;
import eu.citiesgateway.platform.web.Paging;
import eu.citiesgateway.platform.web.TextFields;
import org.jspecify.annotations.Nullable;

import org.springframework.data.domain.PageRequest;
import org.springframework.data.domain.Sort;
import org.springframework.data.mongodb.core.MongoTemplate;
import org.springframework.data.mongodb.core.query.Criteria;
import org.springframework.data.mongodb.core.query.Query;
import org.springframework.data.support.PageableExecutionUtils;
import org.springframework.data.web.PagedModel;
import org.springframework.http.HttpHeaders;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

/**
 * Pairings under {@code /api/pairings}: reading them and recording the sides' decisions.
 * <p>
 * Who sees what ({@link Permissions}): confirmed and completed pairings are public; the
 * others need {@code matching:read}, or a representative's token ({@code pairings:decide}
 * with its city in {@code city_id}) for the pairings of its own city. Without
 * {@code matching:read}, reading one that is not public is refused (401 without a token,
 * 403 with one), and a search finds the public pairings and, for a representative, every
 * pairing of its city; a search for a {@code status} that is not public is refused to
 * anyone else. The other filters and paging apply within what the caller may see. Answers
 * that depend on the token vary by {@code Authorization}.
 * <p>
 * A decision needs {@code matching:write}, which decides for either side, or a
 * representative deciding for its own city's side of a pairing of its city; anything else
 * is refused with 403 before anything changes. A decline's reason and a completion's
 * outcome follow the platform's rules for multi-line texts ({@link TextFields}): line
 * feeds are kept, other control characters, bidirectional overrides and invisible
 * characters refused.
 */
@RestController
@RequestMapping("/api/pairings")
class PairingController {

	private final Decisions decisions;

	private final MongoTemplate mongo;

	private final MatchingProperties properties;

	PairingController(Decisions decisions, MongoTemplate mongo, MatchingProperties properties) {
		this.decisions = decisions;
		this.mongo = mongo;
		this.properties = properties;
	}

	@GetMapping("/{id}")
	ResponseEntity<PairingView> show(@PathVariable UUID id) {
		Pairing pairing = this.decisions.find(id);
		Permissions.ofCaller().checkRead(pairing);
		return ResponseEntity.ok().varyBy(HttpHeaders.AUTHORIZATION).body(PairingView.of(pairing));
	}

	@GetMapping
	ResponseEntity<PagedModel<PairingView>> search(@RequestParam @Nullable UUID cityId,
			@RequestParam @Nullable Status status, @RequestParam @Nullable UUID roundId,
			@RequestParam(defaultValue = "0") int page, @RequestParam(defaultValue = "20") int size) {
		Paging.check(page, size, this.properties.maxPageSize());
		Permissions caller = Permissions.ofCaller();
		if (status != null) {
			caller.checkSearch(status);
		}
		List<Criteria> filters = new ArrayList<>();
		if (!caller.readsAll()) {
			filters.add(visibleTo(caller.city()));
		}
		if (cityId != null) {
			filters.add(involving(cityId));
		}
		if (status != null) {
			filters.add(Criteria.where("status").is(status));
		}
		if (roundId != null) {
			filters.add(Criteria.where("roundId").is(roundId));
		}
		Criteria criteria = filters.isEmpty() ? new Criteria() : new Criteria().andOperator(filters);
		PageRequest pageable = PageRequest.of(page, size, Sort.by("proposedAt", "_id"));
		Query query = new Query(criteria).with(pageable);
		List<PairingView> views = this.mongo.find(query, Pairing.class).stream().map(PairingView::of).toList();
		return ResponseEntity.ok()
			.varyBy(HttpHeaders.AUTHORIZATION)
			.body(new PagedModel<>(PageableExecutionUtils.getPage(views, pageable,
					() -> this.mongo.count(Query.of(query).limit(-1).skip(-1), Pairing.class))));
	}

	/**
	 * The pairings a caller without {@code matching:read} may see.
	 * @param city the city a representative acts for, or {@code null}
	 * @return the public pairings, and those of the city
	 */
	private static Criteria visibleTo(@Nullable UUID city) {
		Criteria published = Criteria.where("status").in(Permissions.PUBLIC);
		return (city != null) ? new Criteria().orOperator(published, involving(city)) : published;
	}

	private static Criteria involving(UUID cityId) {
		return new Criteria().orOperator(Criteria.where("euCityId").is(cityId), Criteria.where("naCityId").is(cityId));
	}

	@PostMapping(path = "/{id}/acceptances", consumes = MediaType.APPLICATION_JSON_VALUE)
	PairingView accept(@PathVariable UUID id, @RequestBody Acceptance acceptance) {
		if (acceptance.side() == null) {
			throw new InvalidRequestException("side", "is required: EU or NA");
		}
		return PairingView.of(this.decisions.accept(id, acceptance.side(), Permissions.ofCaller()));
	}

	@PostMapping(path = "/{id}/declines", consumes = MediaType.APPLICATION_JSON_VALUE)
	PairingView decline(@PathVariable UUID id, @RequestBody Decline decline) {
		List<FieldViolation> violations = new ArrayList<>();
		if (decline.side() == null) {
			violations.add(new FieldViolation("side", "is required: EU or NA"));
		}
		String reason = TextFields.paragraphs("reason", decline.reason(), Pairing.MAX_TEXT, true, violations);
		if (!violations.isEmpty()) {
			throw new InvalidRequestException(violations);
		}
		return PairingView.of(this.decisions.decline(id, decline.side(), reason, Permissions.ofCaller()));
	}

	@PostMapping(path = "/{id}/completion", consumes = MediaType.APPLICATION_JSON_VALUE)
	PairingView complete(@PathVariable UUID id, @RequestBody Completion completion) {
		List<FieldViolation> violations = new ArrayList<>();
		String outcome = TextFields.paragraphs("outcome", completion.outcome(), Pairing.MAX_TEXT, true, violations);
		if (!violations.isEmpty()) {
			throw new InvalidRequestException(violations);
		}
		return PairingView.of(this.decisions.complete(id, outcome));
	}

	/**
	 * One side accepts.
	 *
	 * @param side EU or NA
	 */
	record Acceptance(@Nullable Side side) {
	}

	/**
	 * One side declines.
	 *
	 * @param side EU or NA
	 * @param reason why
	 */
	record Decline(@Nullable Side side, @Nullable String reason) {
	}

	/**
	 * A confirmed pairing is closed.
	 *
	 * @param outcome what came of it
	 */
	record Completion(@Nullable String outcome) {
	}

}
