package io.qless.listener;

import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Method;
import java.lang.reflect.Parameter;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Function;

import io.qless.handler.JobHeader;
import io.qless.handler.PayloadConversionException;
import io.qless.handler.QlessJobContext;
import org.jspecify.annotations.Nullable;
import tools.jackson.core.JacksonException;
import tools.jackson.databind.JavaType;
import tools.jackson.databind.json.JsonMapper;

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

	HandlerMethodInvoker(Object bean, Method method, JsonMapper jsonMapper) {
		Assert.notNull(bean, "'bean' must not be null");
		Assert.notNull(method, "'method' must not be null");
		Assert.notNull(jsonMapper, "'jsonMapper' must not be null");
		this.bean = bean;
		this.method = method;
		ReflectionUtils.makeAccessible(method);
		this.resolvers = resolvers(method, jsonMapper);
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

	private static List<Function<QlessJobContext, @Nullable Object>> resolvers(Method method, JsonMapper jsonMapper) {
		List<Function<QlessJobContext, @Nullable Object>> resolvers = new ArrayList<>();
		boolean payloadSeen = false;
		for (Parameter parameter : method.getParameters()) {
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
				resolvers.add(payloadResolver(parameter, jsonMapper));
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

	private static Function<QlessJobContext, @Nullable Object> payloadResolver(Parameter parameter,
			JsonMapper jsonMapper) {
		JavaType type = jsonMapper.getTypeFactory().constructType(parameter.getParameterizedType());
		boolean primitive = parameter.getType().isPrimitive();
		return (job) -> {
			Object value;
			try {
				value = jsonMapper.readValue(job.rawData(), type);
			}
			catch (JacksonException ex) {
				throw new PayloadConversionException("Job " + job.jid() + " data cannot be read as " + type + ": "
						+ ex.getOriginalMessage(), ex);
			}
			if (value == null && primitive) {
				throw new PayloadConversionException(
						"Job " + job.jid() + " has null data but the handler takes a " + parameter.getType(), null);
			}
			return value;
		};
	}

}
