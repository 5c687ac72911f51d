-- qless-core scripting API, written from the qless protocol specification.
--
-- The modules below are concatenated into one chunk. Every name is local:
-- Redis 7 makes Lua globals read-only, and the same chunk is also loaded as a
-- Redis Function library, where it must not depend on KEYS or ARGV either.
--
-- Cost model: under EVALSHA this whole chunk runs on every call, and every
-- closure it creates costs time. So the concern modules (Config, Job, Queue,
-- ...) are "lazy" tables: their functions are built the first time a command
-- touches the module, and a call only pays for the modules it uses. Under
-- FCALL the library chunk runs once and the built modules stay.
--
-- Key prefix. Every key the script reads or writes, and every channel it
-- publishes on, starts with the prefix of the call: KEYS[1] when the call
-- gives one key (EVALSHA sha 1 <prefix> ..., FCALL qless 1 <prefix> ...),
-- else `ql:`, which is the qless key layout exactly. A prefix with a hash
-- tag, such as `ql:{orders}:`, puts all the keys of one shard in one Redis
-- Cluster slot, and cluster clients route the call by that key; two
-- prefixes in one Redis are two shards that do not see each other's jobs.
-- The code writes `K .. 'j:' .. jid` where the layout below says
-- `ql:j:<jid>`; K is bound by the dispatcher on every call, like `call`.
-- Names stored as data follow the prefix too: a queue's own throttle is
-- `<prefix>q:<queue>` (`ql:q:<queue>` without a key).
--
-- Extensions to the qless key layout and channels, the same in both
-- dialects (qless clients neither read nor need them):
--   ql:s:throughput:<day>   hash, jobs completed (c<minute>) and failed
--                           (f<minute>) per minute of the UTC day; read by
--                           `throughput` (reqless `stats.throughput`); see
--                           QueueStats.count_throughput
--   ql:releasing            sorted set of unfinished releases of dependents,
--                           `<n>:<jid>` by completion time, each for the set
--                           ql:releasing:<n>; ql:releasing:next numbers them;
--                           see Completed.release_dependents
--   ql:ready                channel, a queue name when jobs enter its work
--                           set without a put; see SharedRare.ready
--   ql:sched:<name>         hash, one schedule: its definition, next and
--                           last fire times and counts; see schedule.lua
--   ql:schedules            sorted set, the cron schedules not paused, by
--                           next fire time (seconds); read by `schedule.due`
--   ql:schedules:names      sorted set, every schedule name (score 0), for
--                           `schedule.list`
--   ql:u:<key>              string, the jid of the job holding the unique key
--                           <key> (put option `unique`), with a TTL; the job
--                           hash has the fields `unique` and `unique-mode`;
--                           see unique.lua

-- Library functions are bound by the dispatcher, on every call: a Redis
-- Function library may not read any global while it is being loaded, so
-- nothing at the top level of these modules may touch redis, cjson, math or
-- even tonumber. Only code that runs inside a command may.
-- `K` is the key prefix of the call (see "Key prefix" above).
local call, encode, decode, floor, K

-- Bounded work. A script call blocks every other Redis client while it
-- runs, so no call may do work that grows with the data stored in Redis. A
-- loop over stored data (rather than over the caller's own arguments, or
-- over what the reply itself returns) handles at most a fixed batch per
-- call and leaves the rest to later calls. The batch sizes below keep a
-- call to a few milliseconds on a small server, and are large enough that
-- the small cases clients and their tests see finish in one call. They are
-- written as literals where they are used, each with its name in a
-- comment: a top-level local would cost every EVALSHA call an upvalue.
--
-- EXPIRE_BATCH 500: completed jobs a `complete` deletes when they are
-- older than `jobs-history` or beyond `jobs-history-count`; later completes
-- delete the rest.
-- RELEASE_BATCH 250: dependents one call releases, its own and those of
-- earlier completes whose release is unfinished (see
-- Completed.release_dependents).
-- PROMOTE_BATCH 500: scheduled jobs that `queues` (all queues together)
-- and `jobs scheduled` promote; pops and peeks promote as many as they ask
-- for.
-- THROTTLE_BATCH 100: pending jobs one throttle release moves back to
-- work; each later release of the throttle moves the next ones.
-- WORKER_BATCH 500: expired workers one `workers` call deletes.
-- PARK_BATCH 500: jobs one pop parks as throttled while it looks past them
-- for jobs it can hand out (`max-pop-retry` rounds).

-- Per-call state: a new table on every call (a Redis Function library keeps
-- its upvalues between calls), made by the dispatcher with the fields every
-- call sets; the procedures that use the others set them. A small table
-- costs an EVALSHA call less than one listing every field.
-- `dialect` is the table of dialect hooks of the dispatcher that runs the
-- call (QlessDialect or, in reqless.lua, ReqlessDialect): everything the
-- shared procedures do differently in the two dialects goes through it.
-- `config` caches the options the call read (see Config). `now_text` is the
-- client's text of `now`.
-- Set when used: `tracked` (see is_tracked); `ready`, the queues to announce
-- on `ql:ready` (see SharedRare.ready); `lean` and `batch` while `settle`
-- runs (see Settle); `maxima`, throttle maxima (see ThrottleRelease.release);
-- `done_text`, the history entry of the call's completes; `now_arg` and
-- `now_bin`, texts of `now` (see now_arg, now_bin); `history_limit`, the parsed
-- `max-job-history` (see Job.append_history); `texts`, `numbers` and
-- `wholes`, the value texts of a `settle` call's lean jobs (see JobView.text).
local state
-- Whether this chunk instance armed the metatables (see the dispatcher).
local armed = false

