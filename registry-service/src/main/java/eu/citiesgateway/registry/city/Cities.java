package eu.citiesgateway.registry.city;

import java.util.List;
import java.util.Optional;
import java.util.UUID;
import java.util.regex.Pattern;

import com.mongodb.client.model.IndexOptions;
import com.mongodb.client.model.Indexes;
import eu.citiesgateway.platform.events.OutboxWriter;

import org.springframework.data.domain.Page;
import org.springframework.data.domain.PageImpl;
import org.springframework.data.domain.Pageable;
import org.springframework.data.domain.Sort;
import org.springframework.data.mongodb.core.MongoTemplate;
import org.springframework.data.mongodb.core.query.Criteria;
import org.springframework.data.mongodb.core.query.Query;
import org.springframework.stereotype.Repository;

/**
 * The {@code cities} collection. Writes go through the {@link OutboxWriter}, so each
 * change is stored with its events in one atomic write.
 */
@Repository
class Cities {

	private final MongoTemplate mongo;

	private final OutboxWriter writer;

	Cities(MongoTemplate mongo, OutboxWriter writer) {
		this.mongo = mongo;
		this.writer = writer;
		var collection = mongo.getCollection(mongo.getCollectionName(City.class));
		collection.createIndex(Indexes.ascending("identityKey"), new IndexOptions().unique(true).name("identity"));
		collection.createIndex(Indexes.ascending("side", "country", "status"), new IndexOptions().name("filters"));
		collection.createIndex(Indexes.ascending("themes"), new IndexOptions().name("themes"));
		collection.createIndex(Indexes.ascending("searchName"), new IndexOptions().name("search_name"));
	}

	Optional<City> findById(UUID id) {
		return Optional.ofNullable(this.mongo.findById(id, City.class));
	}

	Optional<City> findByIdentityKey(String identityKey) {
		return Optional
			.ofNullable(this.mongo.findOne(Query.query(Criteria.where("identityKey").is(identityKey)), City.class));
	}

	Page<City> search(Search search, Pageable pageable) {
		Criteria criteria = new Criteria();
		if (search.side() != null) {
			criteria.and("side").is(search.side());
		}
		if (search.country() != null) {
			criteria.and("country").is(search.country());
		}
		if (search.theme() != null) {
			criteria.and("themes").is(search.theme());
		}
		if (search.status() != null) {
			criteria.and("status").is(search.status());
		}
		if (search.text() != null) {
			criteria.and("searchName").regex(Pattern.quote(City.fold(search.text())));
		}
		Query query = Query.query(criteria);
		long total = this.mongo.count(query, City.class);
		List<City> content = this.mongo.find(query.with(pageable).with(Sort.by("searchName", "_id")), City.class);
		return new PageImpl<>(content, pageable, total);
	}

	City insert(City city) {
		return this.writer.insert(city);
	}

	City update(City city) {
		return this.writer.update(city);
	}

	/**
	 * Filters of a search; {@code null} means any.
	 */
	record Search(Side side, String country, String theme, Status status, String text) {
	}

}
