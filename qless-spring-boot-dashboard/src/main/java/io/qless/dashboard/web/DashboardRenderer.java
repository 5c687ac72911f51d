package io.qless.dashboard.web;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.security.Principal;
import java.util.HashMap;
import java.util.Locale;
import java.util.Map;

import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import org.thymeleaf.TemplateEngine;
import org.thymeleaf.context.Context;
import org.thymeleaf.templatemode.TemplateMode;
import org.thymeleaf.templateresolver.ClassLoaderTemplateResolver;

import org.springframework.web.servlet.support.RequestContextUtils;

/**
 * Renders the dashboard's pages with a Thymeleaf engine of its own: templates under
 * {@code io/qless/dashboard/templates/} on the class path, not a bean, so that the
 * application's own Thymeleaf set-up (if any) never sees them. Every value is written with
 * {@code th:text} or an attribute processor, which escape it.
 */
public class DashboardRenderer {

	/** The request header the live refresh sends. */
	static final String LIVE_HEADER = "X-Qless-Live";

	private static final String CONTENT_SECURITY_POLICY = "default-src 'self'; script-src 'self'; "
			+ "style-src 'self'; img-src 'self' data:; connect-src 'self'; object-src 'none'; base-uri 'none'; "
			+ "form-action 'self'; frame-ancestors 'none'";

	private final TemplateEngine engine;

	private final DashboardSettings settings;

	private final DashboardCsrf csrf;

	/**
	 * Create a new instance.
	 * @param settings the settings
	 * @param csrf where form tokens come from
	 */
	public DashboardRenderer(DashboardSettings settings, DashboardCsrf csrf) {
		this.settings = settings;
		this.csrf = csrf;
		ClassLoaderTemplateResolver resolver = new ClassLoaderTemplateResolver(DashboardRenderer.class.getClassLoader());
		resolver.setPrefix("io/qless/dashboard/templates/");
		resolver.setSuffix(".html");
		resolver.setTemplateMode(TemplateMode.HTML);
		resolver.setCharacterEncoding(StandardCharsets.UTF_8.name());
		resolver.setCacheable(true);
		this.engine = new TemplateEngine();
		this.engine.setTemplateResolver(resolver);
	}

	/**
	 * Render a page.
	 * @param template the template name
	 * @param section the navigation section to highlight
	 * @param title the page title
	 * @param model the page's values
	 * @param request the request
	 * @param response the response
	 * @throws IOException if the response cannot be written
	 */
	public void render(String template, String section, String title, Map<String, Object> model,
			HttpServletRequest request, HttpServletResponse response) throws IOException {
		render(HttpServletResponse.SC_OK, template, section, title, model, request, response);
	}

	/**
	 * Render a page with a status.
	 * @param status the HTTP status
	 * @param template the template name
	 * @param section the navigation section to highlight
	 * @param title the page title
	 * @param model the page's values
	 * @param request the request
	 * @param response the response
	 * @throws IOException if the response cannot be written
	 */
	public void render(int status, String template, String section, String title, Map<String, Object> model,
			HttpServletRequest request, HttpServletResponse response) throws IOException {
		Map<String, Object> variables = new HashMap<>(model);
		variables.put("links", new Links(request, this.settings.path()));
		variables.putIfAbsent("sizes", io.qless.dashboard.data.Paging.SIZES);
		variables.put("section", section);
		variables.put("title", title);
		variables.put("readOnly", this.settings.readOnly());
		variables.put("showData", this.settings.showData());
		variables.put("refreshMillis", this.settings.refreshInterval().toMillis());
		DashboardCsrf.Token token = this.csrf.token(request);
		variables.put("csrf", (token != null) ? token : new DashboardCsrf.Token("", ""));
		variables.put("hasCsrf", token != null);
		Principal user = request.getUserPrincipal();
		variables.put("user", (user != null) ? user.getName() : "");
		Map<String, ?> flash = RequestContextUtils.getInputFlashMap(request);
		variables.put("message", (flash != null && flash.get("message") != null) ? flash.get("message") : "");
		variables.put("error", (flash != null && flash.get("error") != null) ? flash.get("error") : "");
		response.setStatus(status);
		response.setContentType("text/html;charset=UTF-8");
		response.setHeader("Cache-Control", "no-store");
		response.setHeader("Content-Security-Policy", CONTENT_SECURITY_POLICY);
		response.setHeader("X-Content-Type-Options", "nosniff");
		response.setHeader("X-Frame-Options", "DENY");
		response.setHeader("Referrer-Policy", "same-origin");
		this.engine.process(template, new Context(Locale.ROOT, variables), response.getWriter());
	}

}
