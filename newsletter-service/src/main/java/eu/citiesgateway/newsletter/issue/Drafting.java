package eu.citiesgateway.newsletter.issue;

import java.time.Clock;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.format.DateTimeFormatter;
import java.time.format.FormatStyle;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.UUID;

import eu.citiesgateway.newsletter.digest.Digest;
import eu.citiesgateway.newsletter.digest.DigestItem;
import eu.citiesgateway.newsletter.issue.Issue.Entry;
import eu.citiesgateway.newsletter.issue.Issue.Section;
import eu.citiesgateway.newsletter.subscription.Interests;
import eu.citiesgateway.newsletter.subscription.Language;
import eu.citiesgateway.platform.events.OutboxWriter;

import org.springframework.context.MessageSource;
import org.springframework.stereotype.Service;

/**
 * Drafts an issue from the digest of everything since the last issue: one section per
 * cluster, one entry per item under each cluster it belongs to, written in English and
 * French. Staff then edit the draft.
 */
@Service
class Drafting {

	private final Digest digest;

	private final Issues issues;

	private final OutboxWriter outbox;

	private final MessageSource messages;

	private final Clock clock;

	Drafting(Digest digest, Issues issues, OutboxWriter outbox, MessageSource messages, Clock clock) {
		this.digest = digest;
		this.issues = issues;
		this.outbox = outbox;
		this.messages = messages;
		this.clock = clock;
	}

	Issue draft() {
		Instant now = this.clock.instant();
		Instant from = this.issues.findFirstByOrderByCoversToDesc().map(Issue::coversTo).orElse(Instant.EPOCH);
		List<DigestItem> items = this.digest.between(from, now);
		List<UUID> cityIds = new ArrayList<>();
		for (DigestItem item : items) {
			if (item.kind() == DigestItem.Kind.PAIRING_CONFIRMED) {
				cityIds.add(UUID.fromString(item.facts().get("euCityId")));
				cityIds.add(UUID.fromString(item.facts().get("naCityId")));
			}
		}
		Map<UUID, String[]> cities = this.digest.cities(cityIds);
		Map<String, List<Entry>> sections = new LinkedHashMap<>();
		Interests.ALL.forEach((cluster) -> sections.put(cluster, new ArrayList<>()));
		for (DigestItem item : items) {
			Entry entry = new Entry(item.id(),
					new Text(text(item, cities, Language.EN), text(item, cities, Language.FR)));
			for (String cluster : item.clusters()) {
				if (sections.containsKey(cluster)) {
					sections.get(cluster).add(entry);
				}
			}
		}
		Text title = new Text(message("issue.title", Language.EN, date(now, Language.EN)),
				message("issue.title", Language.FR, date(now, Language.FR)));
		Text introduction = new Text(message("issue.introduction", Language.EN),
				message("issue.introduction", Language.FR));
		List<Section> drafted = sections.entrySet()
			.stream()
			.map((section) -> new Section(section.getKey(), List.copyOf(section.getValue())))
			.toList();
		return this.outbox
			.insert(new Issue(UUID.randomUUID(), now, from, now, Issue.Status.DRAFT, title, introduction, drafted));
	}

	private String text(DigestItem item, Map<UUID, String[]> cities, Language language) {
		Map<String, String> facts = item.facts();
		return switch (item.kind()) {
			case CITY_JOINED ->
				message("digest.city.joined", language, facts.get("name"), country(facts.get("country"), language));
			case PAIRING_CONFIRMED -> message("digest.pairing.confirmed", language,
					city(cities, facts.get("euCityId"), language), city(cities, facts.get("naCityId"), language));
			case ACTIVITY_SCHEDULED -> message("digest.activity.scheduled." + facts.get("type"), language,
					facts.get("title"), date(OffsetDateTime.parse(facts.get("startsAt")).toInstant(), language),
					Boolean.parseBoolean(facts.get("online")) ? message("digest.online", language)
							: facts.getOrDefault("location", ""));
			case PILOT_LAUNCHED -> message("digest.pilot.launched", language, facts.get("title"),
					date(OffsetDateTime.parse(facts.get("startsAt")).toInstant(), language));
			case ACTIVITY_COMPLETED ->
				message("digest.activity.completed", language, facts.get("title"), facts.get("outcome"));
		};
	}

	private String city(Map<UUID, String[]> cities, String id, Language language) {
		String[] city = cities.get(UUID.fromString(id));
		return (city != null) ? city[0] + " (" + country(city[1], language) + ")" : message("digest.a.city", language);
	}

	private static String country(String code, Language language) {
		return new Locale("", code).getDisplayCountry(language.locale());
	}

	private static String date(Instant instant, Language language) {
		return DateTimeFormatter.ofLocalizedDate(FormatStyle.LONG)
			.withLocale(language.locale())
			.format(instant.atZone(java.time.ZoneOffset.UTC));
	}

	private String message(String code, Language language, Object... args) {
		return this.messages.getMessage(code, args, language.locale());
	}

}
