package io.qless.producer;

import java.time.Duration;
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
import io.qless.core.UniqueKey;
import io.qless.core.UniqueMode;
import org.jspecify.annotations.Nullable;
import tools.jackson.databind.json.JsonMapper;

import org.springframework.beans.BeansException;
import org.springframework.beans.factory.BeanFactory;
import org.springframework.beans.factory.BeanFactoryAware;
import org.springframework.boot.convert.DurationStyle;
import org.springframework.context.expression.BeanFactoryResolver;
import org.springframework.context.expression.MapAccessor;
import org.springframework.expression.Expression;
import org.springframework.expression.ParserContext;
import org.springframework.expression.spel.standard.SpelExpressionParser;
import org.springframework.expression.spel.support.StandardEvaluationContext;
import org.springframework.util.Assert;
import org.springframework.util.StringUtils;

/**
 * What handlers declare for the jobs this application puts (throttles, tags, priority,
 * retries, delay, unique key): filled by the annotation post-processor from
 * {@code @QlessJob} (every queue) and {@code @QueueHandler} (that handler's queues), and
 * applied by the template to each put and requeue as a {@link PutRequestCustomizer}, by
 * {@code (klass, queue)}. Throttles and tags are added to those the request names;
 * priority, retries, delay and the unique key apply where the request sets none, a queue's
 * declaration winning over the klass's.
 * <p>
 * Values may hold {@code #{...}} expressions, evaluated for each put against a
 * {@link PutExpressionRoot}; a throttle id, tag or unique key whose expression yields an
 * empty text is skipped (the put then has no unique key). Throttle ids without expressions, and ids added with
 * {@link #addKnownThrottle(String)}, make up {@link #knownThrottles()}, the throttles that
 * meters and the endpoint report.
 */
public class PutDefaults implements PutRequestCustomizer, BeanFactoryAware {

	private static final SpelExpressionParser parser = new SpelExpressionParser();

	private final @Nullable JsonMapper jsonMapper;

	private final Map<String, Declared> byKlass = new ConcurrentHashMap<>();

	private final Map<KlassAndQueue, Declared> byKlassAndQueue = new ConcurrentHashMap<>();

	private final Set<String> known = new LinkedHashSet<>();

	private @Nullable BeanFactory beanFactory;

	/**
	 * Create an empty registry.
	 * @param jsonMapper the mapper that reads {@link RawJson} payloads for expressions, or
	 * {@code null} to hand them to expressions as they are
	 */
	public PutDefaults(@Nullable JsonMapper jsonMapper) {
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
		Assert.notNull(throttles, "'throttles' must not be null");
		declare(klass, queue, PutDeclaration.throttles(List.copyOf(throttles)));
	}

