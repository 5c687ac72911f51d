package io.qless.dashboard.web;

import org.springframework.stereotype.Controller;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.servlet.mvc.method.annotation.SseEmitter;

/**
 * The dashboard's live event stream (Server-Sent Events).
 */
@Controller
public class DashboardEventsController {

	private final DashboardEventStream stream;

	/**
	 * Create a new instance.
	 * @param stream the event stream
	 */
	public DashboardEventsController(DashboardEventStream stream) {
		this.stream = stream;
	}

	@GetMapping(path = "/events", produces = "text/event-stream")
	SseEmitter events() {
		return this.stream.open();
	}

}
