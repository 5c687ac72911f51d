package io.qless.test.autoconfigure.slice;

import io.qless.listener.QlessListenerEndpointRegistry;
import io.qless.test.autoconfigure.QlessTest;
import org.junit.jupiter.api.Test;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.context.ApplicationContext;

import static org.assertj.core.api.Assertions.assertThat;

@QlessTest(handlers = MailJob.class)
class HandlersAttributeTests {

	@Autowired
	private ApplicationContext context;

	@Autowired
	private QlessListenerEndpointRegistry registry;

	@Test
	void startsOnlyTheHandlersNamed() {
		assertThat(this.context.getBeansOfType(MailJob.class)).hasSize(1);
		assertThat(this.context.getBeansOfType(PipelineJob.class)).isEmpty();
		assertThat(this.registry.getContainerStates()).containsOnlyKeys("mail");
	}

}
