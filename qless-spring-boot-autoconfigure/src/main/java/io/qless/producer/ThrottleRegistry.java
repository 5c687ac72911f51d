package io.qless.producer;

import java.util.ArrayList;
import java.util.Collection;
import java.util.Collections;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

import io.qless.core.PutRequest;
import io.qless.core.PutRequestCustomizer;
import io.qless.core.RawJson;
import org.jspecify.annotations.Nullable;
import tools.jackson.databind.json.JsonMapper;

import org.springframework.beans.BeansException;
import org.springframework.beans.factory.BeanFactory;
import org.springframework.beans.factory.BeanFactoryAware;
import org.springframework.context.expression.BeanFactoryResolver;
import org.springframework.context.expression.MapAccessor;
import org.springframework.expression.Expression;
import org.springframework.expression.ParserContext;
import org.springframework.expression.spel.standard.SpelExpressionParser;
import org.springframework.expression.spel.support.StandardEvaluationContext;
import org.springframework.util.Assert;
import org.springframework.util.StringUtils;

/**
 * The throttles declared for jobs this application puts: filled by
 * {@link QlessListenerAnnotationBeanPostProcessor} from {@link QlessJob#throttles()} (every
 * queue) and {@link QueueHandler#throttles()} (that handler's queues), and consulted by the
 * template for each put and requeue as a {@link PutRequestCustomizer}, by
 * {@code (klass, queue)}. Declared throttles are added to those the request already names.
 * <p>
 * An id may hold {@code #{...}} expressions, evaluated for each put against a
 * {@link ThrottleExpressionRoot}; an id whose expression yields an empty text is skipped.
 * Ids without expressions, and ids added with {@link #addKnownThrottle(String)}, make up
 * {@link #knownThrottles()}, the throttles that meters and the endpoint report.
 */
public class ThrottleRegistry implements PutRequestCustomizer, BeanFactoryAware {

	private static final SpelExpressionParser parser = new SpelExpressionParser();

	private final @Nullable JsonMapper jsonMapper;

	private final Map<String, List<ThrottleId>> byKlass = new ConcurrentHashMap<>();

	private final Map<KlassAndQueue, List<ThrottleId>> byKlassAndQueue = new ConcurrentHashMap<>();

	private final Set<String> known = new LinkedHashSet<>();

	private @Nullable BeanFactory beanFactory;

	/**
	 * Create an empty registry.
	 * @param jsonMapper the mapper that reads {@link RawJson} payloads for expressions, or
	 * {@code null} to hand them to expressions as they are
	 */
	public ThrottleRegistry(@Nullable JsonMapper jsonMapper) {
		this.jsonMapper = jsonMapper;
	}

	@Override
	public void setBeanFactory(BeanFactory beanFactory) throws BeansException {
		this.beanFactory = beanFactory;
	}

	/**
	 * Declare throttles for the jobs of a class.
	 * @param klass the job class name
	 * @param queue the queue, or {@code null} for every queue
	 * @param throttles the throttle ids, possibly with {@code #{...}} expressions
	 */
	public void declare(String klass, @Nullable String queue, Collection<String> throttles) {
		Assert.hasText(klass, "'klass' must not be empty");
		Assert.notNull(throttles, "'throttles' must not be null");
		List<ThrottleId> ids = new ArrayList<>();
		for (String throttle : throttles) {
			Assert.hasText(throttle, "Throttle ids must not be empty");
			ThrottleId id = ThrottleId.of(throttle);
			ids.add(id);
			if (id.expression() == null) {
				addKnownThrottle(throttle);
			}
		}
		if (ids.isEmpty()) {
			return;
		}
		if (queue == null) {
			this.byKlass.merge(klass, List.copyOf(ids), ThrottleRegistry::concat);
		}
		else {
			this.byKlassAndQueue.merge(new KlassAndQueue(klass, queue), List.copyOf(ids), ThrottleRegistry::concat);
		}
	}

