package io.qless.autoconfigure.endpoint;

import java.util.HashSet;
import java.util.Set;

import org.springframework.boot.actuate.endpoint.Show;
import org.springframework.boot.context.properties.ConfigurationProperties;

/**
 * Settings of the {@code qless} Actuator endpoint, as Boot's own endpoints that show
 * application data have them ({@code env}, {@code configprops}, {@code quartz}).
 */
@ConfigurationProperties("management.endpoint.qless")
public class QlessEndpointProperties {

	/**
	 * When to show job data (payloads are application data): never, when-authorized or
	 * always.
	 */
	private Show showValues = Show.NEVER;

	/**
	 * Roles that may see job data when show-values is when-authorized; any authenticated
	 * user when empty.
	 */
	private Set<String> roles = new HashSet<>();

	public Show getShowValues() {
		return this.showValues;
	}

	public void setShowValues(Show showValues) {
		this.showValues = showValues;
	}

	public Set<String> getRoles() {
		return this.roles;
	}

	public void setRoles(Set<String> roles) {
		this.roles = roles;
	}

}
