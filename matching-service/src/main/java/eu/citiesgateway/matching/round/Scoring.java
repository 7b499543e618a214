package eu.citiesgateway.matching.round;

import java.text.Normalizer;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

import eu.citiesgateway.matching.MatchingProperties.Weights;
import eu.citiesgateway.matching.candidate.Candidate;
import eu.citiesgateway.matching.pairing.Reason;
import org.jspecify.annotations.Nullable;

/**
 * The score of an EU–NA pair and its explanation. Each criterion is worth between 0 and 1
 * and is multiplied by its weight; a past pairing of the two cities subtracts a penalty.
 * Cities are first turned into {@link Profile}s whose lists are bit sets over the words
 * of the round, so that scoring a million pairs takes a fraction of a second.
 */
final class Scoring {

	static final String SHARED_THEMES = "shared-themes";

	static final String SHARED_TOPICS = "shared-topics";

	static final String EU_OFFERS_MEET_NA_SEEKS = "eu-offers-meet-na-seeks";

	static final String NA_OFFERS_MEET_EU_SEEKS = "na-offers-meet-eu-seeks";

	static final String SIMILAR_SIZE = "similar-size";

	static final String SHARED_LANGUAGE = "shared-language";

	static final String PAST_PAIRING = "past-pairing";

	/** The population factor at which the size criterion reaches 0. */
	private static final double SIZE_FACTOR = Math.log(100);

	private static final List<String> THEMES = List.of("nature-based-solutions", "circular-economy",
			"digital-inclusive-innovation", "affordable-housing");

	private final Weights weights;

	private final Words topics = new Words();

	private final Words practices = new Words();

	private final Words languages = new Words();

	Scoring(Weights weights) {
		this.weights = weights;
	}

	/**
	 * The profile of a city in this scoring's words.
	 * @param city the city
	 * @return its profile
	 */
	Profile profile(Candidate city) {
		int themes = 0;
		for (String theme : city.themes()) {
			int index = THEMES.indexOf(theme);
			if (index >= 0) {
				themes |= 1 << index;
			}
		}
		return new Profile(city, themes, this.topics.bits(city.topics()), this.practices.bits(city.offers()),
				this.practices.bits(city.seeks()), this.languages.bits(city.languages()),
				Math.log(Math.max(1, city.population())));
	}

	static boolean shareATheme(Profile eu, Profile na, int themeMask) {
		return (eu.themes & na.themes & themeMask) != 0;
	}

	static int themeMask(List<String> themes) {
		int mask = 0;
		for (String theme : themes) {
			mask |= 1 << THEMES.indexOf(theme);
		}
		return mask;
	}

	/**
	 * The score of a pair.
	 * @param eu the EU city
	 * @param na the US or Canadian city
	 * @param pairedBefore whether they were paired before
	 * @return the score
	 */
	double score(Profile eu, Profile na, boolean pairedBefore) {
		double score = this.weights.sharedThemes()
				* ratio(Integer.bitCount(eu.themes & na.themes), Integer.bitCount(eu.themes | na.themes));
		score += this.weights.sharedTopics() * ratio(Bits.and(eu.topics, na.topics), Bits.or(eu.topics, na.topics));
		score += this.weights.euOffersMeetNaSeeks() * ratio(Bits.and(eu.offers, na.seeks), Bits.count(na.seeks));
		score += this.weights.naOffersMeetEuSeeks() * ratio(Bits.and(na.offers, eu.seeks), Bits.count(eu.seeks));
		score += this.weights.similarSize() * sizeSimilarity(eu, na);
		score += this.weights.sharedLanguage() * (Bits.and(eu.languages, na.languages) > 0 ? 1 : 0);
		if (pairedBefore) {
			score -= this.weights.pastPairingPenalty();
		}
		return score;
	}

	/**
	 * The shared themes of a pair, in the canonical order.
	 * @param eu the EU city
	 * @param na the US or Canadian city
	 * @return the themes both work on
	 */
	static List<String> sharedThemes(Profile eu, Profile na) {
		return THEMES.stream().filter((theme) -> (eu.themes & na.themes & (1 << THEMES.indexOf(theme))) != 0).toList();
	}