	/**
	 * Add a throttle to report, e.g. one whose maximum the application sets.
	 * @param id the throttle id
	 */
	public void addKnownThrottle(String id) {
		Assert.hasText(id, "'id' must not be empty");
		synchronized (this.known) {
			this.known.add(id);
		}
	}

	/**
	 * Return the throttles declared without expressions and the ones added with
	 * {@link #addKnownThrottle(String)}, in the order they were first seen.
	 * @return the throttle ids
	 */
	public Set<String> knownThrottles() {
		synchronized (this.known) {
			return Collections.unmodifiableSet(new LinkedHashSet<>(this.known));
		}
	}

	/**
	 * Return whether any throttles are declared.
	 * @return whether puts may be changed
	 */
	public boolean isEmpty() {
		return this.byKlass.isEmpty() && this.byKlassAndQueue.isEmpty();
	}

	/**
	 * Return the throttle ids declared for a job.
	 * @param klass the job class name
	 * @param queue the queue
	 * @param payload the payload
	 * @param jid the job id, if known
	 * @return the ids, with expressions evaluated; empty if none are declared
	 */
	public List<String> throttlesFor(String klass, String queue, @Nullable Object payload, @Nullable String jid) {
		List<ThrottleId> forKlass = this.byKlass.getOrDefault(klass, List.of());
		List<ThrottleId> forQueue = this.byKlassAndQueue.getOrDefault(new KlassAndQueue(klass, queue), List.of());
		if (forKlass.isEmpty() && forQueue.isEmpty()) {
			return List.of();
		}
		List<String> ids = new ArrayList<>(forKlass.size() + forQueue.size());
		StandardEvaluationContext[] context = new StandardEvaluationContext[1];
		for (List<ThrottleId> declared : List.of(forKlass, forQueue)) {
			for (ThrottleId id : declared) {
				String value = id.value();
				Expression expression = id.expression();
				if (expression != null) {
					if (context[0] == null) {
						context[0] = context(new ThrottleExpressionRoot(readable(payload), klass, queue, jid));
					}
					value = expression.getValue(context[0], String.class);
				}
				if (StringUtils.hasText(value) && !ids.contains(value)) {
					ids.add(value);
				}
			}
		}
		return ids;
	}

	@Override
	public PutRequest customize(String queue, PutRequest request) {
		List<String> declared = throttlesFor(request.klass(), queue, request.payload(), request.jid());
		if (declared.isEmpty()) {
			return request;
		}
		List<String> throttles = (request.throttles() != null) ? new ArrayList<>(request.throttles())
				: new ArrayList<>();
		for (String id : declared) {
			if (!throttles.contains(id)) {
				throttles.add(id);
			}
		}
		return request.throttles(throttles);
	}

	private StandardEvaluationContext context(ThrottleExpressionRoot root) {
		StandardEvaluationContext context = new StandardEvaluationContext(root);
		context.addPropertyAccessor(new MapAccessor());
		if (this.beanFactory != null) {
			context.setBeanResolver(new BeanFactoryResolver(this.beanFactory));
		}
		return context;
	}

	private @Nullable Object readable(@Nullable Object payload) {
		if (payload instanceof RawJson raw && this.jsonMapper != null) {
			return this.jsonMapper.readValue(raw.json(), Object.class);
		}
		return payload;
	}

	private static List<ThrottleId> concat(List<ThrottleId> first, List<ThrottleId> second) {
		List<ThrottleId> all = new ArrayList<>(first);
		all.addAll(second);
		return List.copyOf(all);
	}

	private record KlassAndQueue(String klass, String queue) {
	}

	private record ThrottleId(String value, @Nullable Expression expression) {

		static ThrottleId of(String value) {
			if (!value.contains(ParserContext.TEMPLATE_EXPRESSION.getExpressionPrefix())) {
				return new ThrottleId(value, null);
			}
			return new ThrottleId(value, parser.parseExpression(value, ParserContext.TEMPLATE_EXPRESSION));
		}

	}

}
