package io.qless.dashboard.web;

import jakarta.servlet.http.HttpServletRequest;
import org.jspecify.annotations.Nullable;

/**
 * The CSRF token the dashboard's forms carry, and its check. With Spring Security the token
 * is Spring Security's, which checks it in its filter; without it the dashboard keeps a token
 * of its own in the session ({@link SessionCsrf}).
 */
public interface DashboardCsrf {

	/**
	 * Return the token for the forms of a page.
	 * @param request the request of the page
	 * @return the token, or {@code null} if forms need none
	 */
	@Nullable Token token(HttpServletRequest request);

	/**
	 * Return whether an action request carries a valid token. Implementations whose token
	 * is checked by a filter answer {@code true}.
	 * @param request the action request
	 * @return whether it may proceed
	 */
	boolean isValid(HttpServletRequest request);

	/**
	 * A token as a form field.
	 *
	 * @param parameterName the field name
	 * @param value the token
	 */
	record Token(String parameterName, String value) {

	}

}
