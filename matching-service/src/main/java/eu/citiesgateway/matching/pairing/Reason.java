package eu.citiesgateway.matching.pairing;

import java.util.List;

/**
 * One criterion of a pair's score and why it counts.
 *
 * @param criterion the criterion, e.g. {@code shared-themes}
 * @param contribution what it adds to the score (negative for a penalty)
 * @param detail the explanation in words, naming the cities
 * @param overlap the concrete overlap: shared themes, topics or languages, or the
 * practices one city offers that the other seeks; for {@code past-pairing}, the
 * programme(s) in which the cities were paired before
 */
public record Reason(String criterion, double contribution, String detail, List<String> overlap) {

}
