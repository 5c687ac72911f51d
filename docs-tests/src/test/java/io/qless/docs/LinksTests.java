package io.qless.docs;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Every relative link of the README and of {@code docs/} leads to a file of the
 * repository, and to a heading of it when the link names one.
 */
class LinksTests {

	private static final Pattern LINK = Pattern.compile("\\]\\(([^)\\s]+)\\)");

	private static final Pattern HEADING = Pattern.compile("^#{1,6}\\s+(.+?)\\s*$");

	@Test
	void relativeLinksLeadToFilesAndHeadings() throws IOException {
		List<String> broken = new ArrayList<>();
		for (Path page : pages()) {
			List<String> lines = Files.readAllLines(page);
			boolean fenced = false;
			for (int i = 0; i < lines.size(); i++) {
				String line = lines.get(i);
				if (line.trim().startsWith("```")) {
					fenced = !fenced;
				}
				if (fenced) {
					continue;
				}
				Matcher link = LINK.matcher(line);
				while (link.find()) {
					String problem = check(page, link.group(1));
					if (problem != null) {
						broken.add(Snippet.ROOT.relativize(page) + ":" + (i + 1) + ": " + link.group(1) + " " + problem);
					}
				}
			}
		}
		assertThat(broken).as("broken links").isEmpty();
	}

	private static String check(Path page, String target) throws IOException {
		if (target.matches("^[a-z]+:.*")) {
			return null; // http:, https:, mailto:
		}
		int hash = target.indexOf('#');
		String file = (hash >= 0) ? target.substring(0, hash) : target;
		Path linked = file.isEmpty() ? page : page.getParent().resolve(file).normalize();
		if (!Files.exists(linked)) {
			return "(no such file)";
		}
		if (hash >= 0 && linked.toString().endsWith(".md")
				&& !anchors(linked).contains(target.substring(hash + 1))) {
			return "(no such heading)";
		}
		return null;
	}

	/**
	 * The anchors GitHub gives the headings of a page: lower case, punctuation dropped,
	 * spaces as hyphens.
	 */
	private static Set<String> anchors(Path page) throws IOException {
		Set<String> anchors = new HashSet<>();
		boolean fenced = false;
		for (String line : Files.readAllLines(page)) {
			if (line.trim().startsWith("```")) {
				fenced = !fenced;
			}
			Matcher heading = HEADING.matcher(line);
			if (!fenced && heading.matches()) {
				anchors.add(heading.group(1)
					.toLowerCase(Locale.ROOT)
					.replaceAll("[^\\p{L}\\p{N} _-]", "")
					.replace(' ', '-'));
			}
		}
		return anchors;
	}

	private static List<Path> pages() throws IOException {
		List<Path> pages = new ArrayList<>();
		pages.add(Snippet.ROOT.resolve("README.md"));
		pages.add(Snippet.ROOT.resolve("sample-app/README.md"));
		try (Stream<Path> docs = Files.walk(Snippet.ROOT.resolve("docs"))) {
			docs.filter((path) -> path.toString().endsWith(".md")).sorted().forEach(pages::add);
		}
		return pages;
	}

}
