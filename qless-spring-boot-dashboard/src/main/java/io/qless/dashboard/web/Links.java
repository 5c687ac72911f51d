package io.qless.dashboard.web;

import java.util.Map;

import jakarta.servlet.http.HttpServletRequest;

import org.springframework.web.util.UriComponentsBuilder;
import org.springframework.web.util.UriUtils;

/**
 * The dashboard's URLs for one request, for the templates: every value goes into a query
 * parameter, encoded, so names with any character (a {@code /}, a {@code <}) make valid
 * links.
 */
public final class Links {

	private final String base;

	private final HttpServletRequest request;

	Links(HttpServletRequest request, String path) {
		this.request = request;
		this.base = request.getContextPath() + path;
	}

	/**
	 * Return the dashboard's base URL.
	 * @return the URL of the overview
	 */
	public String home() {
		return this.base + "/";
	}

	/**
	 * Return a page URL without parameters.
	 * @param page the page, e.g. {@code failures}
	 * @return the URL
	 */
	public String page(String page) {
		return this.base + "/" + page;
	}

	/**
	 * Return the URL of an asset.
	 * @param name the file name
	 * @return the URL
	 */
	public String asset(String name) {
		return this.base + "/assets/" + name;
	}

	/**
	 * Return the URL of an action.
	 * @param action the action, e.g. {@code job/cancel}
	 * @return the URL
	 */
	public String action(String action) {
		return this.base + "/actions/" + action;
	}

	/**
	 * Return a job's URL.
	 * @param jid the jid
	 * @return the URL
	 */
	public String job(String jid) {
		return with("job", "jid", jid);
	}

	/**
	 * Return a queue's URL.
	 * @param name the queue
	 * @return the URL
	 */
	public String queue(String name) {
		return with("queue", "name", name);
	}

	/**
	 * Return the URL of a queue's jobs in one state.
	 * @param name the queue
	 * @param state the state
	 * @return the URL
	 */
	public String queue(String name, String state) {
		return UriComponentsBuilder.fromPath(this.base + "/queue")
			.queryParam("name", encode(name))
			.queryParam("state", encode(state))
			.build(true)
			.toUriString();
	}

	/**
	 * Return a failure group's URL.
	 * @param group the group
	 * @return the URL
	 */
	public String failureGroup(String group) {
		return with("failures/group", "group", group);
	}

	/**
	 * Return a worker's URL.
	 * @param name the worker
	 * @return the URL
	 */
	public String worker(String name) {
		return with("worker", "name", name);
	}

	/**
	 * Return a tag's URL.
	 * @param tag the tag
	 * @return the URL
	 */
	public String tag(String tag) {
		return with("tag", "tag", tag);
	}

	/**
	 * Return the throttles page showing one throttle.
	 * @param id the throttle id
	 * @return the URL
	 */
	public String throttle(String id) {
		return with("throttles", "id", id);
	}

	/**
	 * Return a recurring template's URL.
	 * @param jid the template jid
	 * @return the URL
	 */
	public String template(String jid) {
		return with("recurring/job", "jid", jid);
	}

	/**
	 * Return the URL of the current page with other query parameters.
	 * @param name a parameter to set
	 * @param value its value
	 * @return the URL
	 */
	public String current(String name, Object value) {
		return current(Map.of(name, value));
	}

	/**
	 * Return the URL of the current page at another offset.
	 * @param offset the offset
	 * @return the URL
	 */
	public String offset(int offset) {
		return current("offset", offset);
	}

	/**
	 * Return the URL of the current page with another page size, from the start.
	 * @param size the page size
	 * @return the URL
	 */
	public String size(int size) {
		return current(Map.of("size", size, "offset", 0));
	}

	/**
	 * Return the current page's URL, for a form to return to.
	 * @return the URL
	 */
	public String self() {
		return current(Map.of());
	}

	private String current(Map<String, Object> replaced) {
		UriComponentsBuilder builder = UriComponentsBuilder.fromPath(this.request.getRequestURI());
		for (Map.Entry<String, String[]> parameter : this.request.getParameterMap().entrySet()) {
			if (!replaced.containsKey(parameter.getKey())
					&& !DashboardActionsController.DONE_PARAMETER.equals(parameter.getKey())) {
				for (String value : parameter.getValue()) {
					builder.queryParam(encode(parameter.getKey()), encode(value));
				}
			}
		}
		for (Map.Entry<String, Object> parameter : replaced.entrySet()) {
			builder.queryParam(encode(parameter.getKey()), encode(String.valueOf(parameter.getValue())));
		}
		return builder.build(true).toUriString();
	}

	private String with(String page, String name, String value) {
		return UriComponentsBuilder.fromPath(this.base + "/" + page)
			.queryParam(name, encode(value))
			.build(true)
			.toUriString();
	}

	private static String encode(String value) {
		return UriUtils.encode(value, java.nio.charset.StandardCharsets.UTF_8);
	}


}
