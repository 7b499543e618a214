package eu.citiesgateway.newsletter;

import java.util.ArrayList;
import java.util.List;

import org.apache.catalina.Valve;
import org.apache.catalina.util.NetMask;
import org.apache.catalina.valves.RemoteIpValve;

import org.springframework.boot.tomcat.servlet.TomcatServletWebServerFactory;
import org.springframework.boot.web.server.WebServerFactoryCustomizer;
import org.springframework.core.Ordered;
import org.springframework.stereotype.Component;

/**
 * Takes the client's address from {@code X-Forwarded-For} only when the request comes
 * from one of {@code newsletter.trusted-proxies}, and then the address that the last
 * trusted proxy saw (Tomcat's {@link RemoteIpValve}, read from the right): a client can
 * add any addresses it likes to the header, but not choose the one it is counted under.
 * With no trusted proxy, the default, the header is ignored. This replaces the valve that
 * Spring Boot adds on platforms it detects (Kubernetes), which trusts every private
 * network address.
 */
@Component
class TrustedProxies implements WebServerFactoryCustomizer<TomcatServletWebServerFactory>, Ordered {

	private final String proxies;

	TrustedProxies(NewsletterProperties properties) {
		this.proxies = cidrs(properties.trustedProxies());
	}

	@Override
	public void customize(TomcatServletWebServerFactory factory) {
		List<Valve> valves = new ArrayList<>(factory.getEngineValves());
		valves.removeIf(RemoteIpValve.class::isInstance);
		RemoteIpValve valve = new RemoteIpValve();
		valve.setRemoteIpHeader("X-Forwarded-For");
		valve.setProtocolHeader("X-Forwarded-Proto");
		valve.setInternalProxies(this.proxies);
		valve.setTrustedProxies("");
		valves.add(valve);
		factory.setEngineValves(valves);
	}

	@Override
	public int getOrder() {
		// after Spring Boot's customizer, whose valve this one replaces
		return Ordered.LOWEST_PRECEDENCE;
	}

	/**
	 * The proxies as CIDR ranges, a single address as a range of one: Tomcat reads a list
	 * without a slash as a regular expression.
	 */
	static String cidrs(List<String> proxies) {
		List<String> ranges = new ArrayList<>();
		for (String proxy : proxies) {
			String range = proxy.strip();
			if (range.isEmpty()) {
				continue;
			}
			if (range.indexOf('/') < 0) {
				range += (range.indexOf(':') >= 0) ? "/128" : "/32";
			}
			try {
				new NetMask(range);
			}
			catch (IllegalArgumentException ex) {
				throw new IllegalArgumentException("newsletter.trusted-proxies: '" + proxy
						+ "' is not an IP address or a CIDR range such as 10.0.0.0/8", ex);
			}
			ranges.add(range);
		}
		return String.join(",", ranges);
	}

}
