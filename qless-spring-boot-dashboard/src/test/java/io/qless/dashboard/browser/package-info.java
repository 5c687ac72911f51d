/**
 * Browser tests of the dashboard: headless Chromium through Selenium.
 */
@NullMarked
package io.qless.dashboard.browser;

import org.jspecify.annotations.NullMarked;
