/**
 * The gnomes business plan as qless jobs: collect underpants, ?, profit.
 */
@NullMarked
package io.qless.sample.gnomes;

import org.jspecify.annotations.NullMarked;
