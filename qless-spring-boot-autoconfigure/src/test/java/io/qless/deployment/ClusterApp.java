package io.qless.deployment;

import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;

import io.qless.annotation.QlessJob;
import io.qless.annotation.QueueHandler;
import io.qless.core.QlessTemplate;
import io.qless.autoconfigure.QlessTemplateCustomizer;

import org.springframework.beans.factory.annotation.Value;
import org.springframework.boot.SpringBootConfiguration;
import org.springframework.boot.autoconfigure.EnableAutoConfiguration;
import org.springframework.context.annotation.Bean;

/**
 * The application the cluster tests start: one handler per shard's queue that records
 * the jobs it ran, by queue.
 */
@SpringBootConfiguration
@EnableAutoConfiguration
class ClusterApp {

	static final String KLASS = "cluster.Work";

	@Bean
	Recorder recorder() {
		return new Recorder();
	}

	@Bean
	QlessTemplateCustomizer callMode(@Value("${test.use-functions:true}") boolean useFunctions) {
		return (QlessTemplate template) -> template.setUseFunctions(useFunctions);
	}

	record Work(String name) {
	}

	@QlessJob(KLASS)
	static class Recorder {

		final BlockingQueue<String> done = new LinkedBlockingQueue<>();

		@QueueHandler(value = { "a-1", "b-1", "c-1", "plain" }, concurrency = "2")
		void work(Work work) {
			this.done.add(work.name());
		}

	}

}
