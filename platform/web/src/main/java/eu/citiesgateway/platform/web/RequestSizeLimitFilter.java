package eu.citiesgateway.platform.web;

import java.io.IOException;
import java.util.Map;

import jakarta.servlet.FilterChain;
import jakarta.servlet.ReadListener;
import jakarta.servlet.ServletException;
import jakarta.servlet.ServletInputStream;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletRequestWrapper;
import jakarta.servlet.http.HttpServletResponse;

import org.springframework.http.HttpStatus;
import org.springframework.util.AntPathMatcher;
import org.springframework.util.unit.DataSize;
import org.springframework.web.filter.OncePerRequestFilter;

/**
 * Enforces the request body limits of {@link WebProperties}: a declared
 * {@code Content-Length} over the limit is answered 413 before the body is read; a body
 * without a length (chunked) is cut off at the limit and answered 413 too, also when it
 * is read outside Spring MVC (by another filter). Form and multipart bodies are read by
 * the container itself, past this filter's stream: {@link WebDefaults} holds them to the
 * same limit and {@link RequestParametersFilter} answers them.
 */
public class RequestSizeLimitFilter extends OncePerRequestFilter {

	private final WebProperties properties;

	private final AntPathMatcher matcher = new AntPathMatcher();

	public RequestSizeLimitFilter(WebProperties properties) {
		this.properties = properties;
	}

	@Override
	protected void doFilterInternal(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
			throws ServletException, IOException {
		long limit = limitFor(request.getRequestURI());
		if (request.getContentLengthLong() > limit) {
			ProblemBodies.write(response, tooLarge(request, limit));
			return;
		}
		try {
			chain.doFilter(new Limited(request, limit), response);
		}
		catch (PayloadTooLargeException ex) {
			ProblemBodies.write(response, tooLarge(request, ex.limit()));
		}
	}

	private static Map<String, Object> tooLarge(HttpServletRequest request, long limit) {
		Map<String, Object> problem = ProblemBodies.of(HttpStatus.CONTENT_TOO_LARGE, "Request too large",
				"The request body is larger than the limit of " + limit + " bytes", request.getRequestURI());
		problem.put("limit", limit);
		return problem;
	}

	long limitFor(String path) {
		for (Map.Entry<String, DataSize> limit : this.properties.bodyLimits().entrySet()) {
			if (this.matcher.match(limit.getKey(), path)) {
				return limit.getValue().toBytes();
			}
		}
		return this.properties.maxBodySize().toBytes();
	}

	private static final class Limited extends HttpServletRequestWrapper {

		private final long limit;

		private ServletInputStream stream;

		Limited(HttpServletRequest request, long limit) {
			super(request);
			this.limit = limit;
		}

		@Override
		public ServletInputStream getInputStream() throws IOException {
			if (this.stream == null) {
				this.stream = new Counting(super.getInputStream(), this.limit);
			}
			return this.stream;
		}

	}

	private static final class Counting extends ServletInputStream {

		private final ServletInputStream delegate;

		private final long limit;

		private long count;

		Counting(ServletInputStream delegate, long limit) {
			this.delegate = delegate;
			this.limit = limit;
		}

		@Override
		public int read() throws IOException {
			int read = this.delegate.read();
			if (read >= 0) {
				counted(1);
			}
			return read;
		}

		@Override
		public int read(byte[] buffer, int offset, int length) throws IOException {
			int read = this.delegate.read(buffer, offset, length);
			if (read > 0) {
				counted(read);
			}
			return read;
		}

		private void counted(int bytes) {
			this.count += bytes;
			if (this.count > this.limit) {
				throw new PayloadTooLargeException(this.limit);
			}
		}

		@Override
		public boolean isFinished() {
			return this.delegate.isFinished();
		}

		@Override
		public boolean isReady() {
			return this.delegate.isReady();
		}

		@Override
		public void setReadListener(ReadListener listener) {
			this.delegate.setReadListener(listener);
		}

	}

}
