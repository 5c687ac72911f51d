package io.qless.annotation;

import java.lang.reflect.AnnotatedElement;
import java.lang.reflect.Method;
import java.time.Duration;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import java.util.function.UnaryOperator;

import io.qless.core.MisfirePolicy;
import io.qless.schedule.DeclaredSchedule;
import org.jspecify.annotations.Nullable;

import org.springframework.boot.convert.DurationStyle;
import org.springframework.core.annotation.AnnotatedElementUtils;
import org.springframework.util.Assert;
import org.springframework.util.StringUtils;

/**
 * Turns the {@link QlessSchedule} annotations of a handler bean into
 * {@link DeclaredSchedule}s, with each attribute resolved ({@code ${...}} and
 * {@code #{...}}) once.
 */
final class ScheduleDeclarations {

	private final UnaryOperator<String> resolver;

	ScheduleDeclarations(UnaryOperator<String> resolver) {
		this.resolver = resolver;
	}

	/**
	 * Return the schedules declared on a handler method, into its queues.
	 */
	List<DeclaredSchedule> onMethod(Class<?> targetClass, Method method, String klass, Collection<String> queues) {
		String defaultName = targetClass.getSimpleName() + "." + method.getName();
		return declared(method, defaultName, klass, queues);
	}

	/**
	 * Return the schedules declared on a handler class, into the queues of its handlers.
	 */
	List<DeclaredSchedule> onClass(Class<?> targetClass, String klass, Collection<String> queues) {
		return declared(targetClass, targetClass.getSimpleName(), klass, queues);
	}

	private List<DeclaredSchedule> declared(AnnotatedElement element, String defaultName, String klass,
			Collection<String> queues) {
		Set<QlessSchedule> schedules = AnnotatedElementUtils.findMergedRepeatableAnnotations(element,
				QlessSchedule.class, QlessSchedules.class);
		List<DeclaredSchedule> declared = new ArrayList<>(schedules.size());
		boolean defaultTaken = false;
		for (QlessSchedule schedule : schedules) {
			String name = resolve(schedule.name());
			if (!StringUtils.hasText(name)) {
				Assert.state(!defaultTaken,
						() -> "Several @QlessSchedule on " + element + " without a name: each needs a name but one");
				defaultTaken = true;
				name = defaultName;
			}
			declared.add(declared(schedule, name, klass, queues, element));
		}
		return declared;
	}

	private DeclaredSchedule declared(QlessSchedule schedule, String name, String klass, Collection<String> queues,
			AnnotatedElement element) {
		String source = "by @QlessSchedule on " + element;
		String queue = resolve(schedule.queue());
		if (!StringUtils.hasText(queue)) {
			Set<String> distinct = new LinkedHashSet<>(queues);
			Assert.state(distinct.size() == 1, () -> "@QlessSchedule '" + name + "' on " + element
					+ " needs a 'queue': its handlers serve " + distinct);
			queue = distinct.iterator().next();
		}
		String cron = resolve(schedule.cron());
		String interval = resolve(schedule.interval());
		String zone = resolve(schedule.zone());
		String data = resolve(schedule.data());
		String misfire = resolve(schedule.misfire());
		try {
			return new DeclaredSchedule(name, StringUtils.hasText(cron) ? cron : null,
					StringUtils.hasText(zone) ? ZoneId.of(zone.trim()) : DeclaredSchedule.UTC,
					StringUtils.hasText(interval) ? duration(interval) : null,
					StringUtils.hasText(misfire) ? MisfirePolicy.fromWireName(misfire) : MisfirePolicy.FIRE_ONCE, queue,
					klass, StringUtils.hasText(data) ? data.trim() : "{}", integer(schedule.priority()),
					values(schedule.tags(), "tag", source), integer(schedule.retries()),
					values(schedule.throttles(), "throttle id", source), source);
		}
		catch (RuntimeException ex) {
			throw new IllegalStateException("Invalid @QlessSchedule '" + name + "' on " + element + ": "
					+ ex.getMessage(), ex);
		}
	}

	static Duration duration(String value) {
		String text = value.trim();
		return text.chars().allMatch(Character::isDigit) ? Duration.ofSeconds(Long.parseLong(text))
				: DurationStyle.detectAndParse(text);
	}

	private @Nullable Integer integer(String value) {
		String text = resolve(value);
		return StringUtils.hasText(text) ? Integer.valueOf(text.trim()) : null;
	}

	private List<String> values(String[] values, String what, String source) {
		List<String> resolved = new ArrayList<>(values.length);
		for (String value : values) {
			String text = resolve(value);
			Assert.state(StringUtils.hasText(text), () -> "Empty " + what + " " + source);
			resolved.add(text);
		}
		return resolved;
	}

	private String resolve(String value) {
		return StringUtils.hasText(value) ? this.resolver.apply(value) : "";
	}

}
