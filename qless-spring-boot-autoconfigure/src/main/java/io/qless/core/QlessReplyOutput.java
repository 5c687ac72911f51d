package io.qless.core;

import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.List;

import io.lettuce.core.codec.ByteArrayCodec;
import io.lettuce.core.output.CommandOutput;
import org.jspecify.annotations.Nullable;

/**
 * A Lettuce output that keeps the Redis type of a script reply: bulk strings as
 * {@code byte[]}, status replies as {@code String}, integers as {@code Long}, RESP3 booleans
 * and doubles as {@code Boolean} and {@code Double}, nil as {@code null}, and arrays (nested
 * to any depth) as {@code List}. Lettuce's own {@code ObjectOutput} wraps top-level scalars,
 * so it cannot be used here.
 */
final class QlessReplyOutput extends CommandOutput<byte[], byte[], @Nullable Object> {

	private final Deque<Frame> stack = new ArrayDeque<>();

	QlessReplyOutput() {
		super(ByteArrayCodec.INSTANCE, null);
	}

	@Override
	public void set(@Nullable ByteBuffer bytes) {
		add((bytes != null) ? copy(bytes) : null);
	}

	@Override
	public void setSingle(@Nullable ByteBuffer bytes) {
		add((bytes != null) ? new String(copy(bytes), StandardCharsets.UTF_8) : null);
	}

	@Override
	public void setBigNumber(@Nullable ByteBuffer bytes) {
		setSingle(bytes);
	}

	@Override
	public void set(long integer) {
		add(integer);
	}

	@Override
	public void set(double number) {
		add(number);
	}

	@Override
	public void set(boolean value) {
		add(value);
	}

	@Override
	public void multi(int count) {
		if (count < 0) {
			add(null);
			return;
		}
		List<@Nullable Object> list = new ArrayList<>(count);
		add(list);
		Frame frame = new Frame(list, count);
		this.stack.push(frame);
		finishCompleted();
	}

	private void add(@Nullable Object value) {
		Frame top = this.stack.peek();
		if (top == null) {
			this.output = value;
			return;
		}
		top.list.add(value);
		top.remaining--;
		if (!(value instanceof List<?>)) {
			finishCompleted();
		}
	}

	private void finishCompleted() {
		while (!this.stack.isEmpty() && this.stack.peek().remaining <= 0) {
			this.stack.pop();
		}
	}

	private static byte[] copy(ByteBuffer bytes) {
		byte[] copy = new byte[bytes.remaining()];
		bytes.get(copy);
		return copy;
	}

	private static final class Frame {

		private final List<@Nullable Object> list;

		private int remaining;

		Frame(List<@Nullable Object> list, int remaining) {
			this.list = list;
			this.remaining = remaining;
		}

	}

}
