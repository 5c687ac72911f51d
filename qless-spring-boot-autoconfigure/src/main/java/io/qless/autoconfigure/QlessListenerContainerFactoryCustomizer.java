package io.qless.autoconfigure;

import io.qless.listener.DefaultQlessListenerContainerFactory;

/**
 * Callback to customize the auto-configured {@link DefaultQlessListenerContainerFactory},
 * after {@link QlessListenerContainerFactoryConfigurer} applied the {@code qless.*}
 * properties.
 */
@FunctionalInterface
public interface QlessListenerContainerFactoryCustomizer {

	/**
	 * Customize the factory.
	 * @param factory the factory
	 */
	void customize(DefaultQlessListenerContainerFactory factory);

}
