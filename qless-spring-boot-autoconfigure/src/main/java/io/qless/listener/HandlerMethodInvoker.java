package io.qless.listener;

import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Method;
import java.lang.reflect.Parameter;
import java.lang.reflect.Type;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.function.Function;

import io.qless.core.QlessPayloadConverter;
import io.qless.handler.JobHeader;
import io.qless.handler.PayloadConversionException;
import io.qless.handler.QlessJobContext;
import org.jspecify.annotations.Nullable;
import tools.jackson.core.JacksonException;

import org.springframework.core.MethodParameter;
import org.springframework.core.Nullness;
import org.springframework.util.Assert;
import org.springframework.util.ReflectionUtils;

/**
 * Calls one handler method with arguments resolved from a job. How each parameter is
 * resolved is worked out once, when the handler is registered, so that a bad signature
 * fails at start-up rather than on the first job.
 */
final class HandlerMethodInvoker {

	private final Object bean;

	private final Method method;

	private final List<Function<QlessJobContext, @Nullable Object>> resolvers;

	HandlerMethodInvoker(Object bean, Method method, QlessPayloadConverter payloads) {
		Assert.notNull(bean, "'bean' must not be null");
		Assert.notNull(method, "'method' must not be null");
		Assert.notNull(payloads, "'payloads' must not be null");
		this.bean = bean;
		this.method = method;
		ReflectionUtils.makeAccessible(method);
		this.resolvers = resolvers(method, payloads);
	}

	Method method() {
		return this.method;
	}

	/**
	 * Invoke the handler.
	 * @return what the handler returned
	 * @throws PayloadConversionException if the job's data does not fit the payload type
	 * @throws Exception what the handler threw
	 */
	@Nullable Object invoke(QlessJobContext job) throws Exception {
		@Nullable Object[] args = new Object[this.resolvers.size()];
		for (int i = 0; i < args.length; i++) {
			args[i] = this.resolvers.get(i).apply(job);
		}
		try {
			return this.method.invoke(this.bean, args);
		}
		catch (InvocationTargetException ex) {
			Throwable cause = ex.getTargetException();
			if (cause instanceof Exception exception) {
				throw exception;
			}
			throw (Error) cause;
		}
	}

	private static List<Function<QlessJobContext, @Nullable Object>> resolvers(Method method,
			QlessPayloadConverter payloads) {
		List<Function<QlessJobContext, @Nullable Object>> resolvers = new ArrayList<>();
		boolean payloadSeen = false;
		Parameter[] parameters = method.getParameters();
		for (int index = 0; index < parameters.length; index++) {
			Parameter parameter = parameters[index];
			JobHeader header = parameter.getAnnotation(JobHeader.class);
			if (parameter.getType() == QlessJobContext.class) {
				resolvers.add((job) -> job);
			}
			else if (header != null) {
				resolvers.add(headerResolver(method, parameter, header.value()));
			}
			else {
				Assert.state(!payloadSeen, () -> "Handler " + method + " has more than one payload parameter; "
						+ "annotate the others with @JobHeader or use QlessJobContext");
				payloadSeen = true;
				resolvers.add(payloadResolver(new MethodParameter(method, index), payloads));
			}
		}
		return List.copyOf(resolvers);
	}

	private static Function<QlessJobContext, @Nullable Object> headerResolver(Method method, Parameter parameter,
			String name) {
		Class<?> type = parameter.getType();
		switch (name) {
			case JobHeader.JID:
				return checked(method, parameter, String.class, QlessJobContext::jid);
			case JobHeader.QUEUE:
				return checked(method, parameter, String.class, QlessJobContext::queue);
			case JobHeader.KLASS:
				return checked(method, parameter, String.class, QlessJobContext::klass);
			case JobHeader.RAW_DATA:
				return checked(method, parameter, String.class, QlessJobContext::rawData);
			case JobHeader.TAGS:
				Assert.state(type.isAssignableFrom(List.class),
						() -> "@JobHeader(\"tags\") needs a List<String> parameter in " + method);
				return QlessJobContext::tags;
			case JobHeader.PRIORITY:
				return checkedInt(method, parameter, QlessJobContext::priority);
			case JobHeader.RETRIES:
				return checkedInt(method, parameter, QlessJobContext::retries);
			case JobHeader.RETRIES_LEFT:
				return checkedInt(method, parameter, QlessJobContext::retriesLeft);
			default:
				throw new IllegalStateException("Unknown @JobHeader(\"" + name + "\") in " + method);
		}
	}

	private static Function<QlessJobContext, @Nullable Object> checked(Method method, Parameter parameter,
			Class<?> expected, Function<QlessJobContext, @Nullable Object> resolver) {
		Assert.state(parameter.getType().isAssignableFrom(expected),
				() -> "Parameter " + parameter.getName() + " of " + method + " must be a " + expected.getSimpleName());
		return resolver;
	}

	private static Function<QlessJobContext, @Nullable Object> checkedInt(Method method, Parameter parameter,
			Function<QlessJobContext, Integer> resolver) {
		Class<?> type = parameter.getType();
		Assert.state(type == int.class || type == Integer.class || type == long.class || type == Long.class,
				() -> "Parameter " + parameter.getName() + " of " + method + " must be an int");
		if (type == long.class || type == Long.class) {
			return (job) -> resolver.apply(job).longValue();
		}
		return resolver::apply;
	}

	/**
	 * Resolve the payload parameter from the job's data. Data that cannot become the
	 * parameter fails the job at once with a {@link PayloadConversionException}: data that
	 * does not fit the type, and {@code null} data for a parameter not declared nullable
	 * (JSpecify, Kotlin or other {@code @Nullable} annotations, or {@code Optional}).
	 */
	private static Function<QlessJobContext, @Nullable Object> payloadResolver(MethodParameter parameter,
			QlessPayloadConverter payloads) {
		boolean optional = parameter.getParameterType() == Optional.class;
		Type type = optional ? parameter.nested().getNestedGenericParameterType()
				: parameter.getGenericParameterType();
		boolean nullable = !optional && !parameter.getParameterType().isPrimitive()
				&& Nullness.forMethodParameter(parameter) == Nullness.NULLABLE;
		return (job) -> {
			Object value;
			try {
				value = payloads.read(job.rawData(), type);
			}
			catch (RuntimeException ex) {
				throw new PayloadConversionException("Job " + job.jid() + " data cannot be read as " + type.getTypeName()
						+ ": " + message(ex), ex);
			}
			if (optional) {
				return Optional.ofNullable(value);
			}
			if (value == null && !nullable) {
				throw new PayloadConversionException("Job " + job.jid() + " has null data, but the handler's parameter '"
						+ parameter.getParameterName() + "' (" + type.getTypeName() + ") is not @Nullable", null);
			}
			return value;
		};
	}

	private static String message(RuntimeException ex) {
		return (ex instanceof JacksonException jackson) ? jackson.getOriginalMessage() : String.valueOf(ex.getMessage());
	}

}
