-- The reqless modules and dialect hooks, declared before the modules are
-- defined (define-open.lua), so that the dispatcher (reqless-api.lua) sees them.

-- In `M` (base.lua):
--   Reqless          reqless-core.lua: pop
--   ReqlessRare      reqless-core.lua: tags, deletion, re-puts, peek
--   ReqlessThrottle  reqless-throttle.lua: throttle primitives
--   ReqlessThrottleCommands  reqless-throttle.lua: throttle.* commands
--   ReqlessWork      reqless-job.lua: job.complete, job.completeAndRequeue
--   ReqlessJob       reqless-job.lua: the other job.* commands
--   ReqlessQueue     reqless-queue.lua: queue.*, queues.*, jobs.* commands
--   ReqlessAdmin     reqless-admin.lua: config, recurring, workers, patterns

-- The reqless dialect's hooks: the fields of QlessDialect (api.lua), with
-- the reqless behaviour of each.
local ReqlessDialect = {
  'ReqlessDialect',
  -- `put` entries key the queue `queue`.
  put_key = 'queue', other_put_key = 'q',
  -- `job.heartbeat` leaves the worker registry alone.
  heartbeat_registers_worker = false,
  -- The 18-key job object, the reqless template, and counts with
  -- `throttled`; a missing list reads as empty.
  always_lists_throttles = true,
  -- A completed or failed job leaves all of its queue's sets.
  queue_sets = { '-work', '-locks', '-scheduled', '-depends', '-throttled' }
}
