package io.qless.annotation;

import java.lang.reflect.Method;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

import io.qless.listener.HandlerOptions;
import io.qless.listener.QlessListenerContainerFactory;
import io.qless.listener.QlessListenerEndpoint;
import io.qless.listener.QlessListenerEndpointRegistry;
import io.qless.listener.RetryBackOff;
import io.qless.producer.PutDeclaration;
import io.qless.producer.PutDefaults;
import io.qless.schedule.DeclaredSchedule;
import io.qless.schedule.ScheduleRegistry;
import org.apache.commons.logging.Log;
import org.apache.commons.logging.LogFactory;
import org.jspecify.annotations.Nullable;

import org.springframework.aop.support.AopUtils;
import org.springframework.beans.BeansException;
import org.springframework.beans.factory.BeanFactory;
import org.springframework.beans.factory.BeanFactoryAware;
import org.springframework.beans.factory.SmartInitializingSingleton;
import org.springframework.beans.factory.config.BeanExpressionContext;
import org.springframework.beans.factory.config.BeanExpressionResolver;
import org.springframework.beans.factory.config.BeanPostProcessor;
import org.springframework.beans.factory.config.ConfigurableBeanFactory;
import org.springframework.boot.convert.DurationStyle;
import org.springframework.core.MethodIntrospector;
import org.springframework.core.Ordered;
import org.springframework.core.annotation.AnnotatedElementUtils;
import org.springframework.util.Assert;
import org.springframework.util.StringUtils;

/**
 * Finds {@link QueueHandler} methods on beans (looking through proxies), turns each into
 * one {@link QlessListenerEndpoint} per queue, and registers them with the
 * {@link QlessListenerEndpointRegistry} once all singletons exist. The
 * {@link QlessSchedule}s on handler methods and classes go to the {@link ScheduleRegistry}.
 */