	/**
	 * Declare what jobs of a class are put with.
	 * @param klass the job class name
	 * @param queue the queue, or {@code null} for every queue
	 * @param declaration what is declared
	 */
	public void declare(String klass, @Nullable String queue, PutDeclaration declaration) {
		Assert.hasText(klass, "'klass' must not be empty");
		Assert.notNull(declaration, "'declaration' must not be null");
		if (declaration.isEmpty()) {
			return;
		}
		for (String throttle : declaration.throttles()) {
			Assert.hasText(throttle, "Throttle ids must not be empty");
			if (!throttle.contains(ParserContext.TEMPLATE_EXPRESSION.getExpressionPrefix())) {
				addKnownThrottle(throttle);
			}
		}
		String uniqueMode = declaration.uniqueMode();
		if (uniqueMode != null && !uniqueMode.contains(ParserContext.TEMPLATE_EXPRESSION.getExpressionPrefix())) {
			UniqueMode.of(uniqueMode);
		}
		Declared declared = Declared.of(declaration);
		if (queue == null) {
			this.byKlass.merge(klass, declared, Declared::and);
		}
		else {
			this.byKlassAndQueue.merge(new KlassAndQueue(klass, queue), declared, Declared::and);
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
	 * Return whether nothing is declared.
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
		Evaluation evaluation = new Evaluation(new PutExpressionRoot(payload, klass, queue, jid));
		List<String> ids = new ArrayList<>();
		for (Declared declared : declarations(klass, queue)) {
			evaluation.addAll(declared.throttles(), ids);
		}
		return ids;
	}

	@Override
	public PutRequest customize(String queue, PutRequest request) {
		List<Declared> declarations = declarations(request.klass(), queue);
		if (declarations.isEmpty()) {
			return request;
		}
		Evaluation evaluation = new Evaluation(
				new PutExpressionRoot(request.payload(), request.klass(), queue, request.jid()));
		List<String> throttles = (request.throttles() != null) ? new ArrayList<>(request.throttles())
				: new ArrayList<>();
		List<String> tags = (request.tags() != null) ? new ArrayList<>(request.tags()) : new ArrayList<>();
		Template priority = null;
		Template retries = null;
		Template delay = null;
		Declared unique = null;
		for (Declared declared : declarations) {
			evaluation.addAll(declared.throttles(), throttles);
			evaluation.addAll(declared.tags(), tags);
			priority = (declared.priority() != null) ? declared.priority() : priority;
			retries = (declared.retries() != null) ? declared.retries() : retries;
			delay = (declared.delay() != null) ? declared.delay() : delay;
			unique = (unique != null) ? unique.and(declared) : declared;
		}
		PutRequest customized = request;
		if (!throttles.isEmpty() && !throttles.equals(request.throttles())) {
			customized = customized.throttles(throttles);
		}
		if (!tags.isEmpty() && !tags.equals(request.tags())) {
			customized = customized.tags(tags.toArray(String[]::new));
		}
		if (priority != null && request.priority() == null) {
			customized = customized.priority(Integer.parseInt(evaluation.value(priority, "priority")));
		}
		if (retries != null && request.retries() == null) {
			customized = customized.retries(Integer.parseInt(evaluation.value(retries, "retries")));
		}
		if (delay != null && request.delay().isZero()) {
			customized = customized.delay(duration(evaluation.value(delay, "delay")));
		}
		if (unique != null && unique.unique() != null && request.unique() == null) {
			customized = customized.unique(uniqueKey(unique, evaluation));
		}
		return customized;
	}

	private static @Nullable UniqueKey uniqueKey(Declared declared, Evaluation evaluation) {
		String key = evaluation.evaluate(declared.unique());
		if (!StringUtils.hasText(key)) {
			return null;
		}
		UniqueMode mode = (declared.uniqueMode() != null)
				? UniqueMode.of(evaluation.value(declared.uniqueMode(), "unique mode")) : UniqueMode.FINISH;
		Duration ttl = (declared.uniqueTtl() != null) ? duration(evaluation.value(declared.uniqueTtl(), "unique TTL"))
				: null;
		return new UniqueKey(key.trim(), mode, ttl);
	}

	private static Duration duration(String value) {
		return value.chars().allMatch(Character::isDigit) ? Duration.ofSeconds(Long.parseLong(value))
				: DurationStyle.detectAndParse(value);
	}

	private List<Declared> declarations(String klass, String queue) {
		Declared forKlass = this.byKlass.get(klass);
		Declared forQueue = this.byKlassAndQueue.get(new KlassAndQueue(klass, queue));
		if (forKlass == null) {
			return (forQueue != null) ? List.of(forQueue) : List.of();
		}
		return (forQueue != null) ? List.of(forKlass, forQueue) : List.of(forKlass);
	}

	private @Nullable Object readable(@Nullable Object payload) {
		if (payload instanceof RawJson raw && this.jsonMapper != null) {
			return this.jsonMapper.readValue(raw.json(), Object.class);
		}
		return payload;
	}

	private record KlassAndQueue(String klass, String queue) {
	}

	/**
	 * A declared value, parsed once: a plain text or a template with expressions.
	 */
	private record Template(String value, @Nullable Expression expression) {

		static @Nullable Template of(@Nullable String value) {
			if (value == null) {
				return null;
			}
			if (!value.contains(ParserContext.TEMPLATE_EXPRESSION.getExpressionPrefix())) {
				return new Template(value, null);
			}
			return new Template(value, parser.parseExpression(value, ParserContext.TEMPLATE_EXPRESSION));
		}

		static List<Template> all(List<String> values) {
			List<Template> templates = new ArrayList<>(values.size());
			values.forEach((value) -> templates.add(of(value)));
			return List.copyOf(templates);
		}

	}

	/**
	 * A declaration with its values parsed.
	 */
	private record Declared(List<Template> throttles, List<Template> tags, @Nullable Template priority,
			@Nullable Template retries, @Nullable Template delay, @Nullable Template unique,
			@Nullable Template uniqueMode, @Nullable Template uniqueTtl) {

		static Declared of(PutDeclaration declaration) {
			return new Declared(Template.all(declaration.throttles()), Template.all(declaration.tags()),
					Template.of(declaration.priority()), Template.of(declaration.retries()),
					Template.of(declaration.delay()), Template.of(declaration.unique()),
					Template.of(declaration.uniqueMode()), Template.of(declaration.uniqueTtl()));
		}

		Declared and(Declared other) {
			List<Template> allThrottles = new ArrayList<>(this.throttles);
			allThrottles.addAll(other.throttles);
			List<Template> allTags = new ArrayList<>(this.tags);
			allTags.addAll(other.tags);
			return new Declared(List.copyOf(allThrottles), List.copyOf(allTags),
					(other.priority != null) ? other.priority : this.priority,
					(other.retries != null) ? other.retries : this.retries,
					(other.delay != null) ? other.delay : this.delay,
					(other.unique != null) ? other.unique : this.unique,
					(other.uniqueMode != null) ? other.uniqueMode : this.uniqueMode,
					(other.uniqueTtl != null) ? other.uniqueTtl : this.uniqueTtl);
		}

	}

	/**
	 * Evaluates templates for one put, building the expression context only if needed.
	 */
	private final class Evaluation {

		private final PutExpressionRoot root;

		private @Nullable StandardEvaluationContext context;

		Evaluation(PutExpressionRoot root) {
			this.root = root;
		}

		void addAll(List<Template> templates, List<String> into) {
			for (Template template : templates) {
				String value = evaluate(template);
				if (StringUtils.hasText(value) && !into.contains(value)) {
					into.add(value);
				}
			}
		}

		String value(Template template, String what) {
			String value = evaluate(template);
			Assert.state(StringUtils.hasText(value),
					() -> "Declared " + what + " '" + template.value() + "' yields nothing for " + this.root);
			return value.trim();
		}

		@Nullable String evaluate(Template template) {
			Expression expression = template.expression();
			if (expression == null) {
				return template.value();
			}
			if (this.context == null) {
				PutExpressionRoot readable = new PutExpressionRoot(readable(this.root.payload()), this.root.klass(),
						this.root.queue(), this.root.jid());
				StandardEvaluationContext created = new StandardEvaluationContext(readable);
				created.addPropertyAccessor(new MapAccessor());
				if (PutDefaults.this.beanFactory != null) {
					created.setBeanResolver(new BeanFactoryResolver(PutDefaults.this.beanFactory));
				}
				this.context = created;
			}
			return expression.getValue(this.context, String.class);
		}

	}

}
