package eu.citiesgateway.newsletter.delivery;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import eu.citiesgateway.newsletter.subscription.HeldData;

import org.springframework.data.mongodb.core.MongoTemplate;
import org.springframework.data.mongodb.core.query.Criteria;
import org.springframework.data.mongodb.core.query.Query;
import org.springframework.stereotype.Component;

/**
 * The delivery records of a subscriber, for GDPR export and erasure. Erasing them lowers
 * the counts of past issues accordingly.
 */
@Component
class DeliveryRecords implements HeldData {

	private final MongoTemplate mongo;

	DeliveryRecords(MongoTemplate mongo) {
		this.mongo = mongo;
	}

	@Override
	public String name() {
		return "deliveries";
	}

	@Override
	public List<Map<String, Object>> export(UUID subscriberId) {
		return this.mongo.find(query(subscriberId), Delivery.class).stream().map((delivery) -> {
			Map<String, Object> record = new LinkedHashMap<>();
			record.put("issueId", delivery.issueId());
			record.put("status", delivery.status());
			record.put("language", delivery.language());
			record.put("clusters", delivery.clusters());
			record.put("sentAt", delivery.sentAt());
			return record;
		}).toList();
	}

	@Override
	public void erase(UUID subscriberId) {
		for (Delivery delivery : this.mongo.find(query(subscriberId), Delivery.class)) {
			// the claim documents' ids name the subscriber too
			this.mongo.remove(
					Query.query(Criteria.where("_id").regex("^" + java.util.regex.Pattern.quote(delivery.id()) + ":")),
					Dispatcher.CLAIMS);
		}
		this.mongo.remove(query(subscriberId), Delivery.class);
	}

	private static Query query(UUID subscriberId) {
		return Query.query(Criteria.where("subscriberId").is(subscriberId));
	}

}
