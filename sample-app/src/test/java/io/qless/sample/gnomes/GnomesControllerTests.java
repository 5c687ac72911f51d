package io.qless.sample.gnomes;

import java.util.List;
import java.util.Map;

import io.qless.core.QlessOperations;
import io.qless.test.autoconfigure.QlessTest;
import io.qless.test.jobs.InlineJobException;
import org.junit.jupiter.api.Test;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.context.annotation.ComponentScan.Filter;
import org.springframework.context.annotation.FilterType;

import static io.qless.test.assertj.QlessAssertions.assertThat;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;

/**
 * The code that puts jobs, tested in the inline mode: each put returns once its job, and
 * what it led to, has run, its handlers called on the test's thread.
 */
@QlessTest(inline = true, properties = "sample.dev-redis.enabled=false",
		includeFilters = @Filter(type = FilterType.ASSIGNABLE_TYPE, classes = GnomesController.class))
class GnomesControllerTests {

	@Autowired
	private GnomesController controller;

	@Autowired
	private QlessOperations qless;

	@Test
	void orderIsThroughThePipelineWhenTheRequestReturns() {
		String jid = this.controller.order(request("123 Brief St.", false)).getBody().get("jid");

		assertThat(this.qless.jobs().get(jid)).isComplete().wasPutInto("underpants", "unknown", "profit");
	}

	@Test
	void badOrderThrowsFromTheRequest() {
		assertThatExceptionOfType(InlineJobException.class)
			.isThrownBy(() -> this.controller.order(request("Nowhere", true)))
			.withCauseInstanceOf(BadOrderException.class)
			.satisfies((ex) -> assertThat(this.qless.jobs().get(ex.getJid())).isFailed()
				.hasFailureGroup(BadOrderException.class));
	}

	@Test
	void shipmentIsReportedWhenTheRequestReturns() {
		Map<String, Object> shipment = this.controller.ship(List.of(GnomeOrder.to("A"), GnomeOrder.to("B"))).getBody();

		assertThat(this.qless.jobs().get((String) shipment.get("report"))).isComplete();
		assertThat((List<?>) shipment.get("orders")).hasSize(2)
			.allSatisfy((order) -> assertThat(this.qless.jobs().get((String) order)).isComplete());
	}

	private static GnomesController.OrderRequest request(String address, boolean bad) {
		return new GnomesController.OrderRequest(address, null, bad ? Boolean.TRUE : null, null, null, null);
	}

}
