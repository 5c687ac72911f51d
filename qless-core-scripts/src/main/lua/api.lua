-- The qless command dispatch: `qless(keys, argv)` runs
-- `argv[1]` with `now = argv[2]`; every handler gets (now, argv) and reads
-- its own arguments from argv[3] on.

-- Dialect hooks. The modules are shared by both dialects; where the two
-- differ (reply shapes, error texts, which sets a job leaves, how throttle
-- lists are kept), the shared code asks `state.dialect`, one table per
-- dialect with the same fields. This is the qless one; reqless-modules.lua
-- has ReqlessDialect. The flags the hot commands read are plain fields; the
-- functions and the other flags are built lazily, like the modules, so that
-- a call that only reads these flags builds nothing more (under EVALSHA the
-- table is made on every call).
local QlessDialect = {
  'QlessDialect',
  -- The key of the queue in a `put` history entry, and the other dialect's
  -- key, which entries it wrote are read back from.
  put_key = 'q', other_put_key = 'queue',
  -- Whether a heartbeat refreshes the worker in `ql:workers`.
  heartbeat_registers_worker = true,
  -- Whether jobs, templates and queue counts always show a throttle list
  -- (`throttles`, `throttled`), empty when there is none.
  always_lists_throttles = false,
  -- The queue sets a completed or failed job leaves (see Completed.unqueue
  -- in job.lua).
  queue_sets = { '-work', '-locks', '-scheduled' }
}

-- Which module of `M` handles each command (Schedule and Settle are
-- extensions). Handlers are named after the command. A constant string
-- rather than a table, so that routing builds nothing on each call; each
-- line is `<command>:<module>` (Lua drops the newline right after `[[`,
-- hence the blank first line). The hot commands (settle, put, pop,
-- complete, heartbeat) are routed by `qless` below, not here.
local ROUTES = [[

put.many:QueueBatch
fail:JobFailure
retry:JobFailure
get:JobCommands
multiget:JobCommands
priority:JobCommands
log:JobCommands
depends:JobCommands
cancel:JobCommands
timeout:JobLease
track:JobCommands
tag:JobCommands
requeue:QueueCommands
peek:QueueAdmin
queues:QueueAdmin
jobs:QueueAdmin
length:QueueAdmin
pause:QueueAdmin
unpause:QueueAdmin
queue.forget:QueueAdmin
stats:QueueAdmin
throughput:QueueAdmin
failed:QueueAdmin
unfail:QueueAdmin
recur:Recurring
unrecur:Recurring
recur.get:Recurring
recur.update:Recurring
recur.tag:Recurring
recur.untag:Recurring
workers:Worker
worker.deregister:Worker
config.get:ConfigCommands
config.set:ConfigCommands
config.unset:ConfigCommands
throttle.set:ThrottleCommands
throttle.get:ThrottleCommands
throttle.ttl:ThrottleCommands
throttle.delete:ThrottleCommands
throttle.locks:ThrottleCommands
throttle.pending:ThrottleCommands
throttle.release:ThrottleCommands
queue.throttle.get:ThrottleCommands
queue.throttle.set:ThrottleCommands
schedule.set:Schedule
schedule.get:Schedule
schedule.list:Schedule
schedule.due:Schedule
schedule.fire:Schedule
schedule.skip:Schedule
schedule.trigger:Schedule
schedule.pause:Schedule
schedule.resume:Schedule
schedule.delete:Schedule
]]

local function qless(keys, argv)
  local command = argv[1]
  if command == 'settle' then
    return dispatch(keys, argv, ROUTES, QlessDialect, 'Settle', 'settle')
  elseif command == 'put' then
    return dispatch(keys, argv, ROUTES, QlessDialect, 'QueueCommands', 'put')
  elseif command == 'pop' then
    return dispatch(keys, argv, ROUTES, QlessDialect, 'QueuePop', 'pop')
  elseif command == 'complete' then
    return dispatch(keys, argv, ROUTES, QlessDialect, 'JobLifecycle', 'complete')
  elseif command == 'heartbeat' then
    return dispatch(keys, argv, ROUTES, QlessDialect, 'JobLease', 'heartbeat')
  end
  return dispatch(keys, argv, ROUTES, QlessDialect)
end
