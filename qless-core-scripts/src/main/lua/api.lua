-- The qless command dispatch: `qless(keys, argv)` runs
-- `argv[1]` with `now = argv[2]`; every handler gets (now, argv) and reads
-- its own arguments from argv[3] on.

-- Dialect hooks. The modules are shared by both dialects; where the two
-- differ (reply shapes, error texts, which sets a job leaves, how throttle
-- lists are kept), the shared code asks `state.dialect`, one table per
-- dialect with the same fields. This is the qless one; reqless-modules.lua
-- has ReqlessDialect. The flags and names are plain fields; the functions are
-- built lazily, like the modules, so that a call that only reads flags
-- builds no function.
local QlessDialect = {
  'QlessDialect',
  -- Lifecycle errors name the job: `Job <jid> does not exist`.
  names_jobs_in_errors = true,
  -- The key of the queue in a `put` history entry, and the other dialect's
  -- key, which entries it wrote are read back from.
  put_key = 'q', other_put_key = 'queue',
  -- The history entry of a retry that used up the last retry, and whether
  -- the other dialect's `failed-retries` entries are shown as they are
  -- (else as `failed`).
  exhausted_entry = 'failed',
  shows_failed_retries = false,
  -- Whether such a retry publishes `ql:failed` for a tracked job.
  announces_exhausted_retry = true,
  -- The name of the queue argument in the errors of `retry`.
  retry_queue_arg = 'queue',
  -- Whether a heartbeat refreshes the worker in `ql:workers`.
  heartbeat_registers_worker = true,
  -- Whether `timeout` of a missing job is an error of its own (else it
  -- reads as not running), and whether it clears the job's worker.
  timeout_requires_job = true,
  timeout_clears_worker = false,
  -- Whether jobs, templates and queue counts always show a throttle list
  -- (`throttles`, `throttled`), empty when there is none.
  always_lists_throttles = false,
  -- Whether a job moved to another queue by `complete ... next` or `unfail`
  -- trades its old queue's throttle for the new one's.
  moves_queue_throttle = true,
  -- Whether `unfail` needs a positive count.
  unfail_needs_positive_count = false,
  -- The queue sets a completed or failed job leaves (see `unqueue` in
  -- shared.lua).
  queue_sets = { '-work', '-locks', '-scheduled' }
}

-- Which module of `M` handles each command (Schedule and Settle are
-- extensions). Handlers are named after the command. A constant string
-- rather than a table, so that routing builds nothing on each call; each
-- line is `<command>:<module>` (Lua drops the newline right after `[[`,
-- hence the blank first line). The hot commands come first: the search for a
-- command reads the string up to its line.
local ROUTES = [[

put:QueueCommands
pop:QueuePop
complete:JobLifecycle
settle:Settle
heartbeat:JobLease
fail:JobLifecycle
retry:JobLifecycle
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
  return dispatch(keys, argv, ROUTES, QlessDialect)
end
