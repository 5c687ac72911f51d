package io.qless.dashboard.web;

import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ThreadLocalRandom;
import java.util.function.Supplier;

import io.qless.core.QlessException;
import io.qless.dashboard.data.DashboardCommands;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import org.jspecify.annotations.Nullable;

import org.springframework.stereotype.Controller;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.servlet.FlashMap;
import org.springframework.web.servlet.support.RequestContextUtils;

/**
 * The dashboard's actions (POST only): each checks read-only mode and the CSRF token, asks
 * for a confirmation step if it destroys something and the form did not confirm, runs the
 * command and redirects back with what happened (post/redirect/get).
 */
@Controller
public class DashboardActionsController {

	/** The query parameter that ties a redirect to the message of its action. */
	static final String DONE_PARAMETER = "done";

	private final DashboardCommands commands;

	private final DashboardRenderer renderer;

	private final DashboardSettings settings;

	private final DashboardCsrf csrf;

	/**
	 * Create a new instance.
	 * @param commands the actions
	 * @param renderer the renderer
	 * @param settings the settings
	 * @param csrf the CSRF check
	 */
	public DashboardActionsController(DashboardCommands commands, DashboardRenderer renderer,
			DashboardSettings settings, DashboardCsrf csrf) {
		this.commands = commands;
		this.renderer = renderer;
		this.settings = settings;
		this.csrf = csrf;
	}

	@PostMapping("/actions/job/retry")
	void retry(@RequestParam String jid, HttpServletRequest request, HttpServletResponse response) throws IOException {
		new Request(request, response).run(links(request).job(jid), null, () -> this.commands.requeue(jid, null));
	}

	@PostMapping("/actions/job/move")
	void move(@RequestParam String jid, @RequestParam String queue,
			HttpServletRequest request, HttpServletResponse response) throws IOException {
		new Request(request, response).run(links(request).job(jid), null, () -> this.commands.requeue(jid, queue));
	}

	@PostMapping("/actions/job/cancel")
	void cancel(@RequestParam String jid, @RequestParam(defaultValue = "") String queue,
			HttpServletRequest request, HttpServletResponse response)
			throws IOException {
		String back = queue.isEmpty() ? links(request).home() : links(request).queue(queue);
		new Request(request, response).run(back,
				"Cancel job " + jid + "? Its data and history are deleted.", () -> this.commands.cancel(jid));
	}

	@PostMapping("/actions/job/priority")
	void priority(@RequestParam String jid, @RequestParam int priority,
			HttpServletRequest request, HttpServletResponse response) throws IOException {
		new Request(request, response).run(links(request).job(jid), null, () -> this.commands.priority(jid, priority));
	}

	@PostMapping("/actions/job/tag")
	void tag(@RequestParam String jid, @RequestParam String tag,
			HttpServletRequest request, HttpServletResponse response) throws IOException {
		new Request(request, response).run(links(request).job(jid), null, () -> this.commands.tag(jid, tag));
	}

	@PostMapping("/actions/job/untag")
	void untag(@RequestParam String jid, @RequestParam String tag,
			HttpServletRequest request, HttpServletResponse response) throws IOException {
		new Request(request, response).run(links(request).job(jid), null, () -> this.commands.untag(jid, tag));
	}

	@PostMapping("/actions/job/track")
	void track(@RequestParam String jid, HttpServletRequest request, HttpServletResponse response) throws IOException {
		new Request(request, response).run(links(request).job(jid), null, () -> this.commands.track(jid, true));
	}

	@PostMapping("/actions/job/untrack")
	void untrack(@RequestParam String jid,
			HttpServletRequest request, HttpServletResponse response) throws IOException {
		new Request(request, response).run(links(request).job(jid), null, () -> this.commands.track(jid, false));
	}

	@PostMapping("/actions/queue/pause")
	void pause(@RequestParam String name, HttpServletRequest request, HttpServletResponse response) throws IOException {
		new Request(request, response).run(links(request).queue(name), null, () -> this.commands.pause(name, true));
	}

	@PostMapping("/actions/queue/unpause")
	void unpause(@RequestParam String name,
			HttpServletRequest request, HttpServletResponse response) throws IOException {
		new Request(request, response).run(links(request).queue(name), null, () -> this.commands.pause(name, false));
	}

	@PostMapping("/actions/queue/throttle")
	void queueThrottle(@RequestParam String name, @RequestParam long maximum,
			HttpServletRequest request, HttpServletResponse response) throws IOException {
		new Request(request, response).run(links(request).queue(name),
				null, () -> this.commands.queueThrottle(name, maximum));
	}

	@PostMapping("/actions/throttle")
	void throttle(@RequestParam String id, @RequestParam long maximum,
			HttpServletRequest request, HttpServletResponse response) throws IOException {
		new Request(request, response).run(links(request).throttle(id), null,
				() -> this.commands.throttle(id, maximum));
	}

	@PostMapping("/actions/failures/retry")
	void retryGroup(@RequestParam String group, @RequestParam String queue,
			HttpServletRequest request, HttpServletResponse response) throws IOException {
		new Request(request, response).run(links(request).page("failures"),
				"Put every job of failure group " + group + " into queue " + queue + "?",
				() -> this.commands.retryGroup(group, queue));
	}

	@PostMapping("/actions/failures/cancel")
	void cancelGroup(@RequestParam String group,
			HttpServletRequest request, HttpServletResponse response) throws IOException {
		new Request(request, response).run(links(request).page("failures"),
				"Cancel every job of failure group " + group + "? They are deleted.",
				() -> this.commands.cancelGroup(group));
	}

