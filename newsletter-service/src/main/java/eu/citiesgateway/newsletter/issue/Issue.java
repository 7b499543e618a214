package eu.citiesgateway.newsletter.issue;

import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import eu.citiesgateway.platform.events.AggregateRoot;
import eu.citiesgateway.platform.events.PublishesTo;
import eu.citiesgateway.platform.web.ConflictException;
import org.jspecify.annotations.Nullable;

import org.springframework.data.annotation.Id;
import org.springframework.data.annotation.PersistenceCreator;
import org.springframework.data.mongodb.core.mapping.Document;

/**
 * An issue of the newsletter: drafted from the digest of what happened since the last
 * issue, grouped by cluster, in English and French; edited by staff; then published.
 */
@Document("issues")
@PublishesTo("newsletter.issues.v1")
public class Issue extends AggregateRoot {

	@Id
	private final UUID id;

	private final Instant createdAt;

	private final Instant coversFrom;

	private final Instant coversTo;

	private Status status;

	private Text title;

	private Text introduction;

	private List<Section> sections;

	private @Nullable Instant publishAt;

	/** Whether its deliveries were planned. */
	private boolean planned;

	private @Nullable Instant deliveredAt;

	@PersistenceCreator
	Issue(UUID id, Instant createdAt, Instant coversFrom, Instant coversTo, Status status, Text title,
			Text introduction, List<Section> sections) {
		this.id = id;
		this.createdAt = createdAt;
		this.coversFrom = coversFrom;
		this.coversTo = coversTo;
		this.status = status;
		this.title = title;
		this.introduction = introduction;
		this.sections = List.copyOf(sections);
	}

	/**
	 * Replaces what staff may edit in a draft.
	 * @param title the title
	 * @param introduction the introduction
	 * @param sections the sections, in order
	 */
	void edit(Text title, Text introduction, List<Section> sections) {
		if (this.status != Status.DRAFT) {
			throw new ConflictException("Issue " + this.id + " is " + this.status + ": only a draft can be edited",
					Map.of("state", this.status.name()));
		}
		this.title = title;
		this.introduction = introduction;
		this.sections = List.copyOf(sections);
	}

	/**
	 * Publishes a draft: it goes out at a time, or now.
	 * @param at when to send it; now when null or past
	 * @param now the time
	 */
	void publish(@Nullable Instant at, Instant now) {
		if (this.status != Status.DRAFT) {
			throw new ConflictException("Issue " + this.id + " is " + this.status + " already",
					Map.of("state", this.status.name()));
		}
		this.status = Status.PUBLISHED;
		this.publishAt = (at != null && at.isAfter(now)) ? at : now;
		List<String> clusters = this.sections.stream()
			.filter((section) -> !section.entries().isEmpty())
			.map(Section::clusterId)
			.toList();
		raise(new NewsletterIssuePublished(this.id, this.title, clusters,
				this.sections.stream().mapToInt((section) -> section.entries().size()).sum(), this.publishAt, now));
	}

	/** Records that the deliveries were planned. */
	public void planned() {
		this.planned = true;
	}

	/** Records that every delivery reached a final state. */
	public void delivered(Instant now) {
		this.deliveredAt = now;
	}

	public @Nullable Instant publishAt() {
		return this.publishAt;
	}

	public boolean isPlanned() {
		return this.planned;
	}

	public @Nullable Instant deliveredAt() {
		return this.deliveredAt;
	}

	@Override
	public String aggregateId() {
		return this.id.toString();
	}

	public UUID id() {
		return this.id;
	}

	public Instant createdAt() {
		return this.createdAt;
	}

	public Instant coversFrom() {
		return this.coversFrom;
	}

	public Instant coversTo() {
		return this.coversTo;
	}

	public Status status() {
		return this.status;
	}

	public Text title() {
		return this.title;
	}

	public Text introduction() {
		return this.introduction;
	}

	public List<Section> sections() {
		return this.sections;
	}

	/** Where an issue is. */
	public enum Status {

		/** Being written. */
		DRAFT,
		/** Published, now or at a set time, and being delivered. */
		PUBLISHED

	}

	/**
	 * The part of an issue about one cluster.
	 *
	 * @param clusterId the cluster
	 * @param entries its entries, in order
	 */
	public record Section(String clusterId, List<Entry> entries) {
	}

	/**
	 * One piece of news: drafted from the digest, or a story written by staff.
	 *
	 * @param source the digest item it was drafted from, or {@code story}
	 * @param text what it says
	 */
	public record Entry(String source, Text text) {
	}

}
