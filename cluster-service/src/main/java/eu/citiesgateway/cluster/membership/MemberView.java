package eu.citiesgateway.cluster.membership;

import java.time.Instant;

import org.jspecify.annotations.Nullable;

/**
 * A member as the API shows it.
 *
 * @param memberId the city or organisation
 * @param kind {@code city} or {@code organisation}
 * @param role {@code member} or {@code coordinator}
 * @param since when it joined
 */
public record MemberView(String memberId, String kind, String role, @Nullable Instant since) {

	public static MemberView of(Membership membership) {
		return new MemberView(membership.memberId(), membership.kind().slug(), membership.role().slug(),
				membership.since());
	}

}