	@PostMapping("/actions/recurring/update")
	void updateTemplate(@RequestParam String jid, @RequestParam long interval, @RequestParam int priority,
			@RequestParam int retries, @RequestParam(defaultValue = "0") int backlog, @RequestParam String queue,
			HttpServletRequest request, HttpServletResponse response) throws IOException {
		new Request(request, response).run(links(request).template(jid), null,
				() -> this.commands.updateTemplate(jid, interval, priority, retries, backlog, queue));
	}

	@PostMapping("/actions/recurring/pause")
	void pauseTemplate(@RequestParam String jid,
			HttpServletRequest request, HttpServletResponse response) throws IOException {
		new Request(request, response).run(links(request).template(jid),
				null, () -> this.commands.pauseTemplate(jid, true));
	}

	@PostMapping("/actions/recurring/resume")
	void resumeTemplate(@RequestParam String jid,
			HttpServletRequest request, HttpServletResponse response) throws IOException {
		new Request(request, response).run(links(request).template(jid),
				null, () -> this.commands.pauseTemplate(jid, false));
	}

	@PostMapping("/actions/recurring/delete")
	void deleteTemplate(@RequestParam String jid,
			HttpServletRequest request, HttpServletResponse response) throws IOException {
		new Request(request, response).run(links(request).page("recurring"),
				"Delete recurring job " + jid + "? Jobs it spawned stay.",
				() -> this.commands.deleteTemplate(jid));
	}

	@PostMapping("/actions/schedule/pause")
	void pauseSchedule(@RequestParam String name,
			HttpServletRequest request, HttpServletResponse response) throws IOException {
		new Request(request, response).run(links(request).page("schedules"), null,
				() -> this.commands.pauseSchedule(name, true));
	}

	@PostMapping("/actions/schedule/resume")
	void resumeSchedule(@RequestParam String name,
			HttpServletRequest request, HttpServletResponse response) throws IOException {
		new Request(request, response).run(links(request).page("schedules"), null,
				() -> this.commands.pauseSchedule(name, false));
	}

	@PostMapping("/actions/schedule/trigger")
	void triggerSchedule(@RequestParam String name,
			HttpServletRequest request, HttpServletResponse response) throws IOException {
		new Request(request, response).run(links(request).page("schedules"), null,
				() -> this.commands.triggerSchedule(name));
	}

	private Links links(HttpServletRequest request) {
		return new Links(request, this.settings.path());
	}

	/**
	 * One action request: the checks every action makes, then the command.
	 */
	final class Request {

		private final HttpServletRequest request;

		private final HttpServletResponse response;

		Request(HttpServletRequest request, HttpServletResponse response) {
			this.request = request;
			this.response = response;
		}

		Links links() {
			return new Links(this.request, DashboardActionsController.this.settings.path());
		}

		void run(String back, @Nullable String confirmation, Supplier<String> command) throws IOException {
			if (DashboardActionsController.this.settings.readOnly()) {
				refuse("The dashboard is read-only (qless.dashboard.read-only=true).");
				return;
			}
			if (!DashboardActionsController.this.csrf.isValid(this.request)) {
				refuse("The form is out of date or came from another site (missing or wrong CSRF token). "
						+ "Reload the page and try again.");
				return;
			}
			if (confirmation != null && !"yes".equals(this.request.getParameter("confirm"))) {
				confirm(confirmation);
				return;
			}
			FlashMap flash = RequestContextUtils.getOutputFlashMap(this.request);
			try {
				flash.put("message", command.get());
			}
			catch (QlessException ex) {
				flash.put("error", "qless refused: " + ex.getScriptMessage());
			}
			catch (IllegalArgumentException | IllegalStateException ex) {
				flash.put("error", String.valueOf(ex.getMessage()));
			}
			// the message goes to this redirect only: a refresh the page sent just before the form
			// (same URL, no 'done') must not take it
			String target = back + (back.contains("?") ? "&" : "?") + DONE_PARAMETER + "="
					+ Long.toString(ThreadLocalRandom.current().nextLong() & Long.MAX_VALUE, 36);
			RequestContextUtils.saveOutputFlashMap(target, this.request, this.response);
			this.response.sendRedirect(target);
		}

		private void refuse(String reason) throws IOException {
			DashboardActionsController.this.renderer.render(HttpServletResponse.SC_FORBIDDEN, "refused", "",
					"Refused", Map.of("reason", reason), this.request, this.response);
		}

		private void confirm(String question) throws IOException {
			List<FormField> fields = new ArrayList<>();
			for (Map.Entry<String, String[]> parameter : this.request.getParameterMap().entrySet()) {
				String name = parameter.getKey();
				if (!"confirm".equals(name) && !SessionCsrf.PARAMETER.equals(name)
						&& !name.equals(csrfParameter())) {
					for (String value : parameter.getValue()) {
						fields.add(new FormField(name, value));
					}
				}
			}
			DashboardActionsController.this.renderer.render("confirm", "", "Confirm",
					Map.of("question", question, "action", this.request.getRequestURI(), "fields", fields), this.request,
					this.response);
		}

		private String csrfParameter() {
			DashboardCsrf.Token token = DashboardActionsController.this.csrf.token(this.request);
			return (token != null) ? token.parameterName() : "";
		}

	}

}
