/**
 * The dashboard's Spring MVC controllers, its page renderer and live updates.
 */
@NullMarked
package io.qless.dashboard.web;

import org.jspecify.annotations.NullMarked;
