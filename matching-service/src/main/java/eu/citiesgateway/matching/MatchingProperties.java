package eu.citiesgateway.matching;

import java.time.Duration;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * How matching scores pairs, runs rounds and handles proposals.
 *
 * @param round the defaults of a round's parameters
 * @param weights what each criterion of a pair's score weighs
 * @param answerWithin how long the sides have to answer a proposal before it expires
 * @param expiryCheckInterval how often proposals are checked for expiry and freed slots
 * for refills
 * @param maxPageSize the largest page a search returns
 * @param maxCohortSize city ids a round's cohort may list
 */
@ConfigurationProperties("matching")
public record MatchingProperties(@DefaultValue Round round, @DefaultValue Weights weights,
		@DefaultValue("P30D") Duration answerWithin, @DefaultValue("PT1M") Duration expiryCheckInterval,
		@DefaultValue("100") int maxPageSize, @DefaultValue("5000") int maxCohortSize) {

	/**
	 * The defaults of a round's parameters.
	 *
	 * @param minPartners partners each EU city should get
	 * @param maxPartners partners an EU city may get at most
	 * @param naCapacity EU partners a US or Canadian city may take
	 * @param requireBothCountries whether each EU city should get a US and a Canadian
	 * partner where feasible
	 */
	public record Round(@DefaultValue("2") int minPartners, @DefaultValue("3") int maxPartners,
			@DefaultValue("2") int naCapacity, @DefaultValue("true") boolean requireBothCountries) {

	}

	/**
	 * What each criterion of a pair's score weighs; each criterion is worth between 0 and
	 * 1 before weighting, so with the defaults a score is at most 1.
	 *
	 * @param sharedThemes themes both cities work on, over the themes either works on
	 * @param sharedTopics topics both name, over the topics either names
	 * @param euOffersMeetNaSeeks share of what the US or Canadian city seeks that the EU
	 * city offers
	 * @param naOffersMeetEuSeeks share of what the EU city seeks that the US or Canadian
	 * city offers
	 * @param similarSize 1 for the same population, falling to 0 at a factor of 100
	 * @param sharedLanguage 1 when the cities share a working language
	 * @param pastPairingPenalty subtracted when the two cities were paired before
	 */
	public record Weights(@DefaultValue("0.35") double sharedThemes, @DefaultValue("0.15") double sharedTopics,
			@DefaultValue("0.15") double euOffersMeetNaSeeks, @DefaultValue("0.15") double naOffersMeetEuSeeks,
			@DefaultValue("0.1") double similarSize, @DefaultValue("0.1") double sharedLanguage,
			@DefaultValue("0.3") double pastPairingPenalty) {

		public Weights {
			double[] all = { sharedThemes, sharedTopics, euOffersMeetNaSeeks, naOffersMeetEuSeeks, similarSize,
					sharedLanguage, pastPairingPenalty };
			for (double weight : all) {
				if (!(weight >= 0 && weight <= 100)) {
					throw new IllegalArgumentException("matching.weights.* must be between 0 and 100, got " + weight);
				}
			}
		}

	}

}
