package io.qless.core;

import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.List;

import io.lettuce.core.codec.ByteArrayCodec;
import io.lettuce.core.protocol.CommandArgs;
import io.netty.buffer.ByteBuf;
import org.jspecify.annotations.Nullable;

/**
 * The arguments of one {@code EVALSHA}/{@code FCALL} of the qless script, written as the
 * driver sends them: {@code <sha or function> 0 <command> <now> <args...>}, with
 * {@code now} read from the call's clock at that moment (Lettuce encodes a command each
 * time it writes it, including when it writes it again after a reconnect).
 * <p>
 * A call to a hash-tagged shard has one key, the shard's key prefix
 * ({@code <sha> 1 ql:{orders}: <command> ...}); it is also this call's
 * {@linkplain #getFirstEncodedKey() first key}, by which Lettuce's cluster client routes it to
 * the node that owns the slot (and follows {@code MOVED} and {@code ASK} redirections).
 */
final class ScriptArguments extends CommandArgs<byte[], byte[]> {

	private static final byte[] CRLF = "\r\n".getBytes(StandardCharsets.US_ASCII);

	private static final byte[] NO_KEYS = "0".getBytes(StandardCharsets.US_ASCII);

	private static final byte[] ONE_KEY = "1".getBytes(StandardCharsets.US_ASCII);

	private final byte[] target;

	private final byte[] command;

	private final ScriptCall call;

	private final byte[][] args;

	private final byte @Nullable [] key;

	ScriptArguments(String target, ScriptCall call) {
		super(ByteArrayCodec.INSTANCE);
		this.target = target.getBytes(StandardCharsets.UTF_8);
		this.command = call.command().getBytes(StandardCharsets.UTF_8);
		this.call = call;
		this.key = (call.key() != null) ? call.key().getBytes(StandardCharsets.UTF_8) : null;
		List<String> values = call.args();
		this.args = new byte[values.size()][];
		for (int i = 0; i < this.args.length; i++) {
			this.args[i] = values.get(i).getBytes(StandardCharsets.UTF_8);
		}
	}

	@Override
	public int count() {
		return 4 + this.args.length + ((this.key != null) ? 1 : 0);
	}

	@Override
	public @Nullable ByteBuffer getFirstEncodedKey() {
		return (this.key != null) ? ByteBuffer.wrap(this.key) : null;
	}

	@Override
	public void encode(ByteBuf buf) {
		write(buf, this.target);
		if (this.key != null) {
			write(buf, ONE_KEY);
			write(buf, this.key);
		}
		else {
			write(buf, NO_KEYS);
		}
		write(buf, this.command);
		write(buf, this.call.now().getBytes(StandardCharsets.US_ASCII));
		for (byte[] arg : this.args) {
			write(buf, arg);
		}
	}

	private static void write(ByteBuf buf, byte[] value) {
		buf.writeByte('$');
		writeDigits(buf, value.length);
		buf.writeBytes(CRLF);
		buf.writeBytes(value);
		buf.writeBytes(CRLF);
	}

	/** The decimal digits of a length, without making a string of them (one per argument). */
	private static void writeDigits(ByteBuf buf, int length) {
		int divisor = 1;
		while (length / divisor >= 10) {
			divisor *= 10;
		}
		for (; divisor > 0; divisor /= 10) {
			buf.writeByte('0' + (length / divisor) % 10);
		}
	}

	@Override
	public String toCommandString() {
		String keys = (this.call.key() != null) ? " 1 " + this.call.key() + " " : " 0 ";
		return new String(this.target, StandardCharsets.UTF_8) + keys + this.call.command() + " <now> "
				+ String.join(" ", this.call.args());
	}

	@Override
	public String toString() {
		return getClass().getSimpleName() + " [" + toCommandString() + "]";
	}

}
