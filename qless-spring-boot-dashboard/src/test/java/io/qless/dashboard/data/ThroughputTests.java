package io.qless.dashboard.data;

import java.time.Instant;
import java.util.List;

import io.qless.core.QlessException;
import io.qless.core.QlessOperations;
import io.qless.core.QlessTemplate;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.json.JsonMapper;

import org.springframework.data.redis.connection.lettuce.LettuceConnectionFactory;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Reading the script's {@code throughput} reply, and laying out its chart.
 */
class ThroughputTests {

	private final ScriptThroughputSource source = new ScriptThroughputSource(
			new QlessTemplate(new LettuceConnectionFactory(), JsonMapper.builder().build()));

	@Test
	void readsMinutesAndHours() {
		Throughput throughput = this.source.parse("{\"minutes\":[{\"at\":1767607200,\"completed\":3,\"failed\":1},"
				+ "{\"at\":1767607260,\"completed\":0,\"failed\":0}],\"hours\":[{\"at\":\"1767603600\",\"completed\":40,"
				+ "\"failed\":2}]}");
		assertThat(throughput.available()).isTrue();
		assertThat(throughput.minutes()).containsExactly(
				new Throughput.Bucket(Instant.ofEpochSecond(1767607200), 3, 1),
				new Throughput.Bucket(Instant.ofEpochSecond(1767607260), 0, 0));
		assertThat(throughput.hours()).containsExactly(new Throughput.Bucket(Instant.ofEpochSecond(1767603600), 40, 2));
	}

	@Test
	void anUnreadableReplyIsNotAvailable() {
		assertThat(this.source.parse("not json").available()).isFalse();
		assertThat(this.source.parse(null).available()).isFalse();
	}

	@Test
	void aScriptWithoutTheCommandIsNotAvailable() {
		QlessTemplate template = new QlessTemplate(new LettuceConnectionFactory(), JsonMapper.builder().build()) {

			@Override
			public String call(String command, String... args) {
				throw new QlessException(command, "user_script:1: Unknown command throughput", null);
			}

		};
		Throughput throughput = new ScriptThroughputSource(template).throughput();
		assertThat(throughput.available()).isFalse();
		assertThat(throughput.unavailableReason()).contains("Not available");
	}

	@Test
	void otherClientsHaveNoThroughput() {
		QlessOperations other = org.mockito.Mockito.mock(QlessOperations.class);
		assertThat(new ScriptThroughputSource(other).throughput().available()).isFalse();
	}

	@Test
	void chartScalesBarsToTheLargestTotal() {
		Chart chart = Chart.of("Last hour", "60 min ago", List.of(new Throughput.Bucket(Instant.ofEpochSecond(0), 6, 2),
				new Throughput.Bucket(Instant.ofEpochSecond(60), 2, 0)));
		assertThat(chart.maximum()).isEqualTo(8);
		assertThat(chart.completed()).isEqualTo(8);
		assertThat(chart.failed()).isEqualTo(2);
		Chart.Bar first = chart.bars().get(0);
		assertThat(first.completedHeight()).isEqualTo("90.0");
		assertThat(first.failedHeight()).isEqualTo("30.0");
		assertThat(first.failedY()).isEqualTo("0.0");
		assertThat(first.label()).isEqualTo("00:00 UTC: 6 completed, 2 failed");
		assertThat(chart.bars().get(1).completedY()).isEqualTo("90.0");
	}

}