public class QlessListenerAnnotationBeanPostProcessor
		implements BeanPostProcessor, BeanFactoryAware, SmartInitializingSingleton, Ordered {

	/** Bean name under which the auto-configuration registers this post-processor. */
	public static final String BEAN_NAME = "io.qless.annotation.internalQlessListenerAnnotationProcessor";

	private static final Log logger = LogFactory.getLog(QlessListenerAnnotationBeanPostProcessor.class);

	private final Set<Class<?>> classesWithoutHandlers = ConcurrentHashMap.newKeySet();

	private final List<Registration> registrations = new ArrayList<>();

	private @Nullable ConfigurableBeanFactory beanFactory;

	private @Nullable BeanExpressionResolver expressionResolver;

	private @Nullable BeanExpressionContext expressionContext;

	private volatile @Nullable PutDefaults putDefaults;

	private final ScheduleDeclarations schedules = new ScheduleDeclarations(this::resolve);

	@Override
	public void setBeanFactory(BeanFactory beanFactory) {
		if (beanFactory instanceof ConfigurableBeanFactory configurable) {
			this.beanFactory = configurable;
			this.expressionResolver = configurable.getBeanExpressionResolver();
			this.expressionContext = new BeanExpressionContext(configurable, null);
		}
	}

	@Override
	public int getOrder() {
		return LOWEST_PRECEDENCE;
	}

	@Override
	public Object postProcessAfterInitialization(Object bean, String beanName) throws BeansException {
		Class<?> targetClass = AopUtils.getTargetClass(bean);
		if (this.classesWithoutHandlers.contains(targetClass)) {
			return bean;
		}
		Map<Method, QueueHandler> handlers = MethodIntrospector.selectMethods(targetClass,
				(MethodIntrospector.MetadataLookup<QueueHandler>) (method) -> AnnotatedElementUtils
					.findMergedAnnotation(method, QueueHandler.class));
		if (handlers.isEmpty()) {
			this.classesWithoutHandlers.add(targetClass);
			if (AnnotatedElementUtils.hasAnnotation(targetClass, QlessSchedule.class)
					|| AnnotatedElementUtils.hasAnnotation(targetClass, QlessSchedules.class)) {
				logger.warn("@QlessSchedule on " + targetClass.getName() + " ignored: the class has no @QueueHandler method");
			}
			return bean;
		}
		List<String> klasses = klasses(targetClass);
		QlessJob job = AnnotatedElementUtils.findMergedAnnotation(targetClass, QlessJob.class);
		if (job != null) {
			declare(klasses, null, declaration(job.throttles(), job.tags(), targetClass, job.priority(), job.retries(),
					job.delay(), job.unique(), job.uniqueMode(), job.uniqueTtl()), targetClass);
		}
		handlers.forEach((method, handler) -> register(bean, beanName, targetClass, klasses, method, handler));
		declareSchedules(targetClass, klasses.get(0), handlers);
		return bean;
	}

	private void declareSchedules(Class<?> targetClass, String klass, Map<Method, QueueHandler> handlers) {
		List<DeclaredSchedule> declared = new ArrayList<>();
		Set<String> allQueues = new LinkedHashSet<>();
		handlers.forEach((method, handler) -> {
			List<String> queues = Arrays.stream(handler.value()).map(this::resolve).toList();
			allQueues.addAll(queues);
			declared.addAll(this.schedules.onMethod(targetClass, method, klass, queues));
		});
		declared.addAll(this.schedules.onClass(targetClass, klass, allQueues));
		if (declared.isEmpty()) {
			return;
		}
		ScheduleRegistry registry = (this.beanFactory != null)
				? this.beanFactory.getBeanProvider(ScheduleRegistry.class).getIfUnique() : null;
		if (registry == null) {
			logger.info("@QlessSchedule on " + targetClass.getName()
					+ " ignored: no ScheduleRegistry bean (qless.schedules.enabled=false)");
			return;
		}
		declared.forEach(registry::declare);
	}

	/**
	 * Resolve {@code ${...}} now; {@code #{...}} stays for each put, where the payload is
	 * known.
	 */
	private PutDeclaration declaration(String[] throttles, String[] tags, Object source, String priority,
			String retries, String delay, String unique, String uniqueMode, String uniqueTtl) {
		return new PutDeclaration(placeholders(throttles, "throttle id", source), placeholders(tags, "tag", source),
				placeholder(priority), placeholder(retries), placeholder(delay), placeholder(unique),
				placeholder(uniqueMode), placeholder(uniqueTtl));
	}

	private List<String> placeholders(String[] values, String what, Object source) {
		List<String> resolved = new ArrayList<>(values.length);
		for (String value : values) {
			String text = placeholder(value);
			Assert.state(StringUtils.hasText(text), () -> "Empty " + what + " on " + source);
			resolved.add(text);
		}
		return resolved;
	}

	private @Nullable String placeholder(String value) {
		if (!StringUtils.hasText(value)) {
			return null;
		}
		return (this.beanFactory != null) ? this.beanFactory.resolveEmbeddedValue(value) : value;
	}

	private void declare(List<String> klasses, @Nullable String queue, PutDeclaration declaration, Object source) {
		if (declaration.isEmpty()) {
			return;
		}
		PutDefaults registry = putDefaults();
		if (registry == null) {
			logger.warn("Put defaults (throttles, tags, priority, retries, delay, unique) declared on " + source
					+ " are ignored: no PutDefaults bean");
			return;
		}
		klasses.forEach((klass) -> registry.declare(klass, queue, declaration));
	}

	private @Nullable PutDefaults putDefaults() {
		if (this.putDefaults == null && this.beanFactory != null) {
			this.putDefaults = this.beanFactory.getBeanProvider(PutDefaults.class).getIfUnique();
		}
		return this.putDefaults;
	}

	private void register(Object bean, String beanName, Class<?> targetClass, List<String> klasses, Method method,
			QueueHandler handler) {
		Method invocable = AopUtils.selectInvocableMethod(method, bean.getClass());
		HandlerOptions options = options(handler);
		String id = resolve(handler.id());
		if (!StringUtils.hasText(id)) {
			id = targetClass.getSimpleName() + "." + method.getName();
		}
		String factory = StringUtils.hasText(handler.containerFactory()) ? resolve(handler.containerFactory())
				: QueueHandler.DEFAULT_CONTAINER_FACTORY;
		Set<String> queues = new LinkedHashSet<>();
		for (String queue : handler.value()) {
			queues.add(resolve(queue));
		}
		Assert.state(!queues.isEmpty(), () -> "@QueueHandler on " + method + " names no queue");
		PutDeclaration declaration = declaration(handler.throttles(), handler.tags(), method, handler.priority(),
				handler.retries(), handler.delay(), handler.unique(), handler.uniqueMode(), handler.uniqueTtl());
		for (String queue : queues) {
			Assert.state(StringUtils.hasText(queue), () -> "@QueueHandler on " + method + " has an empty queue name");
			declare(klasses, queue, declaration, method);
			for (String klass : klasses) {
				QlessListenerEndpoint endpoint = new QlessListenerEndpoint(id, klass, queue, bean, invocable, options);
				synchronized (this.registrations) {
					this.registrations.add(new Registration(endpoint, factory));
				}
				if (logger.isDebugEnabled()) {
					logger.debug("Found qless handler " + endpoint.description() + " on bean '" + beanName + "'");
				}
			}
		}
	}

	@Override
	public void afterSingletonsInstantiated() {
		Assert.state(this.beanFactory != null, "No bean factory");
		List<Registration> found;
		synchronized (this.registrations) {
			found = List.copyOf(this.registrations);
			this.registrations.clear();
		}
		if (found.isEmpty()) {
			return;
		}
		QlessListenerEndpointRegistry registry = this.beanFactory.getBean(QlessListenerEndpointRegistry.class);
		for (Registration registration : found) {
			QlessListenerContainerFactory factory = this.beanFactory.getBean(registration.factory(),
					QlessListenerContainerFactory.class);
			registry.registerEndpoint(registration.endpoint(), factory);
		}
	}

	/**
	 * Return the klass names the bean answers to: those of {@link QlessJob#value()}, or the
	 * class name; the first is the one the application puts with.
	 */
	private List<String> klasses(Class<?> targetClass) {
		QlessJob job = AnnotatedElementUtils.findMergedAnnotation(targetClass, QlessJob.class);
		Set<String> names = new LinkedHashSet<>();
		if (job != null) {
			for (String value : job.value()) {
				String name = resolve(value);
				if (StringUtils.hasText(name)) {
					names.add(name);
				}
			}
		}
		if (names.isEmpty()) {
			names.add(targetClass.getName());
		}
		return List.copyOf(names);
	}

	private HandlerOptions options(QueueHandler handler) {
		String concurrency = resolve(handler.concurrency());
		String initial = resolve(handler.backOffInitial());
		String multiplier = resolve(handler.backOffMultiplier());
		String max = resolve(handler.backOffMax());
		RetryBackOff.Overrides backOff = new RetryBackOff.Overrides(
				StringUtils.hasText(initial) ? DurationStyle.detectAndParse(initial) : null,
				StringUtils.hasText(multiplier) ? Double.valueOf(multiplier) : null,
				StringUtils.hasText(max) ? DurationStyle.detectAndParse(max) : null);
		String group = resolve(handler.failureGroup());
		String autoStartup = resolve(handler.autoStartup());
		String timeout = resolve(handler.timeout());
		return new HandlerOptions(StringUtils.hasText(concurrency) ? Integer.valueOf(concurrency) : null,
				backOff.isEmpty() ? null : backOff,
				Arrays.asList(handler.nonRetryable()), StringUtils.hasText(group) ? group : null,
				StringUtils.hasText(autoStartup) ? Boolean.valueOf(autoStartup) : null,
				StringUtils.hasText(timeout) ? DurationStyle.detectAndParse(timeout) : null);
	}

	private String resolve(String value) {
		if (this.beanFactory == null || !StringUtils.hasText(value)) {
			return value;
		}
		String resolved = this.beanFactory.resolveEmbeddedValue(value);
		if (resolved != null && this.expressionResolver != null && this.expressionContext != null) {
			Object evaluated = this.expressionResolver.evaluate(resolved, this.expressionContext);
			return (evaluated != null) ? evaluated.toString() : "";
		}
		return (resolved != null) ? resolved : "";
	}

	private record Registration(QlessListenerEndpoint endpoint, String factory) {
	}

}
