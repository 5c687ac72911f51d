package io.qless.dashboard.web;

import java.io.IOException;
import java.time.Duration;
import java.util.List;
import java.util.Set;
import java.util.concurrent.CopyOnWriteArraySet;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

import io.qless.core.event.QlessEvent;
import io.qless.core.event.QlessEventSubscriber;
import org.apache.commons.logging.Log;
import org.apache.commons.logging.LogFactory;
import org.jspecify.annotations.Nullable;

import org.springframework.beans.factory.DisposableBean;
import org.springframework.web.servlet.mvc.method.annotation.SseEmitter;

/**
 * Tells open dashboard pages that qless changed: subscribes to {@code ql:log} while at least
 * one page listens, and sends each page at most one {@code change} event a second, however
 * many qless events arrived (a busy queue publishes thousands), plus a comment every 15
 * seconds so that proxies keep the stream open. The pages then fetch themselves again.
 */
public class DashboardEventStream implements DisposableBean {

	private static final Log logger = LogFactory.getLog(DashboardEventStream.class);

	private static final Duration FLUSH = Duration.ofSeconds(1);

	private static final int KEEP_ALIVE_FLUSHES = 15;

	private final QlessEventSubscriber subscriber;

	private final Duration timeout;

	private final Set<SseEmitter> emitters = new CopyOnWriteArraySet<>();

	private final AtomicInteger pending = new AtomicInteger();

	private final ScheduledExecutorService scheduler;

	private volatile QlessEventSubscriber.@Nullable Subscription subscription;

	private int quietFlushes;

	/**
	 * Create a new instance.
	 * @param subscriber the qless event subscriber
	 * @param timeout how long one stream stays open
	 */
	public DashboardEventStream(QlessEventSubscriber subscriber, Duration timeout) {
		this.subscriber = subscriber;
		this.timeout = timeout;
		this.scheduler = Executors.newSingleThreadScheduledExecutor((task) -> {
			Thread thread = new Thread(task, "qless-dashboard-events");
			thread.setDaemon(true);
			return thread;
		});
		this.scheduler.scheduleWithFixedDelay(this::flush, FLUSH.toMillis(), FLUSH.toMillis(), TimeUnit.MILLISECONDS);
	}

	/**
	 * Open a stream for one page.
	 * @return the emitter
	 */
	public SseEmitter open() {
		SseEmitter emitter = new SseEmitter(this.timeout.toMillis());
		emitter.onCompletion(() -> this.emitters.remove(emitter));
		emitter.onTimeout(() -> this.emitters.remove(emitter));
		emitter.onError((ex) -> this.emitters.remove(emitter));
		this.emitters.add(emitter);
		subscribe();
		try {
			emitter.send(SseEmitter.event().comment("open"));
		}
		catch (IOException ex) {
			this.emitters.remove(emitter);
		}
		return emitter;
	}

	/**
	 * Return how many pages listen.
	 * @return the number of open streams
	 */
	public int listeners() {
		return this.emitters.size();
	}

	private synchronized void subscribe() {
		if (this.subscription == null) {
			this.subscription = this.subscriber.subscribe(this::onEvent, List.of(QlessEventSubscriber.LOG_CHANNEL));
		}
	}

	private void onEvent(QlessEvent event) {
		this.pending.incrementAndGet();
	}

	private void flush() {
		try {
			int events = this.pending.getAndSet(0);
			if (events > 0) {
				this.quietFlushes = 0;
				send(SseEmitter.event().name("change").data(Integer.toString(events)));
			}
			else if (++this.quietFlushes >= KEEP_ALIVE_FLUSHES) {
				this.quietFlushes = 0;
				send(SseEmitter.event().comment("keep-alive"));
			}
		}
		catch (RuntimeException ex) {
			logger.debug("Could not notify dashboard pages", ex);
		}
	}

	private void send(SseEmitter.SseEventBuilder event) {
		for (SseEmitter emitter : this.emitters) {
			try {
				emitter.send(event);
			}
			catch (IOException | IllegalStateException ex) {
				this.emitters.remove(emitter);
				emitter.completeWithError(ex);
			}
		}
	}

	@Override
	public void destroy() {
		this.scheduler.shutdownNow();
		QlessEventSubscriber.Subscription current = this.subscription;
		if (current != null) {
			current.cancel();
		}
		for (SseEmitter emitter : this.emitters) {
			emitter.complete();
		}
		this.emitters.clear();
	}

}