	/**
	 * The explanation of a pair's score: every criterion with its contribution and the
	 * concrete overlap. The contributions, each rounded to four decimals, add up to
	 * {@link #score} within the rounding.
	 * @param eu the EU city
	 * @param na the US or Canadian city
	 * @param pastPairing the programme in which they were paired before, if they were
	 * @return one reason per criterion
	 */
	List<Reason> explain(Profile eu, Profile na, @Nullable String pastPairing) {
		Candidate a = eu.city;
		Candidate b = na.city;
		List<Reason> reasons = new ArrayList<>();
		List<String> themes = sharedThemes(eu, na);
		int allThemes = Integer.bitCount(eu.themes | na.themes);
		reasons.add(reason(SHARED_THEMES, this.weights.sharedThemes(), ratio(themes.size(), allThemes),
				a.name() + " and " + b.name() + " both work on " + words(themes) + ": " + themes.size() + " of the "
						+ allThemes + " themes either works on",
				themes));
		List<String> topics = this.topics.words(Bits.intersection(eu.topics, na.topics));
		int allTopics = Bits.or(eu.topics, na.topics);
		reasons.add(reason(SHARED_TOPICS, this.weights.sharedTopics(), ratio(topics.size(), allTopics),
				topics.isEmpty() ? "No topic in common"
						: "Both name " + words(topics) + ": " + topics.size() + " of the " + allTopics + " topics",
				topics));
		reasons.add(complement(EU_OFFERS_MEET_NA_SEEKS, this.weights.euOffersMeetNaSeeks(), eu, na));
		reasons.add(complement(NA_OFFERS_MEET_EU_SEEKS, this.weights.naOffersMeetEuSeeks(), na, eu));
		double factor = Math.exp(Math.abs(eu.lnPopulation - na.lnPopulation));
		reasons.add(reason(
				SIMILAR_SIZE, this.weights.similarSize(), sizeSimilarity(eu, na), String.format(Locale.ROOT,
						"Populations %,d and %,d: %.1f times apart", a.population(), b.population(), factor),
				List.of()));
		List<String> languages = this.languages.words(Bits.intersection(eu.languages, na.languages));
		reasons.add(reason(SHARED_LANGUAGE, this.weights.sharedLanguage(), languages.isEmpty() ? 0 : 1,
				languages.isEmpty() ? "No working language in common" : "Both work in " + words(languages), languages));
		reasons.add((pastPairing != null) ? new Reason(PAST_PAIRING, round(-this.weights.pastPairingPenalty()),
				a.name() + " and " + b.name() + " were paired before (" + pastPairing + ")", List.of(pastPairing))
				: new Reason(PAST_PAIRING, 0, "Not paired before", List.of()));
		return reasons;
	}

	private Reason complement(String criterion, double weight, Profile offering, Profile seeking) {
		List<String> met = this.practices.words(Bits.intersection(offering.offers, seeking.seeks));
		int sought = Bits.count(seeking.seeks);
		String detail = met.isEmpty() ? offering.city.name() + " offers nothing that " + seeking.city.name() + " seeks"
				: offering.city.name() + " offers " + words(met) + ", which " + seeking.city.name() + " seeks ("
						+ met.size() + " of " + sought + ")";
		return reason(criterion, weight, ratio(met.size(), sought), detail, met);
	}

	private static Reason reason(String criterion, double weight, double value, String detail, List<String> overlap) {
		return new Reason(criterion, round(weight * value), detail, overlap);
	}

	private static double sizeSimilarity(Profile eu, Profile na) {
		return 1 - Math.min(1, Math.abs(eu.lnPopulation - na.lnPopulation) / SIZE_FACTOR);
	}

	private static double ratio(int part, int whole) {
		return (whole == 0) ? 0 : (double) part / whole;
	}

	static double round(double value) {
		return Math.round(value * 10_000) / 10_000.0;
	}

	private static String words(List<String> words) {
		if (words.size() <= 1) {
			return String.join("", words);
		}
		return String.join(", ", words.subList(0, words.size() - 1)) + " and " + words.get(words.size() - 1);
	}

	/**
	 * A city in bits.
	 */
	static final class Profile {

		final Candidate city;

		final int themes;

		final long[] topics;

		final long[] offers;

		final long[] seeks;

		final long[] languages;

		final double lnPopulation;

		Profile(Candidate city, int themes, long[] topics, long[] offers, long[] seeks, long[] languages,
				double lnPopulation) {
			this.city = city;
			this.themes = themes;
			this.topics = topics;
			this.offers = offers;
			this.seeks = seeks;
			this.languages = languages;
			this.lnPopulation = lnPopulation;
		}

	}

	/** The words of one kind seen in a round, each with an index. */
	private static final class Words {

		private final Map<String, Integer> indexes = new HashMap<>();

		private final List<String> words = new ArrayList<>();

		long[] bits(List<String> values) {
			long[] bits = new long[0];
			for (String value : values) {
				String key = normalise(value);
				Integer index = this.indexes.get(key);
				if (index == null) {
					index = this.words.size();
					this.indexes.put(key, index);
					this.words.add(value.strip());
				}
				if (bits.length <= index / 64) {
					bits = java.util.Arrays.copyOf(bits, index / 64 + 1);
				}
				bits[index / 64] |= 1L << (index % 64);
			}
			return bits;
		}

		List<String> words(long[] bits) {
			List<String> words = new ArrayList<>();
			for (int word = 0; word < bits.length; word++) {
				long remaining = bits[word];
				while (remaining != 0) {
					int bit = Long.numberOfTrailingZeros(remaining);
					words.add(this.words.get(word * 64 + bit));
					remaining &= remaining - 1;
				}
			}
			return words;
		}

		private static String normalise(String value) {
			return Normalizer.normalize(value.strip().toLowerCase(Locale.ROOT), Normalizer.Form.NFC)
				.replaceAll("\\s+", " ");
		}

	}

	/** Counting on {@code long[]} bit sets of different lengths. */
	private static final class Bits {

		static int and(long[] a, long[] b) {
			int count = 0;
			for (int i = 0, n = Math.min(a.length, b.length); i < n; i++) {
				count += Long.bitCount(a[i] & b[i]);
			}
			return count;
		}

		static int or(long[] a, long[] b) {
			return count(a) + count(b) - and(a, b);
		}

		static int count(long[] a) {
			int count = 0;
			for (long word : a) {
				count += Long.bitCount(word);
			}
			return count;
		}

		static long[] intersection(long[] a, long[] b) {
			long[] result = new long[Math.min(a.length, b.length)];
			for (int i = 0; i < result.length; i++) {
				result[i] = a[i] & b[i];
			}
			return result;
		}

	}

}
