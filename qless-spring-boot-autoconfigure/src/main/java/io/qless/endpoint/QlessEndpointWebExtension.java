package io.qless.endpoint;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Set;
import java.util.function.Supplier;

import io.qless.core.JobNotFoundException;
import io.qless.core.QlessException;
import io.qless.core.QlessUnavailableException;
import org.jspecify.annotations.Nullable;

import org.springframework.boot.actuate.endpoint.InvalidEndpointRequestException;
import org.springframework.boot.actuate.endpoint.SecurityContext;
import org.springframework.boot.actuate.endpoint.Show;
import org.springframework.boot.actuate.endpoint.annotation.ReadOperation;
import org.springframework.boot.actuate.endpoint.annotation.Selector;
import org.springframework.boot.actuate.endpoint.annotation.WriteOperation;
import org.springframework.boot.actuate.endpoint.web.WebEndpointResponse;
import org.springframework.boot.actuate.endpoint.web.annotation.EndpointWebExtension;

/**
 * The HTTP side of the {@link QlessEndpoint}: a request qless cannot carry out answers 400
 * with the reason in {@code error} (Boot's own error page hides exception messages by
 * default), an unknown job, container, handler or schedule answers 404, Redis out of reach
 * 503, and job and schedule data is shown as
 * {@code management.endpoint.qless.show-values} and {@code roles} allow for the caller.
 */
@EndpointWebExtension(endpoint = QlessEndpoint.class)
public class QlessEndpointWebExtension {

	private final QlessEndpoint delegate;

	private final Show showValues;

	private final Set<String> roles;

	/**
	 * Create the extension.
	 * @param delegate the endpoint
	 * @param showValues when job data is shown
	 * @param roles the roles that may see job data when {@code showValues} is
	 * {@link Show#WHEN_AUTHORIZED} (any authenticated user when empty)
	 */
	public QlessEndpointWebExtension(QlessEndpoint delegate, Show showValues, Set<String> roles) {
		this.delegate = delegate;
		this.showValues = showValues;
		this.roles = Set.copyOf(roles);
	}

	/**
	 * Return one part of the overview; schedule data is shown as job data is.
	 * @param securityContext the caller
	 * @param section the section
	 * @return that part; 400 for an unknown section
	 */
	@ReadOperation
	public WebEndpointResponse<Object> section(SecurityContext securityContext, @Selector String section) {
		boolean showData = this.showValues.isShown(securityContext, this.roles);
		return respond(() -> this.delegate.section(section, showData));
	}

	/**
	 * Return one queue, job, worker, failure group, throttle or container.
	 * @param securityContext the caller
	 * @param section the section
	 * @param name the item's name
	 * @param state for a queue, the state to list jids of
	 * @param offset for a queue or group, how many jids to skip
	 * @param count for a queue or group, how many jids at most
	 * @return the item; 400 for a bad request, 404 for an unknown job or container
	 */
	@ReadOperation
	public WebEndpointResponse<Object> item(SecurityContext securityContext, @Selector String section,
			@Selector String name, @Nullable String state, @Nullable Integer offset, @Nullable Integer count) {
		boolean showData = this.showValues.isShown(securityContext, this.roles);
		return respond(() -> {
			Object item = this.delegate.item(section, name, state, offset, count, showData);
			if (item == null) {
				throw new QlessEndpoint.UnknownItemException("No " + singular(section) + " '" + name + "'");
			}
			return item;
		});
	}

	/**
	 * Act on a queue, job, throttle, container or handler.
	 * @param section the section
	 * @param name the item's name
	 * @param action the action
	 * @param queue the queue to retry or move a job into
	 * @param group the failure group to unfail
	 * @param count how many failed jobs to unfail at most
	 * @param maximum the throttle maximum to set
	 * @param expiry how long a throttle set here lives
	 * @return what was done; 400 for a bad request, 404 for an unknown job, container or
	 * handler
	 */
	@WriteOperation
	public WebEndpointResponse<Object> act(@Selector String section, @Selector String name, String action,
			@Nullable String queue, @Nullable String group, @Nullable Integer count, @Nullable Long maximum,
			@Nullable String expiry) {
		return respond(() -> this.delegate.act(section, name, action, queue, group, count, maximum, expiry));
	}

	private static WebEndpointResponse<Object> respond(Supplier<Object> operation) {
		try {
			return new WebEndpointResponse<>(operation.get(), WebEndpointResponse.STATUS_OK);
		}
		catch (InvalidEndpointRequestException ex) {
			return error(ex.getMessage(), WebEndpointResponse.STATUS_BAD_REQUEST);
		}
		catch (QlessEndpoint.UnknownItemException | JobNotFoundException ex) {
			return error(ex.getMessage(), WebEndpointResponse.STATUS_NOT_FOUND);
		}
		catch (QlessUnavailableException ex) {
			return error(ex.getScriptMessage(), WebEndpointResponse.STATUS_SERVICE_UNAVAILABLE);
		}
		catch (QlessException ex) {
			return error(ex.getScriptMessage(), WebEndpointResponse.STATUS_BAD_REQUEST);
		}
	}

	private static WebEndpointResponse<Object> error(@Nullable String message, int status) {
		Map<String, Object> body = new LinkedHashMap<>();
		body.put("status", status);
		body.put("error", (message != null) ? message : "");
		return new WebEndpointResponse<>(body, status);
	}

	private static String singular(String section) {
		return switch (section) {
			case "jobs" -> "job";
			case "containers" -> "container for queue";
			case "schedules" -> "schedule";
			default -> section;
		};
	}

}
