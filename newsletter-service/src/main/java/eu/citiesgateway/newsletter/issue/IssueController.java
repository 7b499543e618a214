package eu.citiesgateway.newsletter.issue;

import java.net.URI;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.UUID;

import eu.citiesgateway.newsletter.issue.Issue.Entry;
import eu.citiesgateway.newsletter.issue.Issue.Section;
import eu.citiesgateway.newsletter.subscription.Interests;
import eu.citiesgateway.newsletter.subscription.Language;
import eu.citiesgateway.platform.events.OutboxWriter;
import eu.citiesgateway.platform.web.DateTimes;
import eu.citiesgateway.platform.web.FieldViolation;
import eu.citiesgateway.platform.web.InvalidRequestException;
import eu.citiesgateway.platform.web.ResourceNotFoundException;
import eu.citiesgateway.platform.web.TextFields;
import org.jspecify.annotations.Nullable;

import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.PutMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;
import org.springframework.web.servlet.support.ServletUriComponentsBuilder;

/**
 * Issues for staff under {@code /api/issues}: draft one from the digest, edit it, preview
 * it in each language as a subscriber with given interests would receive it.
 */
@RestController
@RequestMapping("/api/issues")
class IssueController {

	static final int MAX_TITLE = 200;

	static final int MAX_TEXT = 5000;

	static final int MAX_ENTRIES = 200;

	static final int MAX_SOURCE = 200;

	private final Drafting drafting;

	private final Issues issues;

	private final OutboxWriter outbox;

	private final IssueRenderer renderer;

	private final Clock clock;

	IssueController(Drafting drafting, Issues issues, OutboxWriter outbox, IssueRenderer renderer, Clock clock) {
		this.drafting = drafting;
		this.issues = issues;
		this.outbox = outbox;
		this.renderer = renderer;
		this.clock = clock;
	}

	@PostMapping(path = "/{id}/publication", consumes = MediaType.APPLICATION_JSON_VALUE)
	IssueView publish(@PathVariable UUID id, @RequestBody(required = false) @Nullable Publication publication) {
		List<FieldViolation> violations = new ArrayList<>();
		Instant at = DateTimes.instant("at", (publication != null) ? publication.at() : null, false, violations);
		if (!violations.isEmpty()) {
			throw new InvalidRequestException(violations);
		}
		Issue issue = find(id);
		issue.publish(at, this.clock.instant());
		return IssueView.of(this.outbox.update(issue));
	}

	@PostMapping
	ResponseEntity<IssueView> draft() {
		Issue issue = this.drafting.draft();
		URI location = ServletUriComponentsBuilder.fromCurrentRequest()
			.path("/{id}")
			.buildAndExpand(issue.id())
			.toUri();
		return ResponseEntity.created(location).body(IssueView.of(issue));
	}

	@GetMapping("/{id}")
	IssueView show(@PathVariable UUID id) {
		return IssueView.of(find(id));
	}

	@PutMapping(path = "/{id}", consumes = MediaType.APPLICATION_JSON_VALUE)
	IssueView edit(@PathVariable UUID id, @RequestBody IssueContent content) {
		List<FieldViolation> violations = new ArrayList<>();
		Text title = text(violations, "title", content.title(), MAX_TITLE, false);
		Text introduction = text(violations, "introduction", content.introduction(), MAX_TEXT, true);
		List<Section> sections = new ArrayList<>();
		List<SectionContent> given = (content.sections() != null) ? content.sections() : List.of();
		for (int s = 0; s < given.size(); s++) {
			SectionContent section = given.get(s);
			String field = "sections[" + s + "]";
			if (section.clusterId() == null || !Interests.ALL.contains(section.clusterId())) {
				violations.add(new FieldViolation(field + ".clusterId", "must be one of " + Interests.ALL));
			}
			else if (sections.stream().anyMatch((other) -> other.clusterId().equals(section.clusterId()))) {
				violations.add(new FieldViolation(field + ".clusterId",
						"'" + section.clusterId() + "' has a section already; each cluster has one"));
			}
			List<EntryContent> entries = (section.entries() != null) ? section.entries() : List.of();
			if (entries.size() > MAX_ENTRIES) {
				violations.add(new FieldViolation(field + ".entries", "may hold at most " + MAX_ENTRIES + " entries"));
				continue;
			}
			List<Entry> kept = new ArrayList<>();
			for (int e = 0; e < entries.size(); e++) {
				EntryContent entry = entries.get(e);
				String name = field + ".entries[" + e + "]";
				String source = TextFields.text(name + ".source", entry.source(), MAX_SOURCE, false, violations);
				Text text = text(violations, name + ".text", entry.text(), MAX_TEXT, true);
				if (text != null) {
					kept.add(new Entry((source != null) ? source : "story", text));
				}
			}
			sections.add(new Section(section.clusterId(), kept));
		}
		if (!violations.isEmpty() || title == null || introduction == null) {
			throw new InvalidRequestException(violations);
		}
		Issue issue = find(id);
		issue.edit(title, introduction, sections);
		return IssueView.of(this.outbox.update(issue));
	}

