package eu.citiesgateway.platform.events;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;

import com.sun.net.httpserver.HttpServer;
import io.micrometer.tracing.Span;
import io.micrometer.tracing.Tracer;
import io.opentelemetry.exporter.otlp.http.trace.OtlpHttpSpanExporter;
import io.opentelemetry.sdk.trace.SdkTracerProvider;
import org.junit.jupiter.api.Test;

import org.springframework.boot.SpringApplication;
import org.springframework.boot.autoconfigure.AutoConfigurations;
import org.springframework.boot.micrometer.observation.autoconfigure.ObservationAutoConfiguration;
import org.springframework.boot.micrometer.tracing.autoconfigure.MicrometerTracingAutoConfiguration;
import org.springframework.boot.micrometer.tracing.opentelemetry.autoconfigure.OpenTelemetryTracingAutoConfiguration;
import org.springframework.boot.micrometer.tracing.opentelemetry.autoconfigure.otlp.OtlpTracingAutoConfiguration;
import org.springframework.boot.opentelemetry.autoconfigure.OpenTelemetrySdkAutoConfiguration;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;
import org.springframework.core.env.SystemEnvironmentPropertySource;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * What the kit's tracing sends where: nothing leaves a service until an OTLP endpoint is
 * configured, and then its spans reach it, with the environment variables the docs name.
 */
class TracingExportTests {

	final ApplicationContextRunner service = new ApplicationContextRunner()
		.withInitializer((context) -> new EventKitDefaults().postProcessEnvironment(context.getEnvironment(),
				new SpringApplication()))
		.withPropertyValues("spring.application.name=tracing-tests")
		.withConfiguration(AutoConfigurations.of(ObservationAutoConfiguration.class,
				MicrometerTracingAutoConfiguration.class, OpenTelemetrySdkAutoConfiguration.class,
				OpenTelemetryTracingAutoConfiguration.class, OtlpTracingAutoConfiguration.class));

	@Test
	void withoutAnEndpointNoSpanIsExportedAnywhereButTracesArePropagatedEvenUnsampled() {
		this.service.withPropertyValues("management.tracing.sampling.probability=0.0").run((context) -> {
			assertThat(context).doesNotHaveBean(OtlpHttpSpanExporter.class);
			assertThat(context).hasSingleBean(Tracer.class);
			assertThat(context.getEnvironment().getProperty("spring.cloud.stream.kafka.binder.enable-observation"))
				.as("the binder's producers and consumers observed")
				.isEqualTo("true");
			EventTracing tracing = new EventTracing(context.getBean(Tracer.class),
					context.getBean(io.micrometer.tracing.propagation.Propagator.class));
			Span span = context.getBean(Tracer.class).nextSpan().start();
			try (Tracer.SpanInScope scope = context.getBean(Tracer.class).withSpan(span)) {
				assertThat(tracing.current().traceparent())
					.isEqualTo("00-" + span.context().traceId() + "-" + span.context().spanId() + "-00");
			}
			finally {
				span.end();
			}
		});
	}

	@Test
	void withAnEndpointInTheEnvironmentSpansAreExportedThereOverHttp() throws IOException {
		List<String> received = new CopyOnWriteArrayList<>();
		HttpServer collector = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
		collector.createContext("/v1/traces", (exchange) -> {
			received.add(exchange.getRequestMethod() + " " + exchange.getRequestHeaders().getFirst("Content-Type"));
			exchange.getRequestBody().readAllBytes();
			exchange.sendResponseHeaders(200, -1);
			exchange.close();
		});
		collector.start();
		try {
			Map<String, Object> environment = Map.of("MANAGEMENT_OPENTELEMETRY_TRACING_EXPORT_OTLP_ENDPOINT",
					"http://127.0.0.1:" + collector.getAddress().getPort() + "/v1/traces",
					"MANAGEMENT_TRACING_SAMPLING_PROBABILITY", "1.0");
			// named as Spring Boot names the process environment, so that it binds the
			// same way
			this.service
				.withInitializer((context) -> context.getEnvironment()
					.getPropertySources()
					.addFirst(new SystemEnvironmentPropertySource("deployment-systemEnvironment", environment)))
				.run((context) -> {
					assertThat(context).hasSingleBean(OtlpHttpSpanExporter.class);
					context.getBean(Tracer.class).nextSpan().name("exported").start().end();

					context.getBean(SdkTracerProvider.class).forceFlush().join(10, TimeUnit.SECONDS);

					assertThat(received).contains("POST application/x-protobuf");
				});
		}
		finally {
			collector.stop(0);
		}
	}

}
