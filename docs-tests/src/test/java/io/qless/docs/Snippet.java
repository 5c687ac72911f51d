package io.qless.docs;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;

/**
 * A fenced code block of the README or a page of {@code docs/}.
 *
 * @param page the page, relative to the repository
 * @param line the line of the opening fence
 * @param language the fence's language ({@code java}, {@code properties}...), or empty
 * @param code the block's text
 */
record Snippet(Path page, int line, String language, String code) {

	static final Path ROOT = Path.of("..").toAbsolutePath().normalize();

	private static final Pattern FENCE = Pattern.compile("^(\\s*)```+\\s*([\\w-]*).*$");

	/**
	 * The blocks of the README and of every page under {@code docs/}.
	 */
	static List<Snippet> all() throws IOException {
		List<Path> pages = new ArrayList<>();
		pages.add(ROOT.resolve("README.md"));
		try (Stream<Path> docs = Files.walk(ROOT.resolve("docs"))) {
			docs.filter((path) -> path.toString().endsWith(".md")).sorted().forEach(pages::add);
		}
		List<Snippet> snippets = new ArrayList<>();
		for (Path page : pages) {
			snippets.addAll(read(page));
		}
		return snippets;
	}

	static List<Snippet> all(String language) throws IOException {
		return all().stream().filter((snippet) -> snippet.language().equals(language)).toList();
	}

	static List<Snippet> read(Path page) throws IOException {
		List<String> lines = Files.readAllLines(page);
		List<Snippet> snippets = new ArrayList<>();
		for (int i = 0; i < lines.size(); i++) {
			Matcher open = FENCE.matcher(lines.get(i));
			if (!open.matches()) {
				continue;
			}
			int start = i;
			StringBuilder code = new StringBuilder();
			for (i++; i < lines.size() && !lines.get(i).trim().startsWith("```"); i++) {
				code.append(lines.get(i)).append('\n');
			}
			snippets.add(new Snippet(ROOT.relativize(page), start + 1, open.group(2), code.toString()));
		}
		return snippets;
	}

	@Override
	public String toString() {
		return this.page + ":" + this.line;
	}

}
