package eu.citiesgateway.newsletter.issue;

import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

import eu.citiesgateway.newsletter.subscription.Language;
import org.thymeleaf.TemplateEngine;
import org.thymeleaf.context.Context;

import org.springframework.stereotype.Component;
import org.springframework.web.util.HtmlUtils;

/**
 * Renders an issue as one subscriber receives it: in a language, with the sections of
 * some interests, and that subscriber's links.
 */
@Component
public class IssueRenderer {

	/** Stand-ins for the links of one subscriber in a rendering shared by many. */
	static final String PREFERENCES = "urn:x-newsletter:preferences";

	static final String UNSUBSCRIBE = "urn:x-newsletter:unsubscribe";

	static final int MAX_RENDERED = 1000;

	private final TemplateEngine templates;

	private final Map<String, String> rendered = new ConcurrentHashMap<>();

	IssueRenderer(TemplateEngine templates) {
		this.templates = templates;
	}

	/**
	 * The sections of an issue that a subscriber with some interests receives.
	 * @param issue the issue
	 * @param interests the clusters the subscriber chose
	 * @return the non-empty sections of those clusters
	 */
	public static List<String> sectionsFor(Issue issue, List<String> interests) {
		return issue.sections()
			.stream()
			.filter((section) -> interests.contains(section.clusterId()) && !section.entries().isEmpty())
			.map(Issue.Section::clusterId)
			.toList();
	}

	/**
	 * The HTML of a mail.
	 * @param issue the issue
	 * @param language the language
	 * @param clusters the sections to include
	 * @param preferencesUrl the subscriber's preferences link
	 * @param unsubscribeUrl the subscriber's unsubscribe link
	 * @return the HTML
	 */
	public String html(Issue issue, Language language, List<String> clusters, String preferencesUrl,
			String unsubscribeUrl) {
		// one rendering per issue, language and sections; each mail only gets its own
		// links
		String key = issue.id() + "/" + issue.version() + "/" + language + "/" + clusters;
		if (this.rendered.size() > MAX_RENDERED) {
			this.rendered.clear();
		}
		String html = this.rendered.computeIfAbsent(key,
				(k) -> render(issue, language, clusters, PREFERENCES, UNSUBSCRIBE));
		return html.replace(PREFERENCES, HtmlUtils.htmlEscape(preferencesUrl))
			.replace(UNSUBSCRIBE, HtmlUtils.htmlEscape(unsubscribeUrl));
	}

	private String render(Issue issue, Language language, List<String> clusters, String preferencesUrl,
			String unsubscribeUrl) {
		Context context = new Context(language.locale());
		context.setVariable("language", language.code());
		context.setVariable("title", issue.title().in(language));
		context.setVariable("introduction", issue.introduction().in(language));
		context.setVariable("sections",
				issue.sections()
					.stream()
					.filter((section) -> clusters.contains(section.clusterId()))
					.map((section) -> new RenderedSection(section.clusterId(),
							section.entries().stream().map((entry) -> entry.text().in(language)).toList()))
					.toList());
		context.setVariable("preferencesUrl", preferencesUrl);
		context.setVariable("unsubscribeUrl", unsubscribeUrl);
		return this.templates.process("mail/issue", context);
	}

	/**
	 * The plain-text alternative of a mail.
	 */
	public String text(Issue issue, Language language, List<String> clusters, String preferencesUrl,
			String unsubscribeUrl) {
		StringBuilder text = new StringBuilder(issue.title().in(language)).append("\n\n")
			.append(issue.introduction().in(language))
			.append("\n");
		for (Issue.Section section : issue.sections()) {
			if (clusters.contains(section.clusterId())) {
				text.append("\n== ").append(section.clusterId()).append(" ==\n");
				section.entries().forEach((entry) -> text.append("- ").append(entry.text().in(language)).append('\n'));
			}
		}
		return text.append("\n").append(preferencesUrl).append("\n").append(unsubscribeUrl).append("\n").toString();
	}

	/**
	 * A section as rendered.
	 *
	 * @param clusterId the cluster
	 * @param entries its entries in the language
	 */
	public record RenderedSection(String clusterId, List<String> entries) {
	}

}
