package io.qless.core;

import io.qless.scripts.LuaScript;
import io.qless.scripts.QlessScripts;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

class ScriptOnClasspathTests {

	@Test
	void qlessScriptIsOnTheClasspathOfTheClient() {
		LuaScript script = QlessScripts.qless();
		assertThat(script.text()).isNotBlank();
		assertThat(script.sha1()).matches("[0-9a-f]{40}");
	}

}
