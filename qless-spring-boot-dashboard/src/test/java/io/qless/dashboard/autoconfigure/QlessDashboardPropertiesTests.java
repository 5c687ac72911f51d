package io.qless.dashboard.autoconfigure;

import java.time.Duration;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The defaults the README documents.
 */
class QlessDashboardPropertiesTests {

	@Test
	void defaultsAreTheDocumentedOnes() {
		QlessDashboardProperties properties = new QlessDashboardProperties();
		assertThat(properties.isEnabled()).isFalse();
		assertThat(properties.getPath()).isEqualTo("/qless");
		assertThat(properties.isReadOnly()).isFalse();
		assertThat(properties.getAuthority()).isEqualTo("ROLE_QLESS_ADMIN");
		assertThat(properties.isShowData()).isTrue();
		assertThat(properties.isAllowUnauthenticated()).isFalse();
		assertThat(properties.getRefreshInterval()).isEqualTo(Duration.ofSeconds(30));
		assertThat(properties.getEventStreamTimeout()).isEqualTo(Duration.ofMinutes(30));
	}

}
