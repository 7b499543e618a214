package eu.citiesgateway.cluster.membership;

import java.net.URI;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;

import eu.citiesgateway.cluster.ClusterCatalog;
import eu.citiesgateway.cluster.directory.KnownCities;
import eu.citiesgateway.cluster.directory.KnownCity;
import eu.citiesgateway.cluster.directory.KnownOrganisations;
import eu.citiesgateway.platform.web.FieldViolation;
import eu.citiesgateway.platform.web.InvalidRequestException;
import eu.citiesgateway.platform.web.ResourceNotFoundException;
import org.jspecify.annotations.Nullable;

import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.DeleteMapping;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RestController;
import org.springframework.web.servlet.support.ServletUriComponentsBuilder;

/**
 * Staff add and remove cluster members under {@code /api/clusters/{id}/members}.
 */
@RestController
@RequestMapping("/api/clusters/{clusterId}/members")
class MemberController {

	private final Members members;

	private final KnownCities cities;

	private final KnownOrganisations organisations;

	MemberController(Members members, KnownCities cities, KnownOrganisations organisations) {
		this.members = members;
		this.cities = cities;
		this.organisations = organisations;
	}

	@PostMapping(consumes = MediaType.APPLICATION_JSON_VALUE)
	ResponseEntity<MemberView> add(@PathVariable String clusterId, @RequestBody MemberRequest request) {
		requireCluster(clusterId);
		List<FieldViolation> violations = new ArrayList<>();
		UUID memberId = null;
		if (request.memberId() == null) {
			violations.add(new FieldViolation("memberId", "is required"));
		}
		else {
			try {
				memberId = UUID.fromString(request.memberId());
			}
			catch (IllegalArgumentException ex) {
				violations.add(new FieldViolation("memberId", "'" + request.memberId() + "' is not an id (a UUID)"));
			}
		}
		Kind kind = (request.kind() != null) ? Kind.of(request.kind()).orElse(null) : null;
		if (kind == null) {
			violations.add(new FieldViolation("kind", "must be city or organisation"));
		}
		Role role = (request.role() != null) ? Role.of(request.role()).orElse(null) : Role.MEMBER;
		if (role == null) {
			violations.add(new FieldViolation("role", "must be member or coordinator"));
		}
		if (!violations.isEmpty()) {
			throw new InvalidRequestException(violations);
		}
		if (kind == Kind.CITY) {
			KnownCity city = this.cities.findById(memberId).orElseThrow(notFound("city", memberId));
			if (!city.active()) {
				throw new InvalidRequestException("memberId",
						"city " + memberId + " (" + city.name() + ") has withdrawn");
			}
		}
		else if (!this.organisations.existsById(memberId)) {
			throw notFound("organisation", memberId).get();
		}
		boolean existed = this.members.isMember(clusterId, memberId);
		Membership membership = this.members.add(clusterId, memberId, kind, role);
		MemberView view = MemberView.of(membership);
		if (existed) {
			return ResponseEntity.ok(view);
		}
		URI location = ServletUriComponentsBuilder.fromCurrentRequest().path("/{id}").buildAndExpand(memberId).toUri();
		return ResponseEntity.created(location).body(view);
	}

	@GetMapping("/{memberId}")
	MemberView show(@PathVariable String clusterId, @PathVariable UUID memberId) {
		requireCluster(clusterId);
		return this.members.find(clusterId, memberId)
			.map(MemberView::of)
			.orElseThrow(notFound("member of " + clusterId, memberId));
	}

	@DeleteMapping("/{memberId}")
	ResponseEntity<Void> remove(@PathVariable String clusterId, @PathVariable UUID memberId) {
		requireCluster(clusterId);
		this.members.remove(clusterId, memberId).orElseThrow(notFound("member of " + clusterId, memberId));
		return ResponseEntity.noContent().build();
	}

	private static void requireCluster(String clusterId) {
		if (ClusterCatalog.find(clusterId).isEmpty()) {
			throw new ResourceNotFoundException("cluster", clusterId);
		}
	}

	private static java.util.function.Supplier<ResourceNotFoundException> notFound(String kind, Object id) {
		return () -> new ResourceNotFoundException(kind, id);
	}

	/**
	 * A member to add.
	 *
	 * @param memberId the registry's id of the city or organisation
	 * @param kind {@code city} or {@code organisation}
	 * @param role {@code member} (default) or {@code coordinator}
	 */
	record MemberRequest(@Nullable String memberId, @Nullable String kind, @Nullable String role) {
	}

}
