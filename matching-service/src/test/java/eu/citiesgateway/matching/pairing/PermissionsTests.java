package eu.citiesgateway.matching.pairing;

import java.time.Instant;
import java.util.List;
import java.util.UUID;

import eu.citiesgateway.platform.web.security.Scopes;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import org.springframework.security.access.AccessDeniedException;
import org.springframework.security.core.authority.SimpleGrantedAuthority;
import org.springframework.security.core.context.SecurityContextHolder;
import org.springframework.security.oauth2.jwt.Jwt;
import org.springframework.security.oauth2.server.resource.authentication.JwtAuthenticationToken;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;
import static org.assertj.core.api.Assertions.assertThatNoException;

class PermissionsTests {

	static final Permissions ANYONE = new Permissions(false, false, null);

	static final Permissions READER = new Permissions(true, false, null);

	static final Permissions STAFF = new Permissions(false, true, null);

	final UUID eu = UUID.randomUUID();

	final UUID na = UUID.randomUUID();

	final Permissions euRepresentative = new Permissions(false, false, this.eu);

	final Permissions naRepresentative = new Permissions(false, false, this.na);

	final Permissions strangerRepresentative = new Permissions(false, false, UUID.randomUUID());

	@AfterEach
	void forgetTheCaller() {
		SecurityContextHolder.clearContext();
	}

	@Test
	void confirmedAndCompletedPairingsAreReadByAnyoneAndTheOthersOnlyWithMatchingRead() {
		for (Status status : Status.values()) {
			Pairing pairing = pairing(status);
			boolean isPublic = status == Status.CONFIRMED || status == Status.COMPLETED;

			assertThat(ANYONE.mayRead(pairing)).as("%s", status).isEqualTo(isPublic);
			assertThat(STAFF.mayRead(pairing)).as("%s with matching:write only", status).isEqualTo(isPublic);
			assertThat(READER.mayRead(pairing)).as("%s with matching:read", status).isTrue();
		}
		assertThat(Permissions.PUBLIC).containsExactly(Status.CONFIRMED, Status.COMPLETED);
	}

	@Test
	void aRepresentativeReadsEveryPairingOfItsOwnCityAndOnlyThePublicOnesOfOthers() {
		for (Status status : Status.values()) {
			Pairing pairing = pairing(status);

			assertThat(this.euRepresentative.mayRead(pairing)).isTrue();
			assertThat(this.naRepresentative.mayRead(pairing)).isTrue();
			assertThat(this.strangerRepresentative.mayRead(pairing)).isEqualTo(status.isPublic());
		}
	}

	@Test
	void aRefusedReadNamesThePairingAndWhatWouldAllowIt() {
		Pairing proposed = pairing(Status.PROPOSED);

		assertThatExceptionOfType(AccessDeniedException.class).isThrownBy(() -> ANYONE.checkRead(proposed))
			.withMessageContaining(proposed.id().toString())
			.withMessageContaining("PROPOSED")
			.withMessageContaining(Scopes.MATCHING_READ);
		assertThatNoException().isThrownBy(() -> ANYONE.checkRead(pairing(Status.CONFIRMED)));
	}

	@Test
	void searchingAStateThatIsNotPublicNeedsMatchingReadOrARepresentative() {
		assertThatExceptionOfType(AccessDeniedException.class).isThrownBy(() -> ANYONE.checkSearch(Status.PROPOSED))
			.withMessageContaining(Scopes.MATCHING_READ);
		assertThatExceptionOfType(AccessDeniedException.class).isThrownBy(() -> STAFF.checkSearch(Status.DECLINED));
		assertThatNoException().isThrownBy(() -> ANYONE.checkSearch(Status.CONFIRMED));
		assertThatNoException().isThrownBy(() -> ANYONE.checkSearch(Status.COMPLETED));
		assertThatNoException().isThrownBy(() -> READER.checkSearch(Status.PROPOSED));
		assertThatNoException().isThrownBy(() -> this.strangerRepresentative.checkSearch(Status.PROPOSED));
	}

	@Test
	void matchingWriteDecidesForEitherSide() {
		Pairing pairing = pairing(Status.PROPOSED);

		assertThatNoException().isThrownBy(() -> STAFF.checkDecision(pairing, Side.EU));
		assertThatNoException().isThrownBy(() -> STAFF.checkDecision(pairing, Side.NA));
	}

	@Test
	void aRepresentativeDecidesForItsOwnCitysSideOnly() {
		Pairing pairing = pairing(Status.PROPOSED);

		assertThatNoException().isThrownBy(() -> this.euRepresentative.checkDecision(pairing, Side.EU));
		assertThatNoException().isThrownBy(() -> this.naRepresentative.checkDecision(pairing, Side.NA));
		assertThatExceptionOfType(AccessDeniedException.class)
			.isThrownBy(() -> this.euRepresentative.checkDecision(pairing, Side.NA))
			.withMessage("City " + this.eu + " is the EU side of pairing " + pairing.id()
					+ ": it cannot decide for the NA side");
		assertThatExceptionOfType(AccessDeniedException.class)
			.isThrownBy(() -> this.naRepresentative.checkDecision(pairing, Side.EU));
	}

	@Test
	void aRepresentativeOfAnotherCityOrATokenWithoutACityMayNotDecide() {
		Pairing pairing = pairing(Status.PROPOSED);

		for (Side side : Side.values()) {
			assertThatExceptionOfType(AccessDeniedException.class)
				.isThrownBy(() -> this.strangerRepresentative.checkDecision(pairing, side))
				.withMessageContaining("not a party to pairing " + pairing.id());
			assertThatExceptionOfType(AccessDeniedException.class).isThrownBy(() -> ANYONE.checkDecision(pairing, side))
				.withMessageContaining(Scopes.CITY_ID_CLAIM);
			assertThatExceptionOfType(AccessDeniedException.class)
				.isThrownBy(() -> READER.checkDecision(pairing, side));
		}
	}

	@Test
	void theCallersTokenMakesARepresentativeOnlyWithDecideAndACityId() {
		UUID city = UUID.randomUUID();

		callWith(List.of(Scopes.PAIRINGS_DECIDE), city.toString());
		assertThat(Permissions.ofCaller()).isEqualTo(new Permissions(false, false, city));
		callWith(List.of(Scopes.PAIRINGS_DECIDE), "lyon");
		assertThat(Permissions.ofCaller()).isEqualTo(ANYONE);
		callWith(List.of(Scopes.MATCHING_READ), city.toString());
		assertThat(Permissions.ofCaller()).isEqualTo(READER);
		callWith(List.of(Scopes.MATCHING_WRITE), null);
		assertThat(Permissions.ofCaller()).isEqualTo(STAFF);
		SecurityContextHolder.clearContext();
		assertThat(Permissions.ofCaller()).isEqualTo(ANYONE);
	}

	private Pairing pairing(Status status) {
		return PairingFixtures.pairing(this.eu, this.na, false, status);
	}

	private static void callWith(List<String> scopes, String cityId) {
		Jwt.Builder token = Jwt.withTokenValue("token")
			.header("alg", "RS256")
			.subject("someone")
			.issuedAt(Instant.now())
			.expiresAt(Instant.now().plusSeconds(60))
			.claim("scope", String.join(" ", scopes));
		if (cityId != null) {
			token.claim(Scopes.CITY_ID_CLAIM, cityId);
		}
		SecurityContextHolder.getContext()
			.setAuthentication(new JwtAuthenticationToken(token.build(),
					scopes.stream().map((scope) -> new SimpleGrantedAuthority(Scopes.authority(scope))).toList()));
	}

}
