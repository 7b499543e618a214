package eu.citiesgateway.platform.web.security;

import java.util.List;

import io.swagger.v3.oas.models.Components;
import io.swagger.v3.oas.models.OpenAPI;
import io.swagger.v3.oas.models.Operation;
import io.swagger.v3.oas.models.media.Content;
import io.swagger.v3.oas.models.media.IntegerSchema;
import io.swagger.v3.oas.models.media.MediaType;
import io.swagger.v3.oas.models.media.ObjectSchema;
import io.swagger.v3.oas.models.media.Schema;
import io.swagger.v3.oas.models.media.StringSchema;
import io.swagger.v3.oas.models.responses.ApiResponse;
import io.swagger.v3.oas.models.responses.ApiResponses;
import io.swagger.v3.oas.models.security.SecurityRequirement;
import io.swagger.v3.oas.models.security.SecurityScheme;
import org.jspecify.annotations.Nullable;
import org.springdoc.core.customizers.OpenApiCustomizer;

import org.springframework.http.HttpMethod;
import org.springframework.http.server.PathContainer;
import org.springframework.web.util.pattern.PathPatternParser;

/**
 * Writes the access policy into the service's OpenAPI document: a bearer scheme (Swagger
 * UI's "Authorize"), and for each operation either no security (public) or the bearer
 * token with the scopes it needs, with its 401 and 403 answers.
 */
class AccessDocumentation implements OpenApiCustomizer {

	static final String SCHEME = "bearer";

	private static final String PROBLEM = "AccessProblem";

	private final AccessMap access;

	AccessDocumentation(AccessMap access) {
		this.access = access;
	}

	@Override
	public void customise(OpenAPI openApi) {
		Components components = (openApi.getComponents() != null) ? openApi.getComponents() : new Components();
		openApi.setComponents(components);
		components.addSecuritySchemes(SCHEME, new SecurityScheme().type(SecurityScheme.Type.HTTP)
			.scheme("bearer")
			.bearerFormat("JWT")
			.description("An access token (JWT) from the platform's identity provider; each operation names the "
					+ "scopes (claim 'scope') of which the token needs one."));
		components.addSchemas(PROBLEM,
				new ObjectSchema().description("RFC 9457 problem details")
					.addProperty("type", new StringSchema())
					.addProperty("title", new StringSchema())
					.addProperty("status", new IntegerSchema())
					.addProperty("detail", new StringSchema())
					.addProperty("instance", new StringSchema())
					.addProperty("requiredScopes", new Schema<>().type("array").items(new StringSchema())));
		if (openApi.getPaths() == null) {
			return;
		}
		openApi.getPaths().forEach((path, item) -> item.readOperationsMap().forEach((method, operation) -> {
			AccessMap.Entry entry = find(HttpMethod.valueOf(method.name()), path);
			if (entry != null && entry.isPublic()) {
				operation.setSecurity(List.of());
			}
			else {
				protect(operation, (entry != null) ? List.copyOf(entry.scopes()) : List.of());
			}
		}));
	}

	private void protect(Operation operation, List<String> scopes) {
		// one requirement a scope: any one of them allows the operation (OpenAPI 3.1 lets
		// a
		// bearer scheme name the roles it needs)
		operation.setSecurity(scopes.isEmpty() ? List.of(new SecurityRequirement().addList(SCHEME))
				: scopes.stream().map((scope) -> new SecurityRequirement().addList(SCHEME, scope)).toList());
		String needs = scopes.isEmpty() ? "Refused to every caller: on no access list."
				: "Needs a bearer token with the scope " + String.join(" or ", scopes) + ".";
		operation
			.setDescription((operation.getDescription() != null) ? operation.getDescription() + "\n\n" + needs : needs);
		ApiResponses responses = (operation.getResponses() != null) ? operation.getResponses() : new ApiResponses();
		responses.addApiResponse("401", problem("No bearer token, or an invalid or expired one"));
		responses.addApiResponse("403", problem("The token lacks the scope this needs"));
		operation.setResponses(responses);
	}

	private static ApiResponse problem(String description) {
		return new ApiResponse().description(description)
			.content(new Content().addMediaType(org.springframework.http.MediaType.APPLICATION_PROBLEM_JSON_VALUE,
					new MediaType().schema(new Schema<>().$ref("#/components/schemas/" + PROBLEM))));
	}

	private AccessMap.@Nullable Entry find(HttpMethod method, String path) {
		PathContainer template = PathContainer.parsePath(path);
		for (AccessMap.Entry entry : this.access.entries()) {
			if (method.equals(entry.method())
					&& PathPatternParser.defaultInstance.parse(entry.pattern()).matches(template)) {
				return entry;
			}
		}
		return null;
	}

}
