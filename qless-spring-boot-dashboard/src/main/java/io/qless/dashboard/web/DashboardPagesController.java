package io.qless.dashboard.web;

import java.io.IOException;
import java.util.List;
import java.util.Map;

import io.qless.dashboard.data.DashboardQueries;
import io.qless.dashboard.data.JobDetail;
import io.qless.dashboard.data.Pages;
import io.qless.dashboard.data.Paging;
import io.qless.dashboard.data.TemplateSummary;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import org.jspecify.annotations.Nullable;

import org.springframework.stereotype.Controller;
import org.springframework.util.StringUtils;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RequestParam;

/**
 * The dashboard's pages (GET only). Mapped below the dashboard path by the path prefix the
 * auto-configuration registers.
 */
@Controller
public class DashboardPagesController {

	private final DashboardQueries queries;

	private final DashboardRenderer renderer;

	private final DashboardSettings settings;

	private final ThrottleNames throttleNames;

	/**
	 * Create a new instance.
	 * @param queries the reads
	 * @param renderer the renderer
	 * @param settings the settings
	 * @param throttleNames the named throttles to list
	 */
	public DashboardPagesController(DashboardQueries queries, DashboardRenderer renderer, DashboardSettings settings,
			ThrottleNames throttleNames) {
		this.queries = queries;
		this.renderer = renderer;
		this.settings = settings;
		this.throttleNames = throttleNames;
	}

	@GetMapping({ "", "/" })
	void overview(@RequestParam(required = false) @Nullable Integer offset,
			@RequestParam(required = false) @Nullable Integer size, HttpServletRequest request,
			HttpServletResponse response) throws IOException {
		Pages.Overview overview = this.queries.overview(Paging.offset(offset), Paging.size(size));
		this.renderer.render("overview", "overview", "Overview", Map.of("page", overview, "sizes", Paging.SIZES), request,
				response);
	}

	@GetMapping("/queue")
	void queue(@RequestParam String name, @RequestParam(defaultValue = "waiting") String state,
			@RequestParam(defaultValue = "natural") String order, @RequestParam(required = false) @Nullable Integer offset,
			@RequestParam(required = false) @Nullable Integer size, HttpServletRequest request,
			HttpServletResponse response) throws IOException {
		String listed = DashboardQueries.STATES.contains(state) ? state : "waiting";
		Pages.Queue queue = this.queries.queue(name, listed, "newest".equals(order), Paging.offset(offset),
				Paging.size(size));
		this.renderer.render("queue", "overview", "Queue " + name,
				Map.of("page", queue, "states", DashboardQueries.STATES, "sizes", Paging.SIZES), request, response);
	}

	@GetMapping("/job")
	void job(@RequestParam String jid, HttpServletRequest request, HttpServletResponse response) throws IOException {
		JobDetail job = this.queries.job(jid.trim());
		if (job == null) {
			if (this.queries.isTemplate(jid.trim())) {
				response.sendRedirect(new Links(request, this.settings.path()).template(jid.trim()));
				return;
			}
			notFound("No job " + jid + ". It may have completed and expired, or been canceled.", request, response);
			return;
		}
		this.renderer.render("job", "overview", "Job " + jid, Map.of("job", job), request, response);
	}

	@GetMapping("/failures")
	void failures(@RequestParam(required = false) @Nullable Integer offset,
			@RequestParam(required = false) @Nullable Integer size, HttpServletRequest request,
			HttpServletResponse response) throws IOException {
		Pages.Failures failures = this.queries.failures(Paging.offset(offset), Paging.size(size));
		this.renderer.render("failures", "failures", "Failures", Map.of("page", failures, "sizes", Paging.SIZES),
				request, response);
	}

	@GetMapping("/failures/group")
	void failureGroup(@RequestParam String group, @RequestParam(required = false) @Nullable Integer offset,
			@RequestParam(required = false) @Nullable Integer size, HttpServletRequest request,
			HttpServletResponse response) throws IOException {
		Pages.FailureGroupJobs jobs = this.queries.failureGroup(group, Paging.offset(offset), Paging.size(size));
		this.renderer.render("failure-group", "failures", "Failures: " + group,
				Map.of("page", jobs, "sizes", Paging.SIZES), request, response);
	}

	@GetMapping("/workers")
	void workers(@RequestParam(required = false) @Nullable Integer offset,
			@RequestParam(required = false) @Nullable Integer size, HttpServletRequest request,
			HttpServletResponse response) throws IOException {
		Pages.Workers workers = this.queries.workers(Paging.offset(offset), Paging.size(size));
		this.renderer.render("workers", "workers", "Workers", Map.of("page", workers, "sizes", Paging.SIZES), request,
				response);
	}

