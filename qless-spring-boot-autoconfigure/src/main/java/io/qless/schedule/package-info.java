/**
 * Schedules: cron and interval schedules declared on handlers or in properties, registered
 * in Redis at startup, and the scheduler that fires due cron schedules, exactly once per
 * fire time across any number of instances.
 */
@NullMarked
package io.qless.schedule;

import org.jspecify.annotations.NullMarked;
