package eu.citiesgateway.platform.web;

import java.io.IOException;
import java.io.Writer;
import java.util.concurrent.atomic.AtomicBoolean;

import org.apache.catalina.connector.Request;
import org.apache.catalina.connector.Response;
import org.apache.catalina.valves.ErrorReportValve;
import org.apache.coyote.ActionCode;

import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;

/**
 * The container's error report, for what it refuses before the application sees it: a
 * malformed request line, URL or header ({@code GET /a|b}, {@code %00}, headers over the
 * size limit). An RFC 9457 problem detail in place of Tomcat's HTML page, without the
 * request's path, which may be what is malformed.
 */
class ProblemReportValve extends ErrorReportValve {

	@Override
	protected void report(Request request, Response response, Throwable throwable) {
		int code = response.getStatus();
		if (code < 400 || response.getContentWritten() > 0 || !response.setErrorReported()) {
			return;
		}
		AtomicBoolean writable = new AtomicBoolean(false);
		response.getCoyoteResponse().action(ActionCode.IS_IO_ALLOWED, writable);
		if (!writable.get()) {
			return;
		}
		HttpStatus status = HttpStatus.resolve(code);
		if (status == null) {
			return;
		}
		String detail = (code == 400)
				? "The request line, URL or headers are malformed or too large; " + "the request was not processed."
				: status.getReasonPhrase() + ".";
		try {
			// the body is ASCII: JSON needs no charset parameter
			response.setContentType(MediaType.APPLICATION_PROBLEM_JSON_VALUE);
			Writer writer = response.getReporter();
			if (writer != null) {
				writer.write(ProblemBodies.json(ProblemBodies.of(status, status.getReasonPhrase(), detail, null)));
				response.finishResponse();
			}
		}
		catch (IOException | IllegalStateException ex) {
			// the client is gone or the answer has begun: nothing more to say
		}
	}

}