	@GetMapping("/worker")
	void worker(@RequestParam String name, HttpServletRequest request, HttpServletResponse response)
			throws IOException {
		this.renderer.render("worker", "workers", "Worker " + name, Map.of("page", this.queries.worker(name)), request,
				response);
	}

	@GetMapping("/throttles")
	void throttles(@RequestParam(required = false) @Nullable String id,
			@RequestParam(required = false) @Nullable Integer offset,
			@RequestParam(required = false) @Nullable Integer size, HttpServletRequest request,
			HttpServletResponse response) throws IOException {
		List<String> named = this.throttleNames.with(StringUtils.hasText(id) ? id.trim() : null);
		Pages.Throttles throttles = this.queries.throttles(named, Paging.offset(offset), Paging.size(size));
		this.renderer.render("throttles", "throttles", "Throttles",
				Map.of("page", throttles, "sizes", Paging.SIZES, "asked", (id != null) ? id : ""), request, response);
	}

	@GetMapping("/recurring")
	void recurring(@RequestParam(required = false) @Nullable Integer offset,
			@RequestParam(required = false) @Nullable Integer size, HttpServletRequest request,
			HttpServletResponse response) throws IOException {
		Pages.Recurring recurring = this.queries.recurring(Paging.offset(offset), Paging.size(size));
		this.renderer.render("recurring", "recurring", "Recurring jobs", Map.of("page", recurring, "sizes", Paging.SIZES),
				request, response);
	}

	@GetMapping("/schedules")
	void schedules(@RequestParam(required = false) @Nullable Integer offset,
			@RequestParam(required = false) @Nullable Integer size, HttpServletRequest request,
			HttpServletResponse response) throws IOException {
		Pages.Schedules schedules = this.queries.schedules(Paging.offset(offset), Paging.size(size));
		this.renderer.render("schedules", "schedules", "Schedules", Map.of("page", schedules, "sizes", Paging.SIZES),
				request, response);
	}

	@GetMapping("/recurring/job")
	void template(@RequestParam String jid, HttpServletRequest request, HttpServletResponse response)
			throws IOException {
		TemplateSummary template = this.queries.template(jid.trim());
		if (template == null) {
			notFound("No recurring job " + jid + ".", request, response);
			return;
		}
		this.renderer.render("template", "recurring", "Recurring job " + jid, Map.of("template", template), request,
				response);
	}

	@GetMapping("/tag")
	void tag(@RequestParam String tag, @RequestParam(required = false) @Nullable Integer offset,
			@RequestParam(required = false) @Nullable Integer size, HttpServletRequest request,
			HttpServletResponse response) throws IOException {
		Pages.Tagged tagged = this.queries.tagged(tag, Paging.offset(offset), Paging.size(size));
		this.renderer.render("tag", "search", "Tag " + tag, Map.of("page", tagged, "sizes", Paging.SIZES), request,
				response);
	}

	@GetMapping("/search")
	void search(@RequestParam(defaultValue = "") String q, @RequestParam(defaultValue = "any") String by,
			HttpServletRequest request, HttpServletResponse response) throws IOException {
		String wanted = q.trim();
		Links links = new Links(request, this.settings.path());
		if (wanted.isEmpty()) {
			this.renderer.render("search", "search", "Search", Map.of("q", ""), request, response);
			return;
		}
		if (!"tag".equals(by) && this.queries.job(wanted) != null) {
			response.sendRedirect(links.job(wanted));
			return;
		}
		if (!"tag".equals(by) && this.queries.isTemplate(wanted)) {
			response.sendRedirect(links.template(wanted));
			return;
		}
		if ("jid".equals(by)) {
			notFound("No job " + wanted + ".", request, response);
			return;
		}
		response.sendRedirect(links.tag(wanted));
	}

	@GetMapping("/login")
	void login(HttpServletRequest request, HttpServletResponse response) throws IOException {
		this.renderer.render("login", "login", "Sign in",
				Map.of("failed", request.getParameter("error") != null, "loggedOut", request.getParameter("logout") != null),
				request, response);
	}

	private void notFound(String message, HttpServletRequest request, HttpServletResponse response) throws IOException {
		this.renderer.render(HttpServletResponse.SC_NOT_FOUND, "not-found", "", "Not found",
				Map.of("reason", message), request, response);
	}

}
