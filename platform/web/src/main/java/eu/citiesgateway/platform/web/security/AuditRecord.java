package eu.citiesgateway.platform.web.security;

import java.time.Instant;
import java.util.UUID;

import org.jspecify.annotations.Nullable;

import org.springframework.data.annotation.Id;
import org.springframework.data.mongodb.core.mapping.Document;

/**
 * One successful state change made with a token. Holds who did it (the token's subject
 * and client), never personal data of anyone else.
 *
 * @param id the record
 * @param at when the change was answered
 * @param subject the token's {@code sub}
 * @param clientId the client the token was issued to ({@code client_id} or {@code azp})
 * @param cityId the city a representative's token acts for ({@code city_id}), if any
 * @param action the method and path pattern, e.g. {@code POST
 * /api/cities/{id}/withdrawal}
 * @param target the id of what was changed, if known
 * @param scope the scope that allowed it, if the endpoint needs one
 * @param outcome the HTTP status of the answer
 */
@Document("audit")
record AuditRecord(@Id UUID id, Instant at, @Nullable String subject, @Nullable String clientId,
		@Nullable String cityId, String action, @Nullable String target, @Nullable String scope, int outcome) {

}
