package io.qless.test;

import java.io.BufferedInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;

import org.jspecify.annotations.Nullable;

/**
 * Just enough of the Redis protocol to probe, claim and flush a test database without
 * depending on a Redis client library.
 */
final class RespConnection implements AutoCloseable {

	private static final int TIMEOUT_MILLIS = 5_000;

	private final Socket socket;

	private final InputStream in;

	private final OutputStream out;

	private RespConnection(Socket socket) throws IOException {
		this.socket = socket;
		this.in = new BufferedInputStream(socket.getInputStream());
		this.out = socket.getOutputStream();
	}

	static RespConnection open(RedisAddress address) {
		Socket socket = new Socket();
		try {
			socket.connect(new InetSocketAddress(address.host(), address.port()), TIMEOUT_MILLIS);
			socket.setSoTimeout(TIMEOUT_MILLIS);
			RespConnection connection = new RespConnection(socket);
			if (address.password() != null) {
				if (address.username() != null) {
					connection.call("AUTH", address.username(), address.password());
				}
				else {
					connection.call("AUTH", address.password());
				}
			}
			if (address.database() != 0) {
				connection.call("SELECT", Integer.toString(address.database()));
			}
			return connection;
		}
		catch (IOException ex) {
			closeQuietly(socket);
			throw new UncheckedIOException("Cannot connect to Redis at " + address.redacted() + ": " + ex.getMessage(),
					ex);
		}
		catch (RuntimeException ex) {
			closeQuietly(socket);
			throw ex;
		}
	}

	/**
	 * Send one command and read its reply: a String, Long, List or {@code null}.
	 * @throws IllegalStateException for an error reply
	 */
	@Nullable Object call(String... args) {
		try {
			ByteArrayOutputStream request = new ByteArrayOutputStream();
			request.write(("*" + args.length + "\r\n").getBytes(StandardCharsets.UTF_8));
			for (String arg : args) {
				byte[] bytes = arg.getBytes(StandardCharsets.UTF_8);
				request.write(("$" + bytes.length + "\r\n").getBytes(StandardCharsets.UTF_8));
				request.write(bytes);
				request.write("\r\n".getBytes(StandardCharsets.UTF_8));
			}
			this.out.write(request.toByteArray());
			this.out.flush();
			return readReply();
		}
		catch (IOException ex) {
			throw new UncheckedIOException("Redis " + args[0] + " failed: " + ex.getMessage(), ex);
		}
	}

	private @Nullable Object readReply() throws IOException {
		int type = this.in.read();
		String line = readLine();
		switch (type) {
			case '+':
				return line;
			case '-':
				throw new IllegalStateException(line);
			case ':':
				return Long.parseLong(line);
			case '$': {
				int length = Integer.parseInt(line);
				if (length < 0) {
					return null;
				}
				byte[] bytes = this.in.readNBytes(length + 2);
				return new String(bytes, 0, length, StandardCharsets.UTF_8);
			}
			case '*': {
				int count = Integer.parseInt(line);
				if (count < 0) {
					return null;
				}
				List<@Nullable Object> items = new ArrayList<>(count);
				for (int i = 0; i < count; i++) {
					items.add(readReply());
				}
				return items;
			}
			default:
				throw new IOException("Unexpected Redis reply type " + type);
		}
	}

	private String readLine() throws IOException {
		ByteArrayOutputStream line = new ByteArrayOutputStream();
		int b;
		while ((b = this.in.read()) != '\r') {
			if (b < 0) {
				throw new IOException("Connection closed by Redis");
			}
			line.write(b);
		}
		this.in.read();
		return line.toString(StandardCharsets.UTF_8);
	}

	@Override
	public void close() {
		closeQuietly(this.socket);
	}

	private static void closeQuietly(Socket socket) {
		try {
			socket.close();
		}
		catch (IOException ex) {
			// nothing to do
		}
	}

}
