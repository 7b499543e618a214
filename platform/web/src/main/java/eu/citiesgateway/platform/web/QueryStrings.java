package eu.citiesgateway.platform.web;

import java.io.ByteArrayOutputStream;
import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;

import org.jspecify.annotations.Nullable;

/**
 * Reads the names in a raw query string ({@code a=1&b=%C3%A9}) as the container decodes
 * them (UTF-8, {@code +} a space), without its leniency: for telling which parameter
 * failed and which names a request sent in its URL, apart from those of a form body.
 */
final class QueryStrings {

	private QueryStrings() {
	}

	/**
	 * The names of the parameters, in order; a name that cannot be decoded is given as
	 * sent.
	 * @param query the raw query string, or null
	 * @return the names, without empty ones
	 */
	static List<String> names(@Nullable String query) {
		List<String> names = new ArrayList<>();
		if (query == null) {
			return names;
		}
		for (String pair : query.split("&")) {
			int equals = pair.indexOf('=');
			String name = (equals >= 0) ? pair.substring(0, equals) : pair;
			if (!name.isEmpty()) {
				String decoded = decode(name);
				names.add((decoded != null) ? decoded : name);
			}
		}
		return names;
	}

	/**
	 * The first parameter whose name or value is not valid percent-encoded UTF-8.
	 * @param query the raw query string, or null
	 * @return its name (as sent if the name itself is at fault), or null if all decode
	 */
	static @Nullable String firstUndecodable(@Nullable String query) {
		if (query == null) {
			return null;
		}
		for (String pair : query.split("&")) {
			int equals = pair.indexOf('=');
			String name = (equals >= 0) ? pair.substring(0, equals) : pair;
			String decodedName = decode(name);
			if (decodedName == null) {
				return name;
			}
			if (equals >= 0 && decode(pair.substring(equals + 1)) == null) {
				return decodedName;
			}
		}
		return null;
	}

	/**
	 * Decodes one name or value.
	 * @param text percent-encoded UTF-8
	 * @return the text, or null if it is not valid
	 */
	static @Nullable String decode(String text) {
		ByteArrayOutputStream bytes = new ByteArrayOutputStream(text.length());
		for (int i = 0; i < text.length(); i++) {
			char c = text.charAt(i);
			if (c == '%') {
				if (i + 2 >= text.length()) {
					return null;
				}
				int high = Character.digit(text.charAt(i + 1), 16);
				int low = Character.digit(text.charAt(i + 2), 16);
				if (high < 0 || low < 0) {
					return null;
				}
				bytes.write(high * 16 + low);
				i += 2;
			}
			else if (c == '+') {
				bytes.write(' ');
			}
			else {
				byte[] encoded = String.valueOf(c).getBytes(StandardCharsets.UTF_8);
				bytes.write(encoded, 0, encoded.length);
			}
		}
		try {
			return StandardCharsets.UTF_8.newDecoder()
				.onMalformedInput(CodingErrorAction.REPORT)
				.onUnmappableCharacter(CodingErrorAction.REPORT)
				.decode(ByteBuffer.wrap(bytes.toByteArray()))
				.toString();
		}
		catch (CharacterCodingException ex) {
			return null;
		}
	}

}
