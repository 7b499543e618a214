package eu.citiesgateway.registry.city;

import java.io.IOException;
import java.io.InputStreamReader;
import java.net.URI;
import java.nio.charset.Charset;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Locale;
import java.util.UUID;

import eu.citiesgateway.platform.web.InvalidRequestException;
import eu.citiesgateway.platform.web.Paging;
import eu.citiesgateway.registry.RegistryProperties;
import jakarta.servlet.http.HttpServletRequest;
import org.jspecify.annotations.Nullable;
import tools.jackson.databind.JsonNode;

import org.springframework.data.domain.Page;
import org.springframework.data.domain.PageRequest;
import org.springframework.data.web.PagedModel;
import org.springframework.http.HttpHeaders;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PatchMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestHeader;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;
import org.springframework.web.context.request.WebRequest;
import org.springframework.web.servlet.support.ServletUriComponentsBuilder;

/**
 * The registry's HTTP API under {@code /api/cities}. Contact persons are shown only to
 * tokens with {@code registry:contacts}; answers that depend on it vary by
 * {@code Authorization}.
 */
@RestController
@RequestMapping("/api/cities")
class CityController {

	private final Registry registry;

	private final Cities cities;

	private final CsvImport csvImport;

	private final RegistryProperties properties;

	CityController(Registry registry, Cities cities, CsvImport csvImport, RegistryProperties properties) {
		this.registry = registry;
		this.cities = cities;
		this.csvImport = csvImport;
		this.properties = properties;
	}

	@PostMapping(consumes = MediaType.APPLICATION_JSON_VALUE)
	ResponseEntity<CityView> register(@RequestBody CityRequest request) {
		City city = this.registry.register(request);
		URI location = ServletUriComponentsBuilder.fromCurrentRequest().path("/{id}").buildAndExpand(city.id()).toUri();
		return ResponseEntity.created(location).eTag(city.etag()).body(CityView.of(city));
	}

	@GetMapping("/{id}")
	ResponseEntity<CityView> show(@PathVariable UUID id, WebRequest request) {
		City city = this.registry.find(id);
		if (request.checkNotModified(city.etag())) {
			return null;
		}
		return ResponseEntity.ok().eTag(city.etag()).varyBy(HttpHeaders.AUTHORIZATION).body(CityView.of(city));
	}

	@GetMapping
	ResponseEntity<PagedModel<CityView>> search(@RequestParam @Nullable Side side,
			@RequestParam @Nullable String country, @RequestParam @Nullable String theme,
			@RequestParam @Nullable Status status, @RequestParam @Nullable String q,
			@RequestParam(defaultValue = "0") int page, @RequestParam(defaultValue = "20") int size) {
		if (theme != null && !Themes.ALL.contains(theme)) {
			throw new InvalidRequestException("theme", "'" + theme + "' is not a theme; allowed are " + Themes.ALL);
		}
		Paging.check(page, size, this.properties.maxPageSize());
		if (q != null && q.length() > 200) {
			throw new InvalidRequestException("q", "size must be between 0 and 200");
		}
		Page<CityView> result = this.cities
			.search(new Cities.Search(side, (country != null) ? country.toUpperCase(Locale.ROOT) : null, theme, status,
					(q != null && !q.isBlank()) ? q : null), PageRequest.of(page, size))
			.map(CityView::of);
		return ResponseEntity.ok().varyBy(HttpHeaders.AUTHORIZATION).body(new PagedModel<>(result));
	}

	@PatchMapping(path = "/{id}", consumes = { "application/merge-patch+json", MediaType.APPLICATION_JSON_VALUE })
	ResponseEntity<CityView> update(@PathVariable UUID id, @RequestBody JsonNode patch,
			@RequestHeader(name = HttpHeaders.IF_MATCH, required = false) @Nullable String ifMatch) {
		City city = this.registry.update(id, patch, ifMatch);
		return ResponseEntity.ok().eTag(city.etag()).body(CityView.of(city));
	}

	@PostMapping("/{id}/withdrawal")
	ResponseEntity<CityView> withdraw(@PathVariable UUID id, @RequestBody(required = false) @Nullable Withdrawal body) {
		City city = this.registry.withdraw(id, (body != null) ? body.reason() : null);
		return ResponseEntity.ok().eTag(city.etag()).body(CityView.of(city));
	}

	/**
	 * Imports a CSV file, read in the charset its {@code Content-Type} names (UTF-8 if
	 * none); bytes that are not text in that charset stop the reading where they are. A
	 * charset Java does not know is refused with 415 before this runs.
	 */
	@PostMapping(path = "/import", consumes = "text/csv")
	ImportReport importCsv(HttpServletRequest request) throws IOException {
		Charset declared = MediaType.parseMediaType(request.getContentType()).getCharset();
		Charset charset = (declared != null) ? declared : StandardCharsets.UTF_8;
		return this.csvImport.run(new InputStreamReader(request.getInputStream(),
				charset.newDecoder()
					.onMalformedInput(CodingErrorAction.REPORT)
					.onUnmappableCharacter(CodingErrorAction.REPORT)));
	}

	@PostMapping(path = "/{id}/organisations", consumes = MediaType.APPLICATION_JSON_VALUE)
	ResponseEntity<OrganisationView> registerOrganisation(@PathVariable UUID id,
			@RequestBody OrganisationRequest request) {
		Organisation organisation = this.registry.register(id, request);
		URI location = ServletUriComponentsBuilder.fromCurrentRequest()
			.path("/{organisationId}")
			.buildAndExpand(organisation.id())
			.toUri();
		return ResponseEntity.created(location).body(OrganisationView.of(organisation));
	}

	@GetMapping("/{id}/organisations/{organisationId}")
	ResponseEntity<OrganisationView> organisation(@PathVariable UUID id, @PathVariable UUID organisationId) {
		return ResponseEntity.ok()
			.varyBy(HttpHeaders.AUTHORIZATION)
			.body(OrganisationView.of(this.registry.organisation(id, organisationId)));
	}

	@GetMapping("/{id}/organisations")
	ResponseEntity<List<OrganisationView>> organisations(@PathVariable UUID id) {
		return ResponseEntity.ok()
			.varyBy(HttpHeaders.AUTHORIZATION)
			.body(this.registry.find(id).organisations().stream().map(OrganisationView::of).toList());
	}

	/**
	 * Why a city withdraws; kept in the registry, not published.
	 *
	 * @param reason free text, at most 1000 characters
	 */
	record Withdrawal(@Nullable String reason) {
	}

}
