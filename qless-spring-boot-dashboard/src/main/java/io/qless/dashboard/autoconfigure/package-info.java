/**
 * Auto-configuration of the qless dashboard: properties, MVC wiring and its security.
 */
@NullMarked
package io.qless.dashboard.autoconfigure;

import org.jspecify.annotations.NullMarked;