	/**
	 * The issue as a subscriber in a language with some interests would receive it.
	 */
	@GetMapping(path = "/{id}/preview", produces = MediaType.TEXT_HTML_VALUE)
	String preview(@PathVariable UUID id, @RequestParam(defaultValue = "en") String language,
			@RequestParam(required = false) @Nullable List<String> interests) {
		List<FieldViolation> violations = new ArrayList<>();
		Language chosen = Language.of(language).orElse(null);
		if (chosen == null) {
			violations.add(new FieldViolation("language", "must be en or fr"));
		}
		List<String> wanted = (interests != null) ? interests : Interests.ALL;
		for (int i = 0; i < wanted.size(); i++) {
			if (!Interests.ALL.contains(wanted.get(i))) {
				violations.add(new FieldViolation("interests[" + i + "]", "must be one of " + Interests.ALL));
			}
		}
		if (!violations.isEmpty()) {
			throw new InvalidRequestException(violations);
		}
		Issue issue = find(id);
		return this.renderer.html(issue, chosen, IssueRenderer.sectionsFor(issue, wanted), "#preferences",
				"#unsubscribe");
	}

	private Issue find(UUID id) {
		return this.issues.findById(id).orElseThrow(() -> new ResourceNotFoundException("issue", id));
	}

	/**
	 * Checks a text in both languages by the platform's input rules.
	 * @return the text normalised, or null when it has a violation
	 */
	private static @Nullable Text text(List<FieldViolation> violations, String field, @Nullable Text text, int max,
			boolean multiLine) {
		if (text == null || text.en() == null || text.en().isBlank() || text.fr() == null || text.fr().isBlank()) {
			violations.add(new FieldViolation(field, "needs an English (en) and a French (fr) text"));
			return null;
		}
		String en = multiLine ? TextFields.paragraphs(field + ".en", text.en(), max, true, violations)
				: TextFields.text(field + ".en", text.en(), max, true, violations);
		String fr = multiLine ? TextFields.paragraphs(field + ".fr", text.fr(), max, true, violations)
				: TextFields.text(field + ".fr", text.fr(), max, true, violations);
		return (en != null && fr != null) ? new Text(en, fr) : null;
	}

	/**
	 * When to send a published issue.
	 *
	 * @param at a date-time with an offset; now when absent
	 */
	record Publication(@Nullable String at) {
	}

	/**
	 * What staff may edit in a draft.
	 *
	 * @param title the title, in English and French
	 * @param introduction the introduction, in English and French
	 * @param sections the sections, in order
	 */
	record IssueContent(@Nullable Text title, @Nullable Text introduction, @Nullable List<SectionContent> sections) {
	}

	/**
	 * A section as edited.
	 *
	 * @param clusterId the cluster
	 * @param entries its entries, drafted or written
	 */
	record SectionContent(@Nullable String clusterId, @Nullable List<EntryContent> entries) {
	}

	/**
	 * An entry as edited.
	 *
	 * @param source the digest item it was drafted from; absent for a story
	 * @param text what it says, in English and French
	 */
	record EntryContent(@Nullable String source, @Nullable Text text) {
	}

	/**
	 * An issue as the API shows it.
	 *
	 * @param id the issue
	 * @param status DRAFT or PUBLISHED
	 * @param createdAt when it was drafted
	 * @param coversFrom the start of the period its digest covers
	 * @param coversTo the end of that period
	 * @param title its title
	 * @param introduction its introduction
	 * @param sections its sections
	 * @param publishAt when it goes out, once published
	 * @param deliveredAt when every delivery reached a final state
	 */
	record IssueView(UUID id, String status, Instant createdAt, Instant coversFrom, Instant coversTo, Text title,
			Text introduction, List<Section> sections, @Nullable Instant publishAt, @Nullable Instant deliveredAt) {

		static IssueView of(Issue issue) {
			return new IssueView(issue.id(), issue.status().name().toLowerCase(Locale.ROOT), issue.createdAt(),
					issue.coversFrom(), issue.coversTo(), issue.title(), issue.introduction(), issue.sections(),
					issue.publishAt(), issue.deliveredAt());
		}

	}

}
