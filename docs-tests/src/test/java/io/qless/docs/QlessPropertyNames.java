package io.qless.docs;

import java.beans.PropertyDescriptor;
import java.io.IOException;
import java.io.InputStream;
import java.net.URL;
import java.util.ArrayList;
import java.util.Collections;
import java.util.Enumeration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import org.jspecify.annotations.Nullable;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

import org.springframework.beans.BeanUtils;
import org.springframework.util.ClassUtils;

/**
 * The qless properties as Spring Boot's configuration processor generated their metadata
 * ({@code META-INF/spring-configuration-metadata.json} of every module on the class path),
 * and the names a reader may write for them: map properties take a key, and a map of
 * objects then takes one of the object's properties.
 */
final class QlessPropertyNames {

	private static final Pattern MAP_OF = Pattern.compile("java\\.util\\.Map<java\\.lang\\.String,\\s*(.+)>");

	/**
	 * Groups of properties the application binds by hand, one per name under a prefix that
	 * also holds ordinary properties, so the metadata cannot describe them: the prefix and
	 * the class each group binds to.
	 */
	private static final Map<String, String> BOUND_BY_NAME = Map.of("qless.schedules",
			"io.qless.autoconfigure.QlessScheduleProperties");

	private final Map<String, Property> properties;

	private QlessPropertyNames(Map<String, Property> properties) {
		this.properties = properties;
	}

	static QlessPropertyNames load() throws IOException {
		Map<String, Property> properties = new LinkedHashMap<>();
		JsonMapper mapper = JsonMapper.builder().build();
		Enumeration<URL> files = QlessPropertyNames.class.getClassLoader()
			.getResources("META-INF/spring-configuration-metadata.json");
		for (URL file : Collections.list(files)) {
			try (InputStream in = file.openStream()) {
				for (JsonNode node : mapper.readTree(in).path("properties")) {
					String name = node.path("name").asString();
					if (isQless(name)) {
						JsonNode value = node.get("defaultValue");
						properties.put(name, new Property(name, node.path("type").asString(),
								(value != null && !value.isNull()) ? render(value) : null));
					}
				}
			}
		}
		return new QlessPropertyNames(properties);
	}

	static boolean isQless(String name) {
		return name.startsWith("qless.") || name.startsWith("management.endpoint.qless.")
				|| name.startsWith("management.health.qless.");
	}

	private static String render(JsonNode value) {
		if (value.isArray()) {
			List<String> items = new ArrayList<>();
			value.forEach((item) -> items.add(item.asString()));
			return String.join(",", items);
		}
		return value.asString();
	}

	Map<String, Property> properties() {
		return this.properties;
	}

	/**
	 * The names a reader writes for every property: the name itself, or for a map
	 * {@code name.<key>}, or for a map of objects {@code name.<key>.field} for each of the
	 * object's fields.
	 */
	List<String> documentedNames() {
		List<String> names = new ArrayList<>();
		BOUND_BY_NAME.forEach((prefix, type) -> fields(resolve(type)).forEach((field) -> names.add(prefix + ".<key>." + field)));
		for (Property property : this.properties.values()) {
			Class<?> objects = mapOfObjects(property);
			if (objects != null) {
				for (String field : fields(objects)) {
					names.add(property.name() + ".<" + "key>." + field);
				}
			}
			else if (MAP_OF.matcher(property.type()).matches()) {
				names.add(property.name() + ".<key>");
			}
			else {
				names.add(property.name());
			}
		}
		return names;
	}

	/**
	 * Return whether a name a reader may write exists: {@code qless.timeout},
	 * {@code qless.throttles.emails.maximum}, {@code qless.listener.non-retryable[0]}.
	 */
	boolean exists(String written) {
		String name = written.replaceAll("\\[\\d+]$", "");
		if (this.properties.containsKey(name)) {
			return true;
		}
		for (Map.Entry<String, String> group : BOUND_BY_NAME.entrySet()) {
			if (name.startsWith(group.getKey() + ".") || name.startsWith(group.getKey() + "[")) {
				String field = name.substring(name.lastIndexOf('.') + 1);
				if (fields(resolve(group.getValue())).contains(field)) {
					return true;
				}
			}
		}
		for (Property property : this.properties.values()) {
			if (!name.startsWith(property.name() + ".")) {
				continue;
			}
			String rest = name.substring(property.name().length() + 1);
			Class<?> objects = mapOfObjects(property);
			if (objects != null) {
				int dot = rest.lastIndexOf('.');
				return dot > 0 && fields(objects).contains(rest.substring(dot + 1));
			}
			if (MAP_OF.matcher(property.type()).matches()) {
				return !rest.isEmpty();
			}
		}
		return false;
	}

	private static @Nullable Class<?> mapOfObjects(Property property) {
		Matcher map = MAP_OF.matcher(property.type());
		if (!map.matches() || map.group(1).startsWith("java.")) {
			return null;
		}
		return resolve(map.group(1));
	}

	private static Class<?> resolve(String type) {
		return ClassUtils.resolveClassName(type, QlessPropertyNames.class.getClassLoader());
	}

	private static List<String> fields(Class<?> type) {
		List<String> fields = new ArrayList<>();
		for (PropertyDescriptor descriptor : BeanUtils.getPropertyDescriptors(type)) {
			if (descriptor.getWriteMethod() != null) {
				fields.add(descriptor.getName().replaceAll("([A-Z])", "-$1").toLowerCase());
			}
		}
		return fields;
	}

	/**
	 * One property of the metadata.
	 *
	 * @param name its name
	 * @param type its Java type
	 * @param defaultValue its default as the metadata renders it, if it has one
	 */
	record Property(String name, String type, @Nullable String defaultValue) {
	}

}
