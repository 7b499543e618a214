package eu.citiesgateway.registry.city;

import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The examples of RFC 7396, appendix A.
 */
class MergePatchTests {

	@Test
	void followsTheExamplesOfRfc7396() {
		assertMerge("{\"a\":\"b\"}", "{\"a\":\"c\"}", "{\"a\":\"c\"}");
		assertMerge("{\"a\":\"b\"}", "{\"b\":\"c\"}", "{\"a\":\"b\",\"b\":\"c\"}");
		assertMerge("{\"a\":\"b\"}", "{\"a\":null}", "{}");
		assertMerge("{\"a\":\"b\",\"b\":\"c\"}", "{\"a\":null}", "{\"b\":\"c\"}");
		assertMerge("{\"a\":[\"b\"]}", "{\"a\":\"c\"}", "{\"a\":\"c\"}");
		assertMerge("{\"a\":\"c\"}", "{\"a\":[\"b\"]}", "{\"a\":[\"b\"]}");
		assertMerge("{\"a\":{\"b\":\"c\"}}", "{\"a\":{\"b\":\"d\",\"c\":null}}", "{\"a\":{\"b\":\"d\"}}");
		assertMerge("{\"a\":[{\"b\":\"c\"}]}", "{\"a\":[1]}", "{\"a\":[1]}");
		assertMerge("{\"e\":null}", "{\"a\":1}", "{\"e\":null,\"a\":1}");
		assertMerge("{}", "{\"a\":{\"bb\":{\"ccc\":null}}}", "{\"a\":{\"bb\":{}}}");
	}

	private static void assertMerge(String target, String patch, String expected) {
		JsonMapper json = JsonMapper.shared();
		JsonNode merged = Registry.merge(json.readTree(target), json.readTree(patch));
		assertThat(merged).isEqualTo(json.readTree(expected));
	}

}
