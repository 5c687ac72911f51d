-- The reqless command dispatch: `reqless(keys, argv)` runs
-- `argv[1]` with `now = argv[2]`, like the qless dispatcher in api.lua.

-- `<command>:<module>` per line (Schedule, in schedule.lua, is an
-- extension shared with the qless dialect), or `<command>:<module>.<handler>`
-- where a reqless command runs a qless handler as it is. A constant string, as in
-- api.lua, so that routing builds nothing on each call; the hot commands
-- (worker.settle, queue.put, queue.pop, job.complete, job.heartbeat) are
-- routed by `reqless` below, as there.
local REQLESS_ROUTES = [[

queue.putMany:QueueBatch.put.many
job.fail:JobFailure.fail
job.retry:JobFailure.retry
config.get:ReqlessAdmin
config.getAll:ReqlessAdmin
config.set:ReqlessAdmin
config.unset:ReqlessAdmin
failureGroups.counts:ReqlessQueue
job.addDependency:ReqlessJob
job.addTag:ReqlessJob
job.cancel:ReqlessJob
job.completeAndRequeue:ReqlessWork
job.get:ReqlessJob
job.getMulti:ReqlessJob
job.log:ReqlessJob
job.removeDependency:ReqlessJob
job.removeTag:ReqlessJob
job.requeue:ReqlessJob
job.setPriority:ReqlessJob
job.timeout:ReqlessJob
job.track:ReqlessJob
job.untrack:ReqlessJob
jobs.completed:ReqlessQueue
jobs.failedByGroup:ReqlessQueue
jobs.tagged:ReqlessQueue
jobs.tracked:ReqlessJob
queue.counts:ReqlessQueue
queue.forget:ReqlessQueue
queue.jobsByState:ReqlessQueue
queue.length:ReqlessQueue
queue.pause:ReqlessQueue
queue.peek:ReqlessQueue
queue.recurAtInterval:ReqlessAdmin
queue.stats:ReqlessQueue
queue.throttle.get:ReqlessThrottleCommands
queue.throttle.set:ReqlessThrottleCommands
queue.unfail:ReqlessQueue
queue.unpause:ReqlessQueue
queueIdentifierPatterns.getAll:ReqlessAdmin
queueIdentifierPatterns.setAll:ReqlessAdmin
queuePriorityPatterns.getAll:ReqlessAdmin
queuePriorityPatterns.setAll:ReqlessAdmin
queues.counts:ReqlessQueue
queues.names:ReqlessQueue
recurringJob.addTag:ReqlessAdmin
recurringJob.cancel:ReqlessAdmin
recurringJob.get:ReqlessAdmin
recurringJob.removeTag:ReqlessAdmin
recurringJob.update:ReqlessAdmin
schedule.delete:Schedule
schedule.fire:Schedule
schedule.get:Schedule
schedule.pause:Schedule
schedule.resume:Schedule
schedule.set:Schedule
schedule.skip:Schedule
schedule.trigger:Schedule
schedules.due:Schedule
schedules.list:Schedule
stats.throughput:ReqlessQueue
tags.top:ReqlessQueue
throttle.delete:ReqlessThrottleCommands
throttle.get:ReqlessThrottleCommands
throttle.locks:ReqlessThrottleCommands
throttle.pending:ReqlessThrottleCommands
throttle.release:ReqlessThrottleCommands
throttle.set:ReqlessThrottleCommands
worker.forget:ReqlessAdmin
worker.jobs:ReqlessAdmin
workers.counts:ReqlessAdmin
]]

-- The reqless dispatcher runs the shared code with the reqless hooks.
local function reqless(keys, argv)
  local command = argv[1]
  if command == 'worker.settle' then
    return dispatch(keys, argv, REQLESS_ROUTES, ReqlessDialect, 'Settle', 'settle')
  elseif command == 'queue.put' then
    return dispatch(keys, argv, REQLESS_ROUTES, ReqlessDialect, 'QueueCommands', 'put')
  elseif command == 'queue.pop' then
    return dispatch(keys, argv, REQLESS_ROUTES, ReqlessDialect, 'Reqless', 'pop')
  elseif command == 'job.complete' then
    return dispatch(keys, argv, REQLESS_ROUTES, ReqlessDialect, 'ReqlessWork', 'job.complete')
  elseif command == 'job.heartbeat' then
    return dispatch(keys, argv, REQLESS_ROUTES, ReqlessDialect, 'JobLease', 'heartbeat')
  end
  return dispatch(keys, argv, REQLESS_ROUTES, ReqlessDialect)
end
