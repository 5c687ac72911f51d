package io.qless.core;

import java.nio.charset.StandardCharsets;
import java.util.List;

/**
 * One call of the qless script: the command, {@code now} and the command's arguments, all as
 * strings, exactly as they go on the wire after {@code EVALSHA <sha> 0}.
 *
 * @param command the qless command, for example {@code put}
 * @param now the time in seconds since the epoch, as a decimal string
 * @param args the command's arguments
 */
record ScriptCall(String command, String now, List<String> args) {

	byte[][] toArgv() {
		byte[][] argv = new byte[this.args.size() + 2][];
		argv[0] = this.command.getBytes(StandardCharsets.UTF_8);
		argv[1] = this.now.getBytes(StandardCharsets.UTF_8);
		for (int i = 0; i < this.args.size(); i++) {
			argv[i + 2] = this.args.get(i).getBytes(StandardCharsets.UTF_8);
		}
		return argv;
	}

}
