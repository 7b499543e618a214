package eu.citiesgateway.cluster.activity;

import java.lang.reflect.RecordComponent;
import java.net.URI;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Set;
import java.util.UUID;
import java.util.stream.Collectors;

import eu.citiesgateway.cluster.ClusterCatalog;
import eu.citiesgateway.cluster.ClusterProperties;
import eu.citiesgateway.platform.web.DateTimes;
import eu.citiesgateway.platform.web.FieldViolation;
import eu.citiesgateway.platform.web.InvalidRequestException;
import eu.citiesgateway.platform.web.Paging;
import eu.citiesgateway.platform.web.StaleVersionException;
import org.jspecify.annotations.Nullable;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.node.ObjectNode;

import org.springframework.data.domain.PageRequest;
import org.springframework.data.domain.Sort;
import org.springframework.data.mongodb.core.MongoTemplate;
import org.springframework.data.mongodb.core.query.Criteria;
import org.springframework.data.mongodb.core.query.Query;
import org.springframework.data.support.PageableExecutionUtils;
import org.springframework.data.web.PagedModel;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PatchMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestHeader;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;
import org.springframework.web.servlet.support.ServletUriComponentsBuilder;

/**
 * Cluster activities: scheduling under {@code /api/clusters/{id}/activities}, the rest
 * under {@code /api/activities}.
 */
@RestController
class ActivityController {

	static final String MERGE_PATCH = "application/merge-patch+json";

	/** The fields a patch may name: those of a scheduling request. */
	static final Set<String> FIELDS = Arrays.stream(ActivityRequest.class.getRecordComponents())
		.map(RecordComponent::getName)
		.collect(Collectors.toUnmodifiableSet());

	private final Scheduling scheduling;

	private final MongoTemplate mongo;

	private final JsonMapper json;

	private final ClusterProperties properties;

	ActivityController(Scheduling scheduling, MongoTemplate mongo, JsonMapper json, ClusterProperties properties) {
		this.scheduling = scheduling;
		this.mongo = mongo;
		this.json = json;
		this.properties = properties;
	}

	@PostMapping(path = "/api/clusters/{clusterId}/activities", consumes = MediaType.APPLICATION_JSON_VALUE)
	ResponseEntity<ActivityView> schedule(@PathVariable String clusterId, @RequestBody ActivityRequest request) {
		Activity activity = this.scheduling.schedule(clusterId, request);
		URI location = ServletUriComponentsBuilder.fromCurrentContextPath()
			.path("/api/activities/{id}")
			.buildAndExpand(activity.id())
			.toUri();
		return ResponseEntity.created(location).eTag(etag(activity)).body(view(activity));
	}

	@GetMapping("/api/activities/{id}")
	ResponseEntity<ActivityView> show(@PathVariable UUID id) {
		Activity activity = this.scheduling.find(id);
		return ResponseEntity.ok().eTag(etag(activity)).body(view(activity));
	}

	/**
	 * Changes an activity with a JSON merge patch (RFC 7396) of the scheduling fields; an
	 * {@code If-Match} with the ETag of the version read guards against lost updates.
	 */
	@PatchMapping(path = "/api/activities/{id}", consumes = { MERGE_PATCH, MediaType.APPLICATION_JSON_VALUE })
	ResponseEntity<ActivityView> patch(@PathVariable UUID id, @RequestBody JsonNode patch,
			@RequestHeader(name = "If-Match", required = false) @Nullable String ifMatch) {
		if (!patch.isObject()) {
			throw new InvalidRequestException("", "a merge patch must be a JSON object");
		}
		Activity activity = this.scheduling.find(id);
		if (ifMatch != null && Arrays.stream(ifMatch.split(","))
			.map(String::strip)
			.noneMatch((tag) -> tag.equals("*") || tag.equals(etag(activity)))) {
			throw new StaleVersionException("activity " + id, etag(activity));
		}
		ObjectNode merged = this.json.valueToTree(ActivityRequest.of(activity));
		for (var field : patch.properties()) {
			if (!FIELDS.contains(field.getKey())) {
				throw new InvalidRequestException(field.getKey(), "is not a field of an activity");
			}
			if (field.getValue().isNull()) {
				merged.remove(field.getKey());
			}
			else {
				merged.set(field.getKey(), field.getValue());
			}
		}
		ActivityRequest changed = this.json.treeToValue(merged, ActivityRequest.class);
		Activity rescheduled = this.scheduling.reschedule(activity, changed);
		return ResponseEntity.ok().eTag(etag(rescheduled)).body(view(rescheduled));
	}

