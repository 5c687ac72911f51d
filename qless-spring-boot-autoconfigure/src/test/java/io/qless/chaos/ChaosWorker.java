package io.qless.chaos;

import java.io.FileWriter;
import java.io.PrintWriter;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ThreadLocalRandom;

import io.qless.core.QlessTemplate;
import io.qless.core.event.QlessEventSubscriber;
import io.qless.handler.JobHeader;
import io.qless.listener.DefaultQlessListenerContainerFactory;
import io.qless.listener.HandlerOptions;
import io.qless.listener.QlessListenerContainer;
import io.qless.listener.QlessListenerEndpoint;
import tools.jackson.databind.json.JsonMapper;

import org.springframework.core.task.SyncTaskExecutor;
import org.springframework.data.redis.connection.RedisStandaloneConfiguration;
import org.springframework.data.redis.connection.lettuce.LettuceConnectionFactory;
import org.springframework.data.redis.listener.RedisMessageListenerContainer;
import org.springframework.util.ReflectionUtils;

/**
 * One worker JVM of a chaos run: serves queue {@code chaos} with concurrency 4 and writes
 * a line per handler start and end ({@code start|end <jid> <epoch millis>}) to its log,
 * flushed at once, so that the runner can find jobs that ran on two workers at once.
 * Arguments: Redis port, worker name, log file.
 */
public final class ChaosWorker {

	private final PrintWriter log;

	private ChaosWorker(PrintWriter log) {
		this.log = log;
	}

	public static void main(String[] args) throws Exception {
		int port = Integer.parseInt(args[0]);
		String worker = args[1];
		PrintWriter log = new PrintWriter(new FileWriter(args[2], true), true);
		LettuceConnectionFactory connectionFactory = new LettuceConnectionFactory(
				new RedisStandaloneConfiguration("127.0.0.1", port));
		connectionFactory.afterPropertiesSet();
		connectionFactory.start();
		JsonMapper jsonMapper = JsonMapper.builder().build();
		QlessTemplate qless = new QlessTemplate(connectionFactory, jsonMapper);
		RedisMessageListenerContainer listeners = new RedisMessageListenerContainer();
		listeners.setConnectionFactory(connectionFactory);
		listeners.setTaskExecutor(new SyncTaskExecutor());
		listeners.afterPropertiesSet();
		listeners.start();
		DefaultQlessListenerContainerFactory factory = new DefaultQlessListenerContainerFactory(qless, jsonMapper);
		factory.setWorkerName(worker);
		factory.setConcurrency(4);
		factory.setEventSubscriber(new QlessEventSubscriber(listeners, jsonMapper));
		ChaosWorker handler = new ChaosWorker(log);
		QlessListenerContainer container = factory.createContainer("chaos",
				List.of(new QlessListenerEndpoint("Chaos", "chaos", handler,
						ReflectionUtils.findMethod(ChaosWorker.class, "handle", Map.class, String.class),
						HandlerOptions.DEFAULTS)));
		container.start();
		Runtime.getRuntime().addShutdownHook(new Thread(container::stop));
		Thread.currentThread().join();
	}

	void handle(Map<String, Object> data, @JobHeader(JobHeader.JID) String jid) throws InterruptedException {
		this.log.println("start " + jid + " " + System.currentTimeMillis());
		try {
			Thread.sleep(ThreadLocalRandom.current().nextInt(5, 60));
		}
		finally {
			this.log.println("end " + jid + " " + System.currentTimeMillis());
		}
	}

}
