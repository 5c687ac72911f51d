-- The reqless command dispatch (R1.2, R8): `reqless(keys, argv)` runs
-- `argv[1]` with `now = argv[2]`, like the qless dispatcher in api.lua.

-- `<command>:<module letter>` per line: J ReqlessJob, Q ReqlessQueue,
-- A ReqlessAdmin, T ReqlessThrottle. A constant string, as in api.lua, so
-- that routing builds nothing on each call.
local REQLESS_ROUTES = [[

config.get:A
config.getAll:A
config.set:A
config.unset:A
failureGroups.counts:Q
job.addDependency:J
job.addTag:J
job.cancel:J
job.complete:J
job.completeAndRequeue:J
job.fail:J
job.get:J
job.getMulti:J
job.heartbeat:J
job.log:J
job.removeDependency:J
job.removeTag:J
job.requeue:J
job.retry:J
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
queue.pop:Q
queue.put:Q
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

local function reqless_route(command)
  local at = string.find(REQLESS_ROUTES, '\n' .. command .. ':', 1, true)
  if not at then
    return nil
  end
  local code = string.sub(REQLESS_ROUTES, at + #command + 2, at + #command + 2)
  local module
  if code == 'J' then
    module = ReqlessJob
  elseif code == 'Q' then
    module = ReqlessQueue
  elseif code == 'A' then
    module = ReqlessAdmin
  elseif code == 'T' then
    module = ReqlessThrottle
  else
    return nil
  end
  return module[command]
end

local function reqless(keys, argv)
  call, encode, decode, floor = redis.call, cjson.encode, cjson.decode, math.floor
  if #keys > 0 then
    error('No Keys should be provided')
  end
  local command = argv[1]
  if not command then
    error('Must provide a command')
  end
  if not state.armed then
    local modules = { Config, Job, JobLifecycle, JobCommands, Queue, QueueCommands, QueueAdmin,
      Recurring, Worker, Throttle, ThrottleCommands, Reqless, ReqlessThrottle, ReqlessJob,
      ReqlessQueue, ReqlessAdmin }
    for i = 1, #modules do
      setmetatable(modules[i], lazy_meta)
    end
    state.armed = true
  end
  local handler = reqless_route(command)
  if not handler then
    error('Unknown command ' .. command)
  end
  local now = tonumber(argv[2])
  if not now then
    error('Arg "now" missing or not a number: nil')
  end
  state.config = {}
  state.tracked = nil
  state.reqless = true
  return handler(now, argv)
end
