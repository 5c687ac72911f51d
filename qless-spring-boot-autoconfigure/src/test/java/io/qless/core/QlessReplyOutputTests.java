package io.qless.core;

import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.List;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

class QlessReplyOutputTests {

	private static ByteBuffer bytes(String text) {
		return ByteBuffer.wrap(text.getBytes(StandardCharsets.UTF_8));
	}

	@Test
	void topLevelScalarsKeepTheirType() {
		QlessReplyOutput bulk = new QlessReplyOutput();
		bulk.set(bytes("jid"));
		assertThat(bulk.get()).isEqualTo("jid".getBytes(StandardCharsets.UTF_8));
		QlessReplyOutput integer = new QlessReplyOutput();
		integer.set(161L);
		assertThat(integer.get()).isEqualTo(161L);
		QlessReplyOutput nil = new QlessReplyOutput();
		nil.set((ByteBuffer) null);
		assertThat(nil.get()).isNull();
		QlessReplyOutput bool = new QlessReplyOutput();
		bool.set(true);
		assertThat(bool.get()).isEqualTo(true);
	}

	@Test
	void arraysNestToAnyDepth() {
		QlessReplyOutput output = new QlessReplyOutput();
		output.multi(3);
		output.set(bytes("a"));
		output.multi(2);
		output.set(1L);
		output.multi(0);
		output.set(bytes("c"));
		assertThat(output.get()).isInstanceOfSatisfying(List.class, (list) -> {
			assertThat(list).hasSize(3);
			assertThat(list.get(1)).isEqualTo(List.of(1L, List.of()));
			assertThat((byte[]) list.get(2)).isEqualTo("c".getBytes(StandardCharsets.UTF_8));
		});
		QlessReplyOutput empty = new QlessReplyOutput();
		empty.multi(0);
		assertThat(empty.get()).isEqualTo(List.of());
	}

}
