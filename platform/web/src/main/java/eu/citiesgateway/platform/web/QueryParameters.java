package eu.citiesgateway.platform.web;

import java.beans.PropertyDescriptor;
import java.lang.reflect.AnnotatedElement;
import java.lang.reflect.Method;
import java.lang.reflect.RecordComponent;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;
import java.util.concurrent.ConcurrentHashMap;

import jakarta.servlet.DispatcherType;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;

import org.springframework.beans.BeanUtils;
import org.springframework.core.DefaultParameterNameDiscoverer;
import org.springframework.core.MethodParameter;
import org.springframework.core.ParameterNameDiscoverer;
import org.springframework.core.annotation.AnnotatedElementUtils;
import org.springframework.data.domain.Pageable;
import org.springframework.util.StringUtils;
import org.springframework.web.bind.annotation.ModelAttribute;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.ResponseBody;
import org.springframework.web.method.HandlerMethod;
import org.springframework.web.servlet.HandlerInterceptor;

/**
 * Refuses query parameters that the endpoint handling a request does not take, with 400
 * naming each and the parameters it does take: a misspelt filter ({@code ?stauts=ACTIVE})
 * would otherwise be ignored, and a search would answer its unfiltered list as if it were
 * the answer. An endpoint takes the parameters of its {@code @RequestParam}s (all of them
 * if one is a map), the properties of its {@code @ModelAttribute}s, those of a
 * {@code Pageable} and those its mapping names in {@code params}. Only the query string
 * is compared, never the fields of a form body, and only on the JSON API
 * ({@code @ResponseBody} handlers): HTML pages, to which browsers and mail programs add
 * parameters of their own, and the endpoints of Spring itself and of springdoc are left
 * alone.
 */
class QueryParameters implements HandlerInterceptor {

	private static final ParameterNameDiscoverer names = new DefaultParameterNameDiscoverer();

	private final Map<Method, Optional<Set<String>>> accepted = new ConcurrentHashMap<>();

	@Override
	public boolean preHandle(HttpServletRequest request, HttpServletResponse response, Object handler) {
		if (request.getDispatcherType() != DispatcherType.REQUEST || request.getQueryString() == null
				|| !(handler instanceof HandlerMethod method) || !checked(method)) {
			return true;
		}
		Set<String> takes = this.accepted.computeIfAbsent(method.getMethod(), (key) -> accepted(method)).orElse(null);
		if (takes == null) {
			return true;
		}
		List<FieldViolation> unknown = new ArrayList<>();
		for (String name : new LinkedHashSet<>(QueryStrings.names(request.getQueryString()))) {
			if (!takes.contains(name) && !takes.contains(base(name))) {
				unknown
					.add(new FieldViolation(name, takes.isEmpty() ? "is not a parameter of this endpoint; it takes none"
							: "is not a parameter of this endpoint; it takes " + String.join(", ", takes)));
			}
		}
		if (!unknown.isEmpty()) {
			throw new InvalidRequestException(unknown);
		}
		return true;
	}

	private static boolean checked(HandlerMethod method) {
		String type = method.getBeanType().getName();
		if (type.startsWith("org.springframework.") || type.startsWith("org.springdoc.")) {
			return false;
		}
		return AnnotatedElementUtils.hasAnnotation(method.getBeanType(), ResponseBody.class)
				|| method.hasMethodAnnotation(ResponseBody.class);
	}

	/**
	 * The names an endpoint takes, sorted.
	 * @return empty if it takes any name
	 */
	private static Optional<Set<String>> accepted(HandlerMethod method) {
		Set<String> takes = new TreeSet<>();
		for (MethodParameter parameter : method.getMethodParameters()) {
			parameter.initParameterNameDiscovery(names);
			Class<?> type = parameter.getParameterType();
			RequestParam param = parameter.getParameterAnnotation(RequestParam.class);
			if (param != null) {
				String name = StringUtils.hasText(param.name()) ? param.name() : parameter.getParameterName();
				if (Map.class.isAssignableFrom(type) && !StringUtils.hasText(param.name())) {
					return Optional.empty();
				}
				takes.add(name);
			}
			else if (Pageable.class.isAssignableFrom(type)) {
				takes.addAll(List.of("page", "size", "sort"));
			}
			else if (parameter.hasParameterAnnotation(ModelAttribute.class)
					|| (parameter.getParameterAnnotations().length == 0 && type.isRecord())) {
				takes.addAll(properties(type));
			}
			else if (parameter.getParameterAnnotations().length == 0 && BeanUtils.isSimpleProperty(type)
					&& parameter.getParameterName() != null) {
				takes.add(parameter.getParameterName());
			}
		}
		for (AnnotatedElement element : new AnnotatedElement[] { method.getBeanType(), method.getMethod() }) {
			RequestMapping mapping = AnnotatedElementUtils.findMergedAnnotation(element, RequestMapping.class);
			if (mapping != null) {
				for (String expression : mapping.params()) {
					takes.add(expression.replaceFirst("^!", "").split("!?=", 2)[0].strip());
				}
			}
		}
		return Optional.of(takes);
	}

	private static List<String> properties(Class<?> type) {
		List<String> properties = new ArrayList<>();
		if (type.isRecord()) {
			for (RecordComponent component : type.getRecordComponents()) {
				properties.add(component.getName());
			}
			return properties;
		}
		for (PropertyDescriptor property : BeanUtils.getPropertyDescriptors(type)) {
			if (property.getWriteMethod() != null) {
				properties.add(property.getName());
			}
		}
		return properties;
	}

	/** The name of the property a nested name such as {@code contact.name} binds. */
	private static String base(String name) {
		int end = name.length();
		for (char separator : new char[] { '.', '[' }) {
			int at = name.indexOf(separator);
			if (at > 0 && at < end) {
				end = at;
			}
		}
		return name.substring(0, end);
	}

}
