-- The reqless command dispatch: `reqless(keys, argv)` runs
-- `argv[1]` with `now = argv[2]`, like the qless dispatcher in api.lua.

-- `<command>:<module letter>` per line: W ReqlessWork, J ReqlessJob, Q ReqlessQueue,
-- A ReqlessAdmin, T ReqlessThrottleCommands, S Schedule (schedule.lua, an extension
-- shared with the qless dialect). A constant string, as in api.lua, so
-- that routing builds nothing on each call; the hot commands first, as
-- there.
local REQLESS_ROUTES = [[

queue.put:W
queue.pop:W
job.complete:W
worker.settle:W
job.heartbeat:W
job.fail:W
job.retry:W
config.get:A
config.getAll:A
config.set:A
config.unset:A
failureGroups.counts:Q
job.addDependency:J
job.addTag:J
job.cancel:J
job.completeAndRequeue:W
job.get:J
job.getMulti:J
job.log:J
job.removeDependency:J
job.removeTag:J
job.requeue:J
job.setPriority:J
job.timeout:J
job.track:J
job.untrack:J
jobs.completed:Q
jobs.failedByGroup:Q
jobs.tagged:Q
jobs.tracked:J
queue.counts:Q
queue.forget:Q
queue.jobsByState:Q
queue.length:Q
queue.pause:Q
queue.peek:Q
queue.recurAtInterval:A
queue.stats:Q
queue.throttle.get:T
queue.throttle.set:T
queue.unfail:Q
queue.unpause:Q
queueIdentifierPatterns.getAll:A
queueIdentifierPatterns.setAll:A
queuePriorityPatterns.getAll:A
queuePriorityPatterns.setAll:A
queues.counts:Q
queues.names:Q
recurringJob.addTag:A
recurringJob.cancel:A
recurringJob.get:A
recurringJob.removeTag:A
recurringJob.update:A
schedule.delete:S
schedule.fire:S
schedule.get:S
schedule.pause:S
schedule.resume:S
schedule.set:S
schedule.skip:S
schedule.trigger:S
schedules.due:S
schedules.list:S
stats.throughput:Q
tags.top:Q
throttle.delete:T
throttle.get:T
throttle.locks:T
throttle.pending:T
throttle.release:T
throttle.set:T
worker.forget:A
worker.jobs:A
workers.counts:A
]]

-- The module names by REQLESS_ROUTES letter; the array part lists the
-- dialect table, to be armed on the first call.
local REQLESS_MODULES = {
  ReqlessDialect,
  W = 'ReqlessWork', J = 'ReqlessJob', Q = 'ReqlessQueue', A = 'ReqlessAdmin', T = 'ReqlessThrottleCommands',
  S = 'Schedule'
}

-- The reqless dispatcher runs the shared code with the reqless hooks.
local function reqless(keys, argv)
  return dispatch(keys, argv, REQLESS_ROUTES, REQLESS_MODULES, ReqlessDialect)
end
