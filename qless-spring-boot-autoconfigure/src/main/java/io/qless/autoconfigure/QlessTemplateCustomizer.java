package io.qless.autoconfigure;

import io.qless.core.QlessTemplate;

/**
 * Callback to customize the auto-configured {@link QlessTemplate}.
 */
@FunctionalInterface
public interface QlessTemplateCustomizer {

	/**
	 * Customize the template.
	 * @param template the template
	 */
	void customize(QlessTemplate template);

}
