package eu.citiesgateway.platform.web.security;

import java.time.Instant;
import java.util.Collection;
import java.util.List;

import org.jspecify.annotations.Nullable;

import org.springframework.data.domain.Page;
import org.springframework.data.domain.PageRequest;
import org.springframework.data.domain.Sort;
import org.springframework.data.mongodb.core.MongoTemplate;
import org.springframework.data.mongodb.core.index.Index;
import org.springframework.data.mongodb.core.query.Criteria;
import org.springframework.data.mongodb.core.query.Query;
import org.springframework.data.support.PageableExecutionUtils;

/**
 * The audit trail of a service, in its own database (collection {@code audit}).
 */
class AuditRecords {

	private final MongoTemplate mongo;

	private volatile boolean indexed;

	AuditRecords(MongoTemplate mongo) {
		this.mongo = mongo;
	}

	void add(AuditRecord record) {
		if (!this.indexed) {
			this.mongo.indexOps(AuditRecord.class).createIndex(new Index().on("at", Sort.Direction.DESC));
			this.indexed = true;
		}
		this.mongo.insert(record);
	}

	/**
	 * The records of a time range, newest first.
	 * @param from the earliest time, inclusive, or {@code null}
	 * @param to the latest time, exclusive, or {@code null}
	 * @param action only this action, or {@code null}
	 * @param scopes only actions done under these scopes, or {@code null} for all
	 * @param page the page
	 * @return the page of records
	 */
	Page<AuditRecord> find(@Nullable Instant from, @Nullable Instant to, @Nullable String action,
			@Nullable Collection<String> scopes, PageRequest page) {
		Criteria criteria = new Criteria();
		if (from != null || to != null) {
			Criteria at = criteria.and("at");
			if (from != null) {
				at.gte(from);
			}
			if (to != null) {
				at.lt(to);
			}
		}
		if (action != null) {
			criteria.and("action").is(action);
		}
		if (scopes != null) {
			criteria.and("scope").in(scopes);
		}
		PageRequest sorted = page.withSort(Sort.by(Sort.Order.desc("at"), Sort.Order.desc("_id")));
		Query query = new Query(criteria).with(sorted);
		List<AuditRecord> records = this.mongo.find(query, AuditRecord.class);
		return PageableExecutionUtils.getPage(records, sorted,
				() -> this.mongo.count(Query.of(query).limit(-1).skip(-1), AuditRecord.class));
	}

}
