package eu.citiesgateway.newsletter;

import java.util.Locale;

import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import org.jspecify.annotations.Nullable;

import org.springframework.web.servlet.LocaleResolver;

/**
 * The language of a hosted page: the subscriber's once known, else the {@code lang}
 * parameter, else the browser's preference between English and French, else English.
 */
public class PageLanguage implements LocaleResolver {

	static final String ATTRIBUTE = PageLanguage.class.getName();

	static final Locale ENGLISH = Locale.ENGLISH;

	static final Locale FRENCH = Locale.FRENCH;

	/**
	 * Sets the language of the page being answered.
	 * @param request the request
	 * @param code {@code en} or {@code fr}; anything else is ignored
	 */
	public static void set(HttpServletRequest request, @Nullable String code) {
		if ("en".equals(code) || "fr".equals(code)) {
			request.setAttribute(ATTRIBUTE, Locale.forLanguageTag(code));
		}
	}

	@Override
	public Locale resolveLocale(HttpServletRequest request) {
		if (request.getAttribute(ATTRIBUTE) instanceof Locale locale) {
			return locale;
		}
		String lang = request.getParameter("lang");
		if ("fr".equals(lang) || "en".equals(lang)) {
			return Locale.forLanguageTag(lang);
		}
		var preferred = request.getLocales();
		while (preferred.hasMoreElements()) {
			String language = preferred.nextElement().getLanguage();
			if (language.equals("fr")) {
				return FRENCH;
			}
			if (language.equals("en")) {
				return ENGLISH;
			}
		}
		return ENGLISH;
	}

	@Override
	public void setLocale(HttpServletRequest request, @Nullable HttpServletResponse response, @Nullable Locale locale) {
		request.setAttribute(ATTRIBUTE, locale);
	}

}
