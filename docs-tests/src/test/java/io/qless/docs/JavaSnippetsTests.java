package io.qless.docs;

import java.io.IOException;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Locale;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import java.util.stream.Stream;

import javax.tools.Diagnostic;
import javax.tools.DiagnosticCollector;
import javax.tools.JavaCompiler;
import javax.tools.JavaFileObject;
import javax.tools.StandardJavaFileManager;
import javax.tools.ToolProvider;

import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.TestFactory;
import org.junit.jupiter.api.io.TempDir;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Every Java block of {@code docs/} is a whole source file (imports included) that
 * compiles against the starter and the dashboard, with the other blocks of its page, so
 * that a reader can paste it as it is.
 */
class JavaSnippetsTests {

	private static final Pattern PUBLIC_TYPE = Pattern
		.compile("(?m)^public\\s+(?:(?:final|abstract|sealed|non-sealed)\\s+)*(?:class|interface|record|enum|@interface)\\s+(\\w+)");

	private static final Pattern ANY_TYPE = Pattern
		.compile("(?m)^(?:(?:final|abstract)\\s+)*(?:class|interface|record|enum|@interface)\\s+(\\w+)");

	@TempDir
	Path out;

	@TestFactory
	Stream<DynamicTest> theJavaBlocksOfEveryPageCompile() throws IOException {
		Map<Path, List<Snippet>> pages = Snippet.all("java")
			.stream()
			.collect(Collectors.groupingBy(Snippet::page, LinkedHashMap::new, Collectors.toList()));
		return pages.entrySet()
			.stream()
			.map((page) -> DynamicTest.dynamicTest(page.getKey().toString(), () -> compile(page.getValue())));
	}

	/**
	 * Compile the blocks of one page together (one file each), so that a block may use
	 * the types an earlier block of the page declared.
	 */
	private void compile(List<Snippet> snippets) throws IOException {
		Path dir = Files.createTempDirectory(this.out, "page");
		Map<String, Snippet> sources = new LinkedHashMap<>();
		for (Snippet snippet : snippets) {
			Path source = Files.createDirectories(dir.resolve("block-" + snippet.line())).resolve(fileName(snippet));
			Files.writeString(source, snippet.code());
			sources.put(source.toString(), snippet);
		}
		JavaCompiler compiler = ToolProvider.getSystemJavaCompiler();
		DiagnosticCollector<JavaFileObject> diagnostics = new DiagnosticCollector<>();
		try (StandardJavaFileManager files = compiler.getStandardFileManager(diagnostics, Locale.ROOT, null)) {
			List<String> options = List.of("--release", "17", "-proc:none", "-parameters", "-Xlint:none", "-classpath",
					System.getProperty("java.class.path"), "-d", dir.resolve("classes").toString());
			StringWriter output = new StringWriter();
			boolean compiled = compiler
				.getTask(output, files, diagnostics, options, null,
						files.getJavaFileObjectsFromStrings(sources.keySet()))
				.call();
			StringBuilder report = new StringBuilder();
			for (Diagnostic<? extends JavaFileObject> diagnostic : diagnostics.getDiagnostics()) {
				if (diagnostic.getKind() == Diagnostic.Kind.ERROR) {
					Snippet snippet = (diagnostic.getSource() != null)
							? sources.get(Path.of(diagnostic.getSource().toUri()).toString()) : null;
					report.append((snippet != null) ? snippet.page() + ":" + (snippet.line() + diagnostic.getLineNumber())
							: String.valueOf(diagnostic.getSource()))
						.append(": ")
						.append(diagnostic.getMessage(Locale.ROOT))
						.append('\n');
				}
			}
			assertThat(compiled).as("the Java blocks of %s compile:%n%s%s", snippets.get(0).page(), report, output)
				.isTrue();
		}
	}

	private static String fileName(Snippet snippet) {
		Matcher type = PUBLIC_TYPE.matcher(snippet.code());
		if (!type.find()) {
			type = ANY_TYPE.matcher(snippet.code());
			assertThat(type.find()).as("the Java block at %s declares a type", snippet).isTrue();
		}
		// javac wants a public type in a file of its name, whatever the package
		return type.group(1) + ".java";
	}

}