-- Lazy modules. The concern modules are the fields of `M`, each built the
-- first time a command touches it, by `install(name, module)`: one function
-- with a branch per module (install-open.lua, define-close.lua), so that a
-- call makes the closures of the modules it uses and no others, and no
-- table or closure per module it does not use. The modules, by name:
--   Config            config.lua: options
--   ConfigCommands    config.lua: config.* commands
--   Job               job.lua: job history entries, grace
--   JobView           job.lua: reading a job, and writing it as text for pops
--   JobRender         job.lua: the job object as a table, for get, peek, track
--   JobRare           job.lua: legacy history, tags, dependencies, failures
--   Completed         job.lua: leaving the queue, expiry of completed jobs, release of dependents
--   CompletedRare     job.lua: their deletion, the release steps
--   JobLifecycle      job.lua: complete
--   JobFailure        job.lua: fail, retry
--   JobLease          job.lua: heartbeat, timeout
--   JobCommands       job.lua: reading and administering jobs
--   Settle            job.lua: the `settle` batch of a worker
--   Queue             queue.lua: queue internals (reclaim, the top of work)
--   QueueRare         queue.lua: promotion, recurring spawns, counts
--   QueueStats        queue.lua: wait and run statistics, throughput counters
--   QueueCommands     queue.lua: put, requeue
--   QueueBatch        queue.lua: put.many
--   SkipLists         queue.lua: lease sets and ql:workers kept as skip lists
--   QueuePop          queue.lua: pop
--   QueueAdmin        queue.lua: peek, counts, listings, stats, failures, pausing
--   Recurring         recurring.lua: recurring templates and spawning
--   Worker            worker.lua: worker registry commands
--   Throttle          throttle.lua: locks and pending jobs
--   ThrottleList      throttle.lua: throttle lists (parsing, the queue's throttle)
--   ThrottleRelease   throttle.lua: release of locks
--   ThrottleCommands  throttle.lua: throttle.* commands
--   Unique            unique.lua: unique jobs (put option `unique`)
--   Schedule          schedule.lua: schedule.* commands
-- and in reqless.lua the reqless ones (reqless-modules.lua).
-- A dialect table (api.lua, reqless-modules.lua) holds its name at index 1
-- until the first access of a function field installs it the same way; its
-- installer builds the hot hooks and arms a second stage for the others.
-- The dispatcher arms the metatable on the first call of this chunk
-- instance, because a Function library may not call setmetatable while it
-- is being loaded. One metatable serves both kinds of lazy table (under
-- EVALSHA each table and closure made here costs every call): `M` has no
-- name at index 1, so a missing field of it is a module to build.
local M = {}
local install
local lazy_meta = {
  __index = function(module, name)
    local id = rawget(module, 1)
    if id == nil then
      local built = {}
      module[name] = built
      install(name, built)
      return built
    end
    setmetatable(module, nil)
    module[1] = nil
    install(id, module)
    -- An installer may leave a further stage armed for the rarer names.
    return module[name]
  end
}

-- The dispatcher of both dialects (api.lua, reqless-api.lua): runs argv[1]
-- with `now = argv[2]`. `routes` is a constant string of lines
-- `<command>:<module name in M>`, the module's handler of the same name, or
-- `<command>:<module>.<handler>`; `dialect` is the dialect's hooks
-- (QlessDialect in api.lua, ReqlessDialect in reqless-modules.lua). The
-- dialect's own dispatcher finds the hot commands itself, by comparing the
-- command with each (a comparison of interned strings costs next to
-- nothing, while reading a route out of `routes` makes four strings), and
-- names their module and handler in `module` and `name`.
local function dispatch(keys, argv, routes, dialect, module, name)
  call, encode, decode, floor = redis.call, cjson.encode, cjson.decode, math.floor
  if #keys > 1 then
    error('At most one key, the key prefix, may be provided')
  end
  K = keys[1] or 'ql:'
  if K == '' then
    error('The key prefix must not be empty')
  end
  local command = argv[1]
  if not command then
    error('Must provide a command')
  end
  if not armed then
    setmetatable(M, lazy_meta)
    setmetatable(dialect, lazy_meta)
    armed = true
  end
  local handler = nil
  local at = nil
  if module then
    handler = M[module][name]
  else
    at = string.find(routes, '\n' .. command .. ':', 1, true)
  end
  if at then
    local first = at + #command + 2
    local target = string.sub(routes, first, string.find(routes, '\n', first, true) - 1)
    local dot = string.find(target, '.', 1, true)
    if dot then
      handler = M[string.sub(target, 1, dot - 1)][string.sub(target, dot + 1)]
    else
      handler = M[target][command]
    end
  end
  if not handler then
    error('Unknown command ' .. command)
  end
  local now = tonumber(argv[2])
  if not now then
    error('Arg "now" missing or not a number: nil')
  end
  state = { config = {}, dialect = dialect, now_text = argv[2] }
  local result = handler(now, argv)
  local queues = state.ready
  if queues and call('pubsub', 'numsub', K .. 'ready')[2] > 0 then
    for i = 1, #queues do
      call('publish', K .. 'ready', queues[i])
    end
  end
  return result
end
