package io.qless.dashboard.app;

import java.time.Clock;
import java.time.Duration;
import java.util.Map;

import io.qless.core.PutRequest;
import io.qless.core.QlessOperations;
import io.qless.core.QlessTemplate;
import io.qless.core.RecurRequest;
import tools.jackson.databind.json.JsonMapper;

import org.springframework.data.redis.connection.RedisConnectionFactory;

/**
 * Jobs in every state, put into Redis through the client as an application would.
 */
public final class Seeds {

	/** The queue most jobs go into. */
	public static final String QUEUE = "gnomes";

	/** A tag and a payload that would run script if a page did not escape them. */
	public static final String EVIL_TAG = "<script>window.xss=1</script>";

	/** Data that would break out of an attribute if a page did not escape it. */
	public static final String EVIL_DATA = "\"><img src=x onerror=\"window.xss=2\">";

	public final String waiting;

	public final String scheduled;

	public final String depends;

	public final String running;

	public final String stalled;

	public final String throttled;

	public final String failed;

	public final String complete;

	public final String evil;

	public final String template = "gnome-census";

	private Seeds(QlessOperations qless, RedisConnectionFactory connectionFactory) {
		this.waiting = qless.queue(QUEUE)
			.put(PutRequest.of("Gnomes::Order", Map.of("gnome", "Fizzlebang", "hats", 3)).tags("vip", "north")
				.priority(5));
		this.scheduled = qless.queue(QUEUE)
			.put(PutRequest.of("Gnomes::Order", Map.of("gnome", "Later")).delay(Duration.ofHours(2)).tags("north"));
		this.depends = qless.queue(QUEUE)
			.put(PutRequest.of("Gnomes::Ship", Map.of("gnome", "After")).depends(this.waiting));
		this.running = qless.queue("workshop").put(PutRequest.of("Gnomes::Carve", Map.of("wood", "oak")));
		qless.queue("workshop").pop("worker-1", 1);
		// a lock taken ten minutes ago has expired by now: the job is stalled
		QlessTemplate past = new QlessTemplate(connectionFactory, JsonMapper.builder().build(),
				Clock.offset(Clock.systemUTC(), Duration.ofMinutes(-10)));
		this.stalled = past.queue("kiln").put(PutRequest.of("Gnomes::Bake", Map.of("clay", 2)));
		past.queue("kiln").pop("worker-old", 1);
		qless.throttles().setQueueThrottle("narrow", 1);
		String first = qless.queue("narrow").put(PutRequest.of("Gnomes::Squeeze", Map.of()));
		String second = qless.queue("narrow").put(PutRequest.of("Gnomes::Squeeze", Map.of()));
		// one of them runs, the other waits for the queue throttle (jobs put in the same
		// millisecond pop in no particular order)
		String runs = qless.queue("narrow").pop("worker-2", 2).get(0).jid();
		this.throttled = runs.equals(first) ? second : first;
		this.failed = qless.queue("errands").put(PutRequest.of("Gnomes::Order", Map.of("gnome", "Oops")));
		qless.queue("errands").pop("worker-3", 1);
		qless.jobs().fail(this.failed, "worker-3", "gnomes.OutOfHats", "Out of hats\n\tat gnomes.Hats.take(Hats.java:42)");
		this.complete = qless.queue("archive").put(PutRequest.of("Gnomes::Archive", Map.of()));
		qless.queue("archive").pop("worker-1", 1);
		qless.jobs().complete(qless.jobs().get(this.complete));
		this.evil = qless.queue(QUEUE)
			.put(PutRequest.of("Gnomes::<b>Evil</b>", Map.of("note", EVIL_DATA, "tag", EVIL_TAG))
				.tags(EVIL_TAG, "north")
				.delay(Duration.ofHours(1)));
		qless.queue(QUEUE).recur(RecurRequest.of("Gnomes::Census", Map.of("count", true), Duration.ofMinutes(15))
			.jid(this.template)
			.tags("census"));
	}

	/**
	 * Seed a fresh set of jobs.
	 * @param qless the client
	 * @param connectionFactory the connection factory, for a client with a clock in the past
	 * @return the jids
	 */
	public static Seeds plant(QlessOperations qless, RedisConnectionFactory connectionFactory) {
		return new Seeds(qless, connectionFactory);
	}

}
