/**
 * The qless-core Lua scripting API, assembled from {@code src/main/lua} at build time.
 */
@NullMarked
package io.qless.scripts;

import org.jspecify.annotations.NullMarked;
