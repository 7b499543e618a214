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
import org.springframework.http.MediaType;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

/**
 * Pairings under {@code /api/pairings}: reading them and recording the sides' decisions.
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
	PairingView show(@PathVariable UUID id) {
		return PairingView.of(this.decisions.find(id));
	}

	@GetMapping
	PagedModel<PairingView> search(@RequestParam @Nullable UUID cityId, @RequestParam @Nullable Status status,
			@RequestParam @Nullable UUID roundId, @RequestParam(defaultValue = "0") int page,
			@RequestParam(defaultValue = "20") int size) {
		Paging.check(page, size, this.properties.maxPageSize());
		Criteria criteria = new Criteria();
		if (cityId != null) {
			criteria.orOperator(Criteria.where("euCityId").is(cityId), Criteria.where("naCityId").is(cityId));
		}
		if (status != null) {
			criteria.and("status").is(status);
		}
		if (roundId != null) {
			criteria.and("roundId").is(roundId);
		}
		PageRequest pageable = PageRequest.of(page, size, Sort.by("proposedAt", "_id"));
		Query query = new Query(criteria).with(pageable);
		List<PairingView> views = this.mongo.find(query, Pairing.class).stream().map(PairingView::of).toList();
		return new PagedModel<>(PageableExecutionUtils.getPage(views, pageable,
				() -> this.mongo.count(Query.of(query).limit(-1).skip(-1), Pairing.class)));
	}

	@PostMapping(path = "/{id}/acceptances", consumes = MediaType.APPLICATION_JSON_VALUE)
	PairingView accept(@PathVariable UUID id, @RequestBody Acceptance acceptance) {
		if (acceptance.side() == null) {
			throw new InvalidRequestException("side", "is required: EU or NA");
		}
		return PairingView.of(this.decisions.accept(id, acceptance.side()));
	}

	@PostMapping(path = "/{id}/declines", consumes = MediaType.APPLICATION_JSON_VALUE)
	PairingView decline(@PathVariable UUID id, @RequestBody Decline decline) {
		List<FieldViolation> violations = new ArrayList<>();
		if (decline.side() == null) {
			violations.add(new FieldViolation("side", "is required: EU or NA"));
		}
		String reason = TextFields.text("reason", decline.reason(), Pairing.MAX_TEXT, true, violations);
		if (!violations.isEmpty()) {
			throw new InvalidRequestException(violations);
		}
		return PairingView.of(this.decisions.decline(id, decline.side(), reason));
	}

	@PostMapping(path = "/{id}/completion", consumes = MediaType.APPLICATION_JSON_VALUE)
	PairingView complete(@PathVariable UUID id, @RequestBody Completion completion) {
		List<FieldViolation> violations = new ArrayList<>();
		String outcome = TextFields.text("outcome", completion.outcome(), Pairing.MAX_TEXT, true, violations);
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
