package io.qless.docs;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * {@code docs/configuration.md} lists every qless property of the generated metadata, and
 * nothing else, each with the default the metadata gives; and every qless property named in
 * a {@code properties} block of the README or {@code docs/} exists.
 */
class ConfigurationDocsTests {

	private static final Pattern ROW = Pattern.compile("^\\|\\s*`([^`]+)`\\s*\\|([^|]*)\\|");

	private static final Pattern CODE = Pattern.compile("`([^`]*)`");

	private static QlessPropertyNames names;

	@BeforeAll
	static void loadMetadata() throws IOException {
		names = QlessPropertyNames.load();
		assertThat(names.properties()).as("qless properties in the metadata").containsKey("qless.timeout");
	}

	@Test
	void everyPropertyIsDocumentedAndNothingElse() throws IOException {
		Map<String, String> documented = rows();
		assertThat(documented.keySet()).containsExactlyInAnyOrderElementsOf(names.documentedNames());
	}

	@Test
	void defaultsAreTheMetadatas() throws IOException {
		Map<String, String> documented = rows();
		List<String> wrong = new ArrayList<>();
		for (QlessPropertyNames.Property property : names.properties().values()) {
			String cell = documented.get(property.name());
			if (cell == null) {
				continue;
			}
			Matcher code = CODE.matcher(cell);
			String shown = code.find() ? code.group(1) : null;
			if (property.defaultValue() != null && !property.defaultValue().equals(shown)) {
				wrong.add(property.name() + ": documented " + cell.trim() + ", metadata `" + property.defaultValue() + "`");
			}
			if (property.defaultValue() == null && shown != null) {
				wrong.add(property.name() + ": documented " + cell.trim() + ", the metadata has no default");
			}
		}
		assertThat(wrong).as("defaults in docs/configuration.md").isEmpty();
	}

	@Test
	void everyQlessPropertyInAPropertiesBlockExists() throws IOException {
		List<String> unknown = new ArrayList<>();
		for (Snippet snippet : Snippet.all("properties")) {
			for (String line : snippet.code().split("\n")) {
				String trimmed = line.trim();
				if (trimmed.isEmpty() || trimmed.startsWith("#")) {
					continue;
				}
				String name = trimmed.split("[=:]", 2)[0].trim();
				if (QlessPropertyNames.isQless(name) && !names.exists(name)) {
					unknown.add(snippet + ": " + name);
				}
			}
		}
		assertThat(unknown).as("qless properties that do not exist").isEmpty();
	}

	private static Map<String, String> rows() throws IOException {
		Path page = Snippet.ROOT.resolve("docs/configuration.md");
		Map<String, String> rows = new LinkedHashMap<>();
		for (String line : Files.readAllLines(page)) {
			Matcher row = ROW.matcher(line);
			if (row.find() && QlessPropertyNames.isQless(row.group(1))) {
				assertThat(rows.put(row.group(1), row.group(2))).as("%s listed once", row.group(1)).isNull();
			}
		}
		return rows;
	}

}
