/**
 * A chaos run (not a test: run by hand): worker JVMs killed with {@code kill -9} and a
 * Redis stopped and restarted under load, then checked for lost jobs, jobs run on two
 * workers at once, histories out of time order and slow script calls.
 */
@NullMarked
package io.qless.chaos;

import org.jspecify.annotations.NullMarked;
