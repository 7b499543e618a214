package eu.citiesgateway.newsletter.logging;

import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;

import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.LoggerContext;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.core.OutputStreamAppender;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.slf4j.MDC;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

import org.springframework.boot.logging.logback.StructuredLogEncoder;
import org.springframework.core.env.Environment;
import org.springframework.mock.env.MockEnvironment;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * JSON logs ({@code logging.structured.format.console}) hold no address either: Spring
 * Boot's structured encoders, behind the masking appender, write the message, the
 * exception with its stack trace and the MDC masked, and keep the trace ids.
 */
class StructuredLogMaskingTests {

	static final String ADDRESS = "jane.doe+news@example.org";

	static final String TRACE_ID = "4bf92f3577b34da6a3ce929d0e0e4736";

	@ParameterizedTest
	@ValueSource(strings = { "ecs", "logstash", "gelf" })
	void jsonLinesAreMaskedAndCarryTheTraceIds(String format) {
		ByteArrayOutputStream console = new ByteArrayOutputStream();
		Logger logger = logger(format, console);

		MDC.setContextMap(Map.of("traceId", TRACE_ID, "spanId", "00f067aa0ba902b7", "subscriber", ADDRESS));
		try {
			logger.info("Sent to {}", ADDRESS);
			logger.warn("Sending failed", new RuntimeException("Failed messages: " + ADDRESS, new IllegalStateException(
					"550 5.1.1 <" + ADDRESS.toUpperCase() + ">: Recipient address rejected")));
		}
		finally {
			MDC.clear();
		}

		String output = console.toString(StandardCharsets.UTF_8);
		assertThat(output).doesNotContainIgnoringCase(ADDRESS);
		List<JsonNode> lines = output.lines().map((line) -> JsonMapper.shared().readTree(line)).toList();
		assertThat(lines).hasSize(2);
		assertThat(lines.get(0).toString()).contains("Sent to <address>").contains(TRACE_ID);
		assertThat(lines.get(1).toString()).contains("Sending failed")
			.contains("Failed messages: <address>")
			.contains("550 5.1.1 <<address>>: Recipient address rejected")
			.contains(StructuredLogMaskingTests.class.getName())
			.contains(TRACE_ID);
	}

	private static Logger logger(String format, ByteArrayOutputStream console) {
		LoggerContext context = new LoggerContext();
		if (context.getMDCAdapter() == null) {
			context.setMDCAdapter(MDC.getMDCAdapter());
		}
		context.putObject(Environment.class.getName(),
				new MockEnvironment().withProperty("spring.application.name", "newsletter-service"));
		StructuredLogEncoder encoder = new StructuredLogEncoder();
		encoder.setContext(context);
		encoder.setFormat(format);
		encoder.start();
		OutputStreamAppender<ILoggingEvent> appender = new OutputStreamAppender<>();
		appender.setContext(context);
		appender.setEncoder(encoder);
		appender.setOutputStream(console);
		appender.start();
		MaskingAppender masking = new MaskingAppender(appender);
		masking.setContext(context);
		masking.start();
		Logger logger = context.getLogger("org.eclipse.angus.mail");
		logger.setLevel(Level.DEBUG);
		logger.addAppender(masking);
		return logger;
	}

}
