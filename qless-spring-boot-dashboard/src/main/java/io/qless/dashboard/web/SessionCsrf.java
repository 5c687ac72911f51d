package io.qless.dashboard.web;

import java.security.MessageDigest;
import java.security.SecureRandom;
import java.nio.charset.StandardCharsets;
import java.util.HexFormat;

import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpSession;
import org.jspecify.annotations.Nullable;

/**
 * {@link DashboardCsrf} for applications without Spring Security: a random token kept in the
 * HTTP session, which every action must send back as the {@code _csrf} form field.
 */
public class SessionCsrf implements DashboardCsrf {

	static final String PARAMETER = "_csrf";

	private static final String ATTRIBUTE = SessionCsrf.class.getName() + ".token";

	private final SecureRandom random = new SecureRandom();

	@Override
	public Token token(HttpServletRequest request) {
		HttpSession session = request.getSession(true);
		Object token = session.getAttribute(ATTRIBUTE);
		if (!(token instanceof String)) {
			byte[] bytes = new byte[24];
			this.random.nextBytes(bytes);
			token = HexFormat.of().formatHex(bytes);
			session.setAttribute(ATTRIBUTE, token);
		}
		return new Token(PARAMETER, (String) token);
	}

	@Override
	public boolean isValid(HttpServletRequest request) {
		HttpSession session = request.getSession(false);
		@Nullable Object expected = (session != null) ? session.getAttribute(ATTRIBUTE) : null;
		String actual = request.getParameter(PARAMETER);
		return expected instanceof String token && actual != null && MessageDigest
			.isEqual(token.getBytes(StandardCharsets.UTF_8), actual.getBytes(StandardCharsets.UTF_8));
	}

}
