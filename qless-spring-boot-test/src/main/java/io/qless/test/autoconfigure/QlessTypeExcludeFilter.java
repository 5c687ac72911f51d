package io.qless.test.autoconfigure;

import java.io.IOException;
import java.util.Set;

import io.qless.annotation.QlessJob;
import io.qless.annotation.QueueHandler;
import io.qless.autoconfigure.QlessListenerContainerFactoryCustomizer;
import io.qless.autoconfigure.QlessTemplateCustomizer;
import io.qless.core.PutRequestCustomizer;
import io.qless.core.QlessPayloadConverter;
import io.qless.listener.JobObserver;
import io.qless.listener.QlessErrorHandler;
import io.qless.listener.QlessJobInterceptor;
import io.qless.listener.QlessJobObservationConvention;

import org.springframework.boot.test.context.filter.annotation.StandardAnnotationCustomizableTypeExcludeFilter;
import org.springframework.core.type.AnnotationMetadata;
import org.springframework.core.type.classreading.MetadataReader;
import org.springframework.core.type.classreading.MetadataReaderFactory;

/**
 * The components {@link QlessTest @QlessTest} starts: the handler beans (or only those
 * named in {@link QlessTest#handlers()}) and the beans that shape how jobs are put and run.
 */
final class QlessTypeExcludeFilter extends StandardAnnotationCustomizableTypeExcludeFilter<QlessTest> {

	private static final Set<Class<?>> KNOWN_INCLUDES = Set.of(QlessErrorHandler.class, QlessJobInterceptor.class,
			JobObserver.class, QlessJobObservationConvention.class, QlessPayloadConverter.class,
			PutRequestCustomizer.class, QlessTemplateCustomizer.class, QlessListenerContainerFactoryCustomizer.class);

	private final Set<Class<?>> handlers;

	QlessTypeExcludeFilter(Class<?> testClass) {
		super(testClass);
		this.handlers = getAnnotation().getValue("handlers", Class[].class).map(Set::<Class<?>>of).orElse(Set.of());
	}

	@Override
	protected Set<Class<?>> getKnownIncludes() {
		return KNOWN_INCLUDES;
	}

	@Override
	protected Set<Class<?>> getComponentIncludes() {
		return this.handlers;
	}

	@Override
	protected boolean defaultInclude(MetadataReader metadataReader, MetadataReaderFactory metadataReaderFactory)
			throws IOException {
		if (super.defaultInclude(metadataReader, metadataReaderFactory)) {
			return true;
		}
		AnnotationMetadata metadata = metadataReader.getAnnotationMetadata();
		return this.handlers.isEmpty() && (metadata.hasAnnotation(QlessJob.class.getName())
				|| metadata.hasAnnotatedMethods(QueueHandler.class.getName()));
	}

}