	@PostMapping(path = "/api/activities/{id}/completion", consumes = MediaType.APPLICATION_JSON_VALUE)
	ActivityView complete(@PathVariable UUID id, @RequestBody Completion completion) {
		return view(this.scheduling.complete(id, completion.outcomes(), completion.results()));
	}

	@PostMapping(path = "/api/activities/{id}/cancellation", consumes = MediaType.APPLICATION_JSON_VALUE)
	ActivityView cancel(@PathVariable UUID id, @RequestBody Cancellation cancellation) {
		return view(this.scheduling.cancel(id, cancellation.reason()));
	}

	@GetMapping("/api/activities")
	PagedModel<ActivityView> search(@RequestParam @Nullable String cluster, @RequestParam @Nullable UUID city,
			@RequestParam @Nullable String type, @RequestParam @Nullable String from, @RequestParam @Nullable String to,
			@RequestParam(defaultValue = "0") int page, @RequestParam(defaultValue = "20") int size) {
		List<FieldViolation> violations = new ArrayList<>();
		Criteria criteria = new Criteria();
		if (cluster != null) {
			if (ClusterCatalog.find(cluster).isEmpty()) {
				violations.add(new FieldViolation("cluster",
						"'" + cluster + "' is not a cluster; allowed are " + ClusterCatalog.ids()));
			}
			criteria.and("clusterId").is(cluster);
		}
		if (city != null) {
			criteria.and("details.participantCityIds").is(city);
		}
		if (type != null) {
			Type kind = Type.of(type).orElse(null);
			if (kind == null) {
				violations.add(new FieldViolation("type", "must be study-visit, thematic-hub or pilot-project"));
			}
			criteria.and("type").is(kind);
		}
		Instant start = DateTimes.instant("from", from, false, violations);
		Instant end = DateTimes.instant("to", to, false, violations);
		if (start != null) {
			criteria.and("details.endsAt").gte(start);
		}
		if (end != null) {
			criteria.and("details.startsAt").lte(end);
		}
		violations.addAll(Paging.violations(page, size, this.properties.maxPageSize()));
		if (!violations.isEmpty()) {
			throw new InvalidRequestException(violations);
		}
		PageRequest pageable = PageRequest.of(page, size, Sort.by("details.startsAt", "_id"));
		Query query = new Query(criteria).with(pageable);
		Instant now = this.scheduling.now();
		List<ActivityView> views = this.mongo.find(query, Activity.class)
			.stream()
			.map((activity) -> ActivityView.of(activity, now))
			.toList();
		return new PagedModel<>(PageableExecutionUtils.getPage(views, pageable,
				() -> this.mongo.count(Query.of(query).limit(-1).skip(-1), Activity.class)));
	}

	private ActivityView view(Activity activity) {
		return ActivityView.of(activity, this.scheduling.now());
	}

	static String etag(Activity activity) {
		return "\"" + activity.version() + "\"";
	}

	/**
	 * An activity took place.
	 *
	 * @param outcomes what came of it, at least one
	 * @param results the results of a pilot project
	 */
	record Completion(@Nullable List<String> outcomes, @Nullable String results) {
	}

	/**
	 * An activity is called off.
	 *
	 * @param reason why
	 */
	record Cancellation(@Nullable String reason) {
	}

}
