package io.qless.deployment;

import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;

import io.qless.annotation.QlessJob;
import io.qless.annotation.QueueHandler;

import org.springframework.boot.SpringBootConfiguration;
import org.springframework.boot.autoconfigure.EnableAutoConfiguration;
import org.springframework.context.annotation.Bean;

/**
 * The application the deployment tests start against their own Redis: one handler that
 * records what it ran, taking as long as the job asks.
 */
@SpringBootConfiguration
@EnableAutoConfiguration
class DeploymentApp {

	static final String KLASS = "deployment.Work";

	@Bean
	Recorder recorder() {
		return new Recorder();
	}

	record Work(String name, long millis) {

		Work(String name) {
			this(name, 0);
		}

	}

	@QlessJob(KLASS)
	static class Recorder {

		final BlockingQueue<String> done = new LinkedBlockingQueue<>();

		@QueueHandler(value = { "secure", "failover" }, concurrency = "4")
		void work(Work work) throws InterruptedException {
			if (work.millis() > 0) {
				Thread.sleep(work.millis());
			}
			this.done.add(work.name());
		}

	}

}
