package io.qless.listener;

import java.lang.reflect.Method;
import java.util.List;
import java.util.Map;

import io.qless.core.JacksonPayloadConverter;
import io.qless.handler.JobHeader;
import io.qless.handler.PayloadConversionException;
import io.qless.handler.QlessJobContext;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

import org.springframework.util.ReflectionUtils;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;
import static org.assertj.core.api.Assertions.assertThatIllegalStateException;

class HandlerMethodInvokerTests {

	private final JsonMapper jsonMapper = JsonMapper.builder().build();

	private final Handlers handlers = new Handlers();

	@Test
	void typedPayloadAndHeaders() throws Exception {
		Object result = invoker("order").invoke(TestJobContext.withData("{\"address\":\"123 Brief St.\",\"count\":2}"));
		assertThat(result).isEqualTo("jid-1/underpants/gnomes.GnomesJob/[a, b]/5/3/2: 123 Brief St. x2");
	}

	@Test
	void unknownFieldsInTheDataAreIgnored() throws Exception {
		Object result = invoker("order")
			.invoke(TestJobContext.withData("{\"address\":\"1 Main St.\",\"flaky\":true,\"count\":1}"));
		assertThat(result).asString().endsWith("1 Main St. x1");
	}

	@Test
	void rawDataAsMapNodeOrString() throws Exception {
		TestJobContext job = TestJobContext.withData("{\"a\":[1,2]}");
		assertThat(invoker("map").invoke(job)).isEqualTo(Map.of("a", List.of(1, 2)));
		assertThat(invoker("node").invoke(job)).isInstanceOf(JsonNode.class).hasToString("{\"a\":[1,2]}");
		assertThat(invoker("raw").invoke(job)).isEqualTo("{\"a\":[1,2]}");
	}

	@Test
	void contextIsPassedThrough() throws Exception {
		TestJobContext job = TestJobContext.withData("{}");
		assertThat(invoker("context").invoke(job)).isSameAs(job);
	}

	@Test
	void malformedDataIsAPayloadConversionError() {
		assertThatExceptionOfType(PayloadConversionException.class)
			.isThrownBy(() -> invoker("order").invoke(TestJobContext.withData("{\"count\":\"many\"}")))
			.withMessageContaining("jid-1")
			.withMessageContaining("Order");
	}

	@Test
	void handlerExceptionsAreRethrownUnwrapped() {
		assertThatExceptionOfType(IllegalArgumentException.class)
			.isThrownBy(() -> invoker("fails").invoke(TestJobContext.withData("{}")))
			.withMessage("no gnomes");
	}

	@Test
	void twoPayloadParametersAreRejectedAtStartUp() {
		assertThatIllegalStateException().isThrownBy(() -> invoker("twoPayloads"))
			.withMessageContaining("more than one payload parameter");
	}

	@Test
	void headerOfTheWrongTypeIsRejectedAtStartUp() {
		assertThatIllegalStateException().isThrownBy(() -> invoker("badHeader")).withMessageContaining("must be an int");
	}

	private HandlerMethodInvoker invoker(String name) {
		Method method = ReflectionUtils.findMethod(Handlers.class, name, (Class<?>[]) null);
		return new HandlerMethodInvoker(this.handlers, method, new JacksonPayloadConverter(this.jsonMapper));
	}

	record Order(String address, int count) {
	}

	static class Handlers {

		String order(Order order, @JobHeader(JobHeader.JID) String jid, @JobHeader(JobHeader.QUEUE) String queue,
				@JobHeader(JobHeader.KLASS) String klass, @JobHeader(JobHeader.TAGS) List<String> tags,
				@JobHeader(JobHeader.PRIORITY) int priority, @JobHeader(JobHeader.RETRIES) Integer retries,
				@JobHeader(JobHeader.RETRIES_LEFT) long left) {
			return jid + "/" + queue + "/" + klass + "/" + tags + "/" + priority + "/" + retries + "/" + left + ": "
					+ order.address() + " x" + order.count();
		}

		Map<String, Object> map(Map<String, Object> data) {
			return data;
		}

		JsonNode node(JsonNode data) {
			return data;
		}

		String raw(@JobHeader(JobHeader.RAW_DATA) String data) {
			return data;
		}

		QlessJobContext context(QlessJobContext job) {
			return job;
		}

		void fails(Map<String, Object> data) {
			throw new IllegalArgumentException("no gnomes");
		}

		void twoPayloads(Order one, Order two) {
		}

		void badHeader(@JobHeader(JobHeader.PRIORITY) String priority) {
		}

	}

}
