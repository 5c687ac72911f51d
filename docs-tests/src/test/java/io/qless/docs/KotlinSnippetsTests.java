package io.qless.docs;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Every Kotlin block of {@code docs/} is a file of {@code src/test/kotlin}, which the build
 * compiles with the Kotlin compiler: the block must be that file as it is.
 */
class KotlinSnippetsTests {

	private static final Pattern PACKAGE = Pattern.compile("(?m)^package\\s+([\\w.]+)");

	private static final Pattern CLASS = Pattern.compile("(?m)^class\\s+(\\w+)");

	@Test
	void everyKotlinBlockIsACompiledSourceFile() throws IOException {
		List<Snippet> snippets = Snippet.all("kotlin");
		assertThat(snippets).as("Kotlin blocks in docs/").isNotEmpty();
		for (Snippet snippet : snippets) {
			Matcher pkg = PACKAGE.matcher(snippet.code());
			Matcher type = CLASS.matcher(snippet.code());
			assertThat(pkg.find() && type.find()).as("%s has a package and a class", snippet).isTrue();
			Path source = Path.of("src/test/kotlin", pkg.group(1).replace('.', '/'), type.group(1) + ".kt");
			assertThat(source).as("the source file of the Kotlin block at %s", snippet).exists();
			assertThat(Files.readString(source)).as("%s as shown at %s", source, snippet).isEqualTo(snippet.code());
			assertThat(Path.of("target/test-classes", pkg.group(1).replace('.', '/'), type.group(1) + ".class"))
				.as("compiled %s", source)
				.exists();
		}
	}

}
