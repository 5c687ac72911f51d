-- The reqless modules and dialect hooks, declared before the modules are
-- defined (define-open.lua), so that the dispatcher (reqless-api.lua) sees them.

-- In `M` (base.lua):
--   Reqless          reqless-core.lua: put, pop, peek
--   ReqlessRare      reqless-core.lua: tags, deletion
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
  -- Errors say `Job`, without the jid.
  names_jobs_in_errors = false,
  -- `put` entries key the queue `queue`.
  put_key = 'queue', other_put_key = 'q',
  -- A retry that used up the last retry writes `failed-retries` and
  -- publishes no `ql:failed`.
  exhausted_entry = 'failed-retries',
  shows_failed_retries = true,
  announces_exhausted_retry = false,
  retry_queue_arg = 'queue_name',
  -- `job.heartbeat` leaves the worker registry alone; `job.timeout` of a
  -- missing job reads as not running, and clears the worker.
  heartbeat_registers_worker = false,
  timeout_requires_job = false,
  timeout_clears_worker = true,
  -- The 18-key job object, the reqless template, and counts with
  -- `throttled`; a missing list reads as empty.
  always_lists_throttles = true,
  -- A job keeps its throttle list when it moves on.
  moves_queue_throttle = false,
  unfail_needs_positive_count = true,
  -- A completed or failed job leaves all of its queue's sets.
  queue_sets = { '-work', '-locks', '-scheduled', '-depends', '-throttled' }
}
