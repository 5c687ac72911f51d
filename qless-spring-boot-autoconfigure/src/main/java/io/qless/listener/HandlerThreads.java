package io.qless.listener;

import java.lang.reflect.Method;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.ThreadFactory;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

import org.apache.commons.logging.Log;
import org.apache.commons.logging.LogFactory;
import org.jspecify.annotations.Nullable;

/**
 * The thread pool a container runs its handlers on: {@code concurrency} platform threads,
 * or as many virtual threads on Java 21 and later when asked for.
 */
final class HandlerThreads {

	private static final Log logger = LogFactory.getLog(HandlerThreads.class);

	private HandlerThreads() {
	}

	static ExecutorService create(String queue, int concurrency, boolean virtualThreads) {
		ThreadFactory factory = virtualThreads ? virtualThreadFactory(queue) : null;
		if (factory == null) {
			factory = platformThreadFactory(queue);
		}
		return new ThreadPoolExecutor(concurrency, concurrency, 0L, TimeUnit.MILLISECONDS, new LinkedBlockingQueue<>(),
				factory);
	}

	private static ThreadFactory platformThreadFactory(String queue) {
		AtomicInteger count = new AtomicInteger();
		return (runnable) -> {
			Thread thread = new Thread(runnable, "qless-" + queue + "-" + count.incrementAndGet());
			thread.setDaemon(false);
			return thread;
		};
	}

	private static @Nullable ThreadFactory virtualThreadFactory(String queue) {
		try {
			Object builder = Thread.class.getMethod("ofVirtual").invoke(null);
			Class<?> builderType = Class.forName("java.lang.Thread$Builder");
			builder = builderType.getMethod("name", String.class, long.class).invoke(builder, "qless-" + queue + "-", 1L);
			Method factory = builderType.getMethod("factory");
			return (ThreadFactory) factory.invoke(builder);
		}
		catch (ReflectiveOperationException | LinkageError ex) {
			logger.warn("qless: virtual threads need Java 21 or later; queue '" + queue + "' uses platform threads");
			return null;
		}
	}

}
