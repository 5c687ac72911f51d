package io.qless.scripts;

import java.nio.ByteBuffer;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.List;

import io.lettuce.core.codec.StringCodec;
import io.lettuce.core.output.CommandOutput;
import org.jspecify.annotations.Nullable;

/**
 * Keeps a script reply exactly as Redis typed it: an integer as {@link Long}, a bulk or
 * status string as {@link String}, a nil as {@code null}, an array as a {@link List} of
 * those (nested as needed). Lettuce's own object output wraps scalars in lists.
 */
public final class RawOutput extends CommandOutput<String, String, @Nullable Object> {

	private final Deque<Frame> frames = new ArrayDeque<>();

	public RawOutput() {
		super(StringCodec.UTF8, null);
	}

	@Override
	public void set(@Nullable ByteBuffer bytes) {
		add((bytes != null) ? decodeString(bytes) : null);
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
		}
		else if (count == 0) {
			add(new ArrayList<>());
		}
		else {
			this.frames.push(new Frame(new ArrayList<>(), count));
		}
	}

	private void add(@Nullable Object value) {
		Frame top = this.frames.peek();
		if (top == null) {
			this.output = value;
			return;
		}
		top.items().add(value);
		if (top.items().size() == top.expected()) {
			this.frames.pop();
			add(top.items());
		}
	}

	private record Frame(List<@Nullable Object> items, int expected) {
	}

}
