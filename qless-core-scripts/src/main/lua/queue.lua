-- Queues: the `ql:q:<queue>-*` sorted sets, lock reclaim, promotion of
-- scheduled jobs, wait/run statistics, and the commands
-- that act on queues.

elseif name == 'Queue' then
  -- Redis command arguments are passed through the Lua stack; long lists go
  -- in slices so that `unpack` stays within its limits.
  local SLICE = 500

  -- Runs `command key <items...>` in slices of SLICE items.
  function M.Queue.call_sliced(command, key, items, step)
    local n = #items
    for first = 1, n, SLICE * step do
      local last = first + SLICE * step - 1
      if last > n then
        last = n
      end
      call(command, key, unpack(items, first, last))
    end
  end

  -- The top `limit` jids of the work queue.
  function M.Queue.top(queue, limit)
    if limit == 0 then
      return {}
    end
    return call('zrevrange', K .. 'q:' .. queue .. '-work', '0', arg_text(limit - 1))
  end

  -- RECLAIM-EXPIRED-LOCKS: returns the jids to hand out again.
  function M.Queue.reclaim(queue, now, limit)
    local locks = K .. 'q:' .. queue .. '-locks'
    local expired = call('zrangebyscore', locks, '-inf', now_arg(now), 'LIMIT', '0',
      arg_text(limit))
    local n = #expired
    if n == 0 then
      return expired
    end
    local reclaimed = {}
    local grace = tonumber(M.Config.get('grace-period'))
    local stats = K .. 's:stats:' .. day_bin(now) .. ':' .. queue
    for i = 1, n do
      local jid = expired[i]
      local key = K .. 'j:' .. jid
      local f = call('hmget', key, 'worker', 'grace', 'queue', 'history', 'throttles', 'unique')
      local worker = f[1] or ''
      call('zrem', K .. 'w:' .. worker .. ':jobs', jid)
      local warned = f[2] == '1'
      local warn, take = not warned, warned
      if grace <= 0 then
        warn, take = true, true
      end
      local legacy = f[4]
      if warn then
        if is_tracked(jid) then
          call('publish', K .. 'stalled', jid)
        end
        M.Job.append_history(jid, now, 'timed-out', nil, legacy)
        legacy = false
        -- With no grace period the job is taken in this same call, which
        -- leaves no flag behind.
        if not take then
          call('hset', key, 'grace', 1)
        end
        M.JobRare.lock_lost(jid, worker)
        call('zadd', locks, now + grace, jid)
        call('hincrby', stats, 'retries', 1)
      end
      if take then
        M.Job.clear_grace(jid, f[2])
        local remaining = call('hincrby', key, 'remaining', -1)
        if remaining < 0 then
          local qkey = K .. 'q:' .. queue
          call('zrem', qkey .. '-work', jid)
          call('zrem', locks, jid)
          call('zrem', qkey .. '-scheduled', jid)
          -- Exhaustion ends the run: its throttle locks go. The courtesy
          -- stage and a re-hand keep them.
          if f[5] then
            M.ThrottleRelease.release_all(f[5], jid, now)
          end
          if f[6] then
            M.Unique.release(f[6], jid)
          end
          local group = 'failed-retries-' .. tostring(f[3])
          local message = 'Job exhausted retries in queue "' .. tostring(f[3]) .. '"'
          M.Job.append_history(jid, now, 'failed', { group = group }, legacy)
          call('hset', key, 'state', 'failed', 'worker', '', 'expires', '', 'failure',
            encode({ group = group, message = message, when = now, worker = '' }))
          M.JobRare.file_failure(jid, group)
          if is_tracked(jid) then
            call('publish', K .. 'failed', jid)
          end
          call('publish', K .. 'log', encode({
            jid = jid, event = 'failed', group = group, worker = worker, message = message }))
          call('hincrby', stats, 'failures', 1)
          call('hincrby', stats, 'failed', 1)
          M.QueueStats.count_throughput(now, 'f')
        else
          reclaimed[#reclaimed + 1] = jid
        end
      end
    end
    return reclaimed
  end

-- Promoting scheduled jobs, spawning recurring ones and counting a queue: a
-- module apart from Queue, so that a pop builds them only when a queue has
-- scheduled or recurring jobs.
elseif name == 'QueueRare' then
  -- PROMOTE-SCHEDULED. Returns how many jobs it promoted.
  function M.QueueRare.promote(queue, now, limit)
    local key = K .. 'q:' .. queue .. '-scheduled'
    local jids = call('zrangebyscore', key, '0', now_arg(now), 'LIMIT', '0', arg_text(limit))
    local n = #jids
    if n == 0 then
      return 0
    end
    local pairs_list = {}
    for i = 1, n do
      local jid = jids[i]
      local priority = tonumber(call('hget', K .. 'j:' .. jid, 'priority')) or 0
      pairs_list[2 * i - 1] = work_score(priority, now)
      pairs_list[2 * i] = jid
      call('hset', K .. 'j:' .. jid, 'state', 'waiting')
    end
    M.Queue.call_sliced('zadd', K .. 'q:' .. queue .. '-work', pairs_list, 2)
    M.Queue.call_sliced('zrem', key, jids, 1)
    return n
  end

  -- SPAWN-RECURRING, only when a template is due.
  function M.QueueRare.spawn(queue, now, limit)
    local due = call('zrangebyscore', K .. 'q:' .. queue .. '-recur', '0', now_arg(now),
      'LIMIT', '0', arg_text(limit))
    if #due > 0 then
      M.Recurring.spawn(queue, now, limit, due)
    end
  end

  -- The counts of one queue (waiting, running, stalled, scheduled, depends,
  -- recurring, paused), plus `throttled` for a queue that has
  -- throttled jobs; the reqless counts always have it. Due scheduled
  -- jobs are promoted first, at most `budget` of them (the rest stay
  -- counted as scheduled until a later call promotes them). Returns the
  -- counts and how many jobs were promoted.
  function M.QueueRare.counts(name, now, budget)
    local qkey = K .. 'q:' .. name
    local stalled = call('zcount', qkey .. '-locks', 0, now)
    local scheduled = call('zcard', qkey .. '-scheduled')
    local promoted = 0
    if scheduled > 0 and budget > 0 then
      if scheduled < budget then
        budget = scheduled
      end
      promoted = M.QueueRare.promote(name, now, budget)
    end
    local n = call('zcard', qkey .. '-throttled')
    local throttled = n
    if n == 0 then
      throttled = nil
    end
    local counts = {
      throttled = throttled,
      name = name,
      waiting = call('zcard', qkey .. '-work'),
      stalled = stalled,
      running = call('zcard', qkey .. '-locks') - stalled,
      scheduled = scheduled - promoted,
      depends = call('zcard', qkey .. '-depends'),
      recurring = call('zcard', qkey .. '-recur'),
      paused = call('sismember', K .. 'paused_queues', name) == 1
    }
    -- Set after construction, as reqless.lua has always done it: the key
    -- order of the encoded object depends on how the table was built.
    if n == 0 and state.dialect.always_lists_throttles then
      counts['throttled'] = 0
    end
    return counts, promoted
  end

-- Wait and run statistics and throughput counters: a module apart, so that
-- a complete builds only this of the queue internals.
elseif name == 'QueueStats' then
  -- A job's stored `time` field (when it was put or popped) as a number,
  -- kept for the next field with the same text, as a Function library keeps
  -- it between calls: the jobs of one bulk put, and those one pop handed
  -- out, share their text, and reading it costs about as much as a Redis
  -- command.
  local parsed_time_text, parsed_time
  function M.QueueStats.time_of(text)
    if text ~= parsed_time_text then
      parsed_time_text, parsed_time = text, tonumber(text)
    end
    return parsed_time
  end

  -- Throughput counters (an extension key, the same in both dialects):
  -- `ql:s:throughput:<day>` (<day> the start of the UTC day, as in the stats
  -- keys) is a hash of `c<minute>`, the jobs completed (with or without a
  -- next queue), and `f<minute>`, the jobs that entered the failed state
  -- (fail, retries exhausted by retry or by lock reclaim), in each minute of
  -- that day, `<minute>` = floor((now - day) / 60). One HINCRBY per event;
  -- the first event of a minute also sets the key to live two days.
  -- `n` (default 1) events at once count as n single ones.
  function M.QueueStats.count_throughput(now, kind, n)
    local key = K .. 's:throughput:' .. now_bin(now)
    local minute = floor((now - day_bin(now)) / 60)
    local by = '1'
    if n then
      by = arg_text(n)
    end
    if call('hincrby', key, string.format('%s%d', kind, minute), by) == (n or 1) then
      call('expire', key, '172800')
    end
  end

  -- The histogram field of a value.
  local function bucket_of(value)
    local v = floor(value)
    if v < -1e14 then
      return 's' .. v
    elseif v < 60 then
      return string.format('s%d', v)
    elseif v < 3600 then
      return string.format('m%d', floor(v / 60))
    elseif v < 86400 then
      return string.format('h%d', floor(v / 3600))
    end
    return 'd' .. floor(v / 86400)
  end

  -- The running count, mean and variance sum after one more value.
  local function step(total, mean, vk, value)
    if not total then
      return 1, value, 0
    end
    total = total + 1
    local old = mean
    mean = mean + (value - mean) / total
    return total, mean, vk + (value - mean) * (value - old)
  end

  -- RECORD-STAT for a batch of values, read and written once. The
  -- running mean and variance are updated value by value, in order.
  function M.QueueStats.record_stats(queue, now, kind, values)
    local key = K .. 's:' .. kind .. ':' .. now_bin(now) .. ':' .. queue
    if #values == 1 then
      -- One value (a single pop or complete): the same reads and writes
      -- without the tables of a batch.
      local bucket = bucket_of(values[1])
      local stored = call('hmget', key, 'total', 'mean', 'vk', bucket)
      local total, mean, vk = step(tonumber(stored[1]), tonumber(stored[2]), tonumber(stored[3]),
        values[1])
      call('hset', key, 'total', arg_text(total), 'mean', arg_text(mean), 'vk', arg_text(vk),
        bucket, arg_text((tonumber(stored[4]) or 0) + 1))
      return
    end
    -- The values of a batch mostly fall in a few whole seconds: each whole
    -- second's bucket is named once (naming one costs about as much as a
    -- Redis command).
    local fields = { 'total', 'mean', 'vk' }
    local slot_of = {}
    local slot_of_second = {}
    local tally = {}
    for i = 1, #values do
      local second = floor(values[i])
      local slot = slot_of_second[second]
      if not slot then
        local bucket = bucket_of(second)
        slot = slot_of[bucket]
        if not slot then
          slot = #fields + 1
          fields[slot] = bucket
          slot_of[bucket] = slot
        end
        -- (NaN, from a stored time that reads as such, is no table key)
        if second == second then
          slot_of_second[second] = slot
        end
      end
      tally[slot] = (tally[slot] or 0) + 1
    end
    local stored = call('hmget', key, unpack(fields))
    local total, mean, vk = tonumber(stored[1]), tonumber(stored[2]), tonumber(stored[3])
    local first = 1
    if not total then
      total, mean, vk = step(nil, nil, nil, values[1])
      first = 2
    end
    -- `step` written out: a call per value costs more than its arithmetic.
    for i = first, #values do
      local value = values[i]
      local old = mean
      total = total + 1
      mean = mean + (value - mean) / total
      vk = vk + (value - mean) * (value - old)
    end
    local args = { 'total', arg_text(total), 'mean', arg_text(mean), 'vk', arg_text(vk) }
    for slot = 4, #fields do
      args[#args + 1] = fields[slot]
      args[#args + 1] = arg_text((tonumber(stored[slot]) or 0) + tally[slot])
    end
    call('hset', key, unpack(args))
  end

-- Putting jobs into queues.
elseif name == 'QueueCommands' then
  local C = module
  -- PUT, also reqless `queue.put` and `job.requeue`: the dialect
  -- hooks remove old tags, key the queue of the `put` entry, give the sets a
  -- re-put job leaves and read and store the throttle list.
  C['put'] = function(now, argv)
    local dialect = state.dialect
    local worker, queue, jid, klass, raw_data, raw_delay =
      argv[3], queue_name(argv[4]), argv[5], argv[6], argv[7], argv[8]
    if not jid then
      error('Put(): Arg "jid" missing')
    end
    if not klass then
      error('Put(): Arg "klass" missing')
    end
    if not decode(raw_data) then
      error('Put(): Arg "data" missing or not JSON: ' .. tostring(raw_data))
    end
    local delay = tonumber(raw_delay)
    if not delay then
      error('Put(): Arg "delay" not a number: ' .. tostring(raw_delay))
    end
    check_even(argv, 9)
    local options = read_options(argv, 9)
    -- A put with a held unique key changes nothing, or re-puts the holder.
    local unique = options['unique'] and M.Unique.check(jid, options, delay)
    if unique then
      if unique.duplicate then
        return unique.duplicate
      end
      jid = unique.jid
    end

    local key = K .. 'j:' .. jid
    -- A new job (the usual put) has no hash: one EXISTS costs less than
    -- reading its eleven fields as missing.
    local old = {}
    local existed = call('exists', key) == 1
    if existed then
      old = call('hmget', key, 'priority', 'tags', 'queue', 'state', 'failure', 'retries',
        'worker', 'history', 'throttles', 'grace', 'unique')
    end
    local old_state = old[4]
    if old[2] then
      local old_tags = decode(old[2])
      if #old_tags > 0 then
        dialect.remove_tags(jid, old_tags, old_tags, 1)
      end
    end

    -- The defaults (no option, no old value) without a conversion: each costs a
    -- put about as much as a Redis command.
    local raw_retries = options['retries'] or old[6]
    local retries, retries_text = 5, '5'
    if raw_retries then
      retries = tonumber(raw_retries)
      if not retries then
        error('Put(): Arg "retries" not a number: ' .. tostring(options['retries']))
      end
      retries_text = arg_text(retries)
    end
    -- Without tags or dependencies (the usual put) nothing is decoded: an
    -- empty list stores as `{}`, which is how cjson encodes a decoded `[]`.
    local tags, tags_text = {}, '{}'
    local raw_tags = options['tags'] or old[2]
    if raw_tags then
      tags = decode(raw_tags)
      if not tags then
        error('Put(): Arg "tags" not JSON' .. tostring(options['tags']))
      end
      tags_text = encode(tags)
    end
    local raw_priority = options['priority'] or old[1]
    local priority, priority_text = 0, '0'
    if raw_priority then
      priority = tonumber(raw_priority)
      if not priority then
        error('Put(): Arg "priority" not a number' .. tostring(options['priority']))
      end
      priority_text = arg_text(priority)
    end
    local depends = {}
    if options['depends'] then
      depends = decode(options['depends'])
      if not depends then
        error('Put(): Arg "depends" not JSON: ' .. tostring(options['depends']))
      end
    end
    -- A put without a throttle list, in the dialect whose jobs need not
    -- have one (qless), asks no throttle hook: the usual put builds none.
    local throttles = nil
    if options['throttles'] or dialect.always_lists_throttles then
      throttles = dialect.put_throttles(options['throttles'])
    end

    if #depends > 0 then
      local wanted = {}
      for i = 1, #depends do
        wanted[tostring(depends[i])] = true
      end
      local current = call('smembers', key .. '-dependencies')
      for i = 1, #current do
        local d = current[i]
        if not wanted[d] then
          call('srem', K .. 'j:' .. d .. '-dependents', jid)
          call('srem', key .. '-dependencies', d)
        end
      end
    end

    -- The message as cjson encodes { jid, event, queue } (in this key order),
    -- written without building and encoding a table.
    -- The puts of one `put.many` call share their queue's text and `put` entry
    -- (`state.many`); a single put keeps nothing, as a new key in `state`
    -- can cost it a rehash.
    local many = state.many
    local queue_json, entry
    if many and many.queue == queue then
      queue_json, entry = many.queue_json, many.entry
    else
      queue_json = encode(queue)
      entry = entry_text(now, 'put', '{"' .. dialect.put_key .. '":' .. queue_json .. '}')
      if many then
        many.queue, many.queue_json, many.entry = queue, queue_json, entry
      end
    end
    call('publish', K .. 'log',
      '{"jid":' .. encode(jid) .. ',"event":"put","queue":' .. queue_json .. '}')
    local old_queue = old[3]
    M.Job.append_history(jid, now, 'put', nil, old[8] or false, entry)
    if old_queue or old[9] then
      dialect.leave_queue(old_queue, old_state, jid, throttles, old[9], now)
    end
    local old_worker = old[7]
    if old_worker and old_worker ~= '' then
      call('zrem', K .. 'w:' .. old_worker .. ':jobs', jid)
      if old_worker ~= worker then
        M.JobRare.lock_lost(jid, old_worker)
      end
    end
    if old_state == 'complete' then
      call('zrem', K .. 'completed', jid)
    end
    for i = 1, #tags do
      call('zadd', K .. 't:' .. tags[i], now_arg(now), jid)
      call('zincrby', K .. 'tags', '1', tags[i])
    end
    if old_state == 'failed' then
      local failure = decode(old[5] or '{}')
      if failure['group'] then
        M.JobRare.unfile_failure(jid, failure['group'])
      end
      if failure['when'] then
        call('hincrby', K .. 's:stats:' .. day_bin(failure['when']) .. ':' .. queue, 'failed', -1)
      end
    end

    local jstate = delay > 0 and 'scheduled' or 'waiting'
    local time = now_arg(now)
    local throttles_text = nil
    if throttles then
      throttles, throttles_text = dialect.stored_throttles(throttles, old_queue, queue)
    end
    -- A new hash keeps its fields in this order. Redis reads a small hash
    -- from its start to find a field, so the fields that a complete reads
    -- and that pops and completes write come first.
    if throttles_text then
      call('hset', key, 'state', jstate, 'worker', '', 'queue', queue, 'time', time,
        'retries', retries_text, 'expires', '0', 'remaining', retries_text, 'jid', jid,
        'klass', klass, 'priority', priority_text, 'tags', tags_text, 'data', raw_data,
        'throttles', throttles_text)
    else
      call('hset', key, 'state', jstate, 'worker', '', 'queue', queue, 'time', time,
        'retries', retries_text, 'expires', '0', 'remaining', retries_text, 'jid', jid,
        'klass', klass, 'priority', priority_text, 'tags', tags_text, 'data', raw_data)
      if old[9] then
        call('hdel', key, 'throttles')
      end
    end
    M.Job.clear_grace(jid, old[10])
    if unique or old[11] then
      M.Unique.hold(jid, unique, old[11])
    end
    if #depends > 0 then
      M.JobRare.add_dependencies(jid, depends)
    end

    local qkey = K .. 'q:' .. queue
    -- A new job (no hash before this put) put without `depends` has no
    -- dependencies: every way a job's hash goes deletes its set too.
    local waits = (existed or #depends > 0) and call('scard', key .. '-dependencies') > 0
    if delay > 0 then
      if waits then
        call('zadd', qkey .. '-depends', now, jid)
        call('hset', key, 'state', 'depends', 'scheduled', now + delay)
      else
        call('zadd', qkey .. '-scheduled', now + delay, jid)
      end
    elseif waits then
      call('zadd', qkey .. '-depends', now, jid)
      call('hset', key, 'state', 'depends')
    else
      -- Delayed and dependent jobs meet their throttles when popped.
      local full = throttles and M.Throttle.full({}, throttles)
      if full then
        M.Throttle.throttle(queue, jid, full, now, 'waiting', false, nil)
      else
        call('zadd', qkey .. '-work', work_score(priority, now), jid)
      end
    end
    -- The puts of one `put.many` call list their queue once.
    if not many or many.listed ~= queue then
      call('zadd', K .. 'queues', 'NX', now_arg(now), queue)
      if many then
        many.listed = queue
      end
    end
    if state.tracked ~= false and is_tracked(jid) then
      call('publish', K .. 'put', jid)
    end
    return jid
  end

  C['requeue'] = function(now, argv)
    local jid = argv[5]
    if not jid then
      error('Job(): no jid provided')
    end
    if call('exists', K .. 'j:' .. jid) == 0 then
      error('Requeue(): Job ' .. jid .. ' does not exist')
    end
    return C['put'](now, argv)
  end

-- POP: a module apart from put, so that each builds only its own.
elseif name == 'QueueBatch' then
  local C = module
  -- PUT.MANY (an extension; reqless `queue.putMany`): the puts of one
  -- producer into one queue in one call, `put.many <now> <worker> <queue>
  -- <count>` then per job `<jid> <klass> <data> <delay> <n>` and n option
  -- words (name, value...), each put as `put` does it. Replies with the JSON
  -- list of what each put replies (the jid, or the holder's for a unique
  -- duplicate), or {"error":"<message>"} where the put was refused: a put
  -- checks everything before it writes, so a refused one changes nothing
  -- and the others go on. At most PUT_MANY_MAX jobs per call, so that a call
  -- stays bounded; what a call pays once (the call itself, its state and
  -- the modules it builds) is shared by its jobs. A module of its own, so
  -- that a single put does not build it.
  local PUT_MANY_MAX = 1000
  C['put.many'] = function(now, argv)
    local worker, queue, raw_count = argv[3], argv[4], argv[5]
    local count = tonumber(raw_count)
    if not count or count < 0 or count > PUT_MANY_MAX or count ~= floor(count) then
      error('Put.many(): Arg "count" must be a whole number from 0 to ' .. PUT_MANY_MAX .. ': '
        .. tostring(raw_count))
    end
    -- The words of every job are checked before the first put.
    local starts = {}
    local at = 6
    for i = 1, count do
      local words = tonumber(argv[at + 4])
      if not words or words < 0 or words % 2 ~= 0 or at + 4 + words > #argv then
        error('Put.many(): job ' .. i .. ': Arg "options" must be an even count of the words that follow: '
          .. tostring(argv[at + 4]))
      end
      starts[i] = at
      at = at + 5 + words
    end
    if at ~= #argv + 1 then
      error('Put.many(): ' .. (#argv + 1 - at) .. ' words after the last job')
    end
    local put = M.QueueCommands['put']
    state.many = {}
    local replies = {}
    for i = 1, count do
      at = starts[i]
      local args = { 'put', argv[2], worker, queue, argv[at], argv[at + 1], argv[at + 2], argv[at + 3] }
      for w = 1, tonumber(argv[at + 4]) do
        args[8 + w] = argv[at + 4 + w]
      end
      local ok, result = pcall(put, now, args)
      if ok then
        replies[i] = encode(result)
      else
        replies[i] = '{"error":' .. encode(M.SharedRare.message_of(result)) .. '}'
      end
    end
    if count == 0 then
      return '[]'
    end
    return '[' .. table.concat(replies, ',') .. ']'
  end

-- Sorted sets that every pop writes, kept as skip lists once they are no
-- longer small: a module apart, so that a pop of one job builds none of it.
--
-- Redis keeps a sorted set of up to 128 short members as a listpack, and
-- each add or remove there reads the members one by one (parsing each
-- fractional score it passes). A member longer than `zset-max-listpack-value`
-- (64 bytes unless configured otherwise) makes the set a skip list, which
-- Redis keeps until the set is empty; so a call that finds such a set of
-- SPREAD members or more still kept as a listpack adds such a member and
-- removes it in the same call: no client ever sees it (NX: a member of that
-- name, however unlikely, keeps its score).
elseif name == 'SkipLists' then
  local SPREAD = 16
  local SPREADER = nil

  -- Whether the set `key`, which is to have `adding` more members, should
  -- become a skip list: if so, adds the long member (the caller removes it).
  local function spread(key, adding)
    if call('object', 'encoding', key) == 'skiplist' then
      return false
    end
    if adding < SPREAD and call('zcard', key) + adding < SPREAD then
      return false
    end
    SPREADER = SPREADER or string.rep('~', 1025)
    return call('zadd', key, 'NX', '0', SPREADER) == 1
  end

  -- Adds the leases `locks` (score, jid, ...) that one pop of several jobs
  -- hands to `worker` to its jobs and to the queue's locks. With the leases
  -- of a container that takes jobs in batches (tens of them in flight), the
  -- lease sets' adds and removes were a sixth of a processed job's Redis
  -- work while they were listpacks.
  function M.SkipLists.add_leases(worker, queue, locks)
    local jobs, held = K .. 'w:' .. worker .. ':jobs', K .. 'q:' .. queue .. '-locks'
    local handed = #locks / 2
    local spread_jobs, spread_held = spread(jobs, handed), spread(held, handed)
    M.Queue.call_sliced('zadd', jobs, locks, 2)
    M.Queue.call_sliced('zadd', held, locks, 2)
    if spread_jobs then
      call('zrem', jobs, SPREADER)
    end
    if spread_held then
      call('zrem', held, SPREADER)
    end
  end

  -- A worker joined `ql:workers` (whose scores, the times workers were last
  -- seen, are fractional): every pop and heartbeat of every worker updates
  -- that set, which with 50 workers as a listpack cost each of them about
  -- 70,000 instructions. Checked only when a worker joins.
  function M.SkipLists.worker_joined()
    local key = K .. 'workers'
    if spread(key, 0) then
      call('zrem', key, SPREADER)
    end
  end

elseif name == 'QueuePop' then
  local C = module
  -- The jobs one pop hands out, made when it hands out the first (what a
  -- call can read elsewhere, such as `now`, is not kept here). `entry` is
  -- the history entry of the pop, `object` how a job shows it
  -- (JobView.popped_entry).
  local function popping(now, worker, expires)
    local entry, object = M.JobView.popped_entry(now, worker)
    return { worker = worker, expires = expires, expires_text = arg_text(expires),
      lease = lease_score(expires), jobs = {}, waits = {}, locks = {}, entry = entry,
      object = object }
  end

  -- Hands one job out: history, lease, lock and wait time. `throttles` is the job's
  -- list text when the pop extended it.
  local function hand_out(p, now, jid, f, throttles)
    local handed = #p.waits + 1
    local worker, expires = p.worker, p.expires_text
    M.Job.append_history(jid, now, 'popped', nil, f[14], p.entry)
    if f[17] then
      M.Job.clear_grace(jid, f[17])
    end
    p.waits[handed] = now - (M.QueueStats.time_of(f[15]) or now)
    if throttles then
      call('hset', K .. 'j:' .. jid, 'worker', worker, 'expires', expires, 'state', 'running',
        'time', now_arg(now), 'throttles', throttles)
      f[16] = throttles
    else
      call('hset', K .. 'j:' .. jid, 'worker', worker, 'expires', expires, 'state', 'running',
        'time', now_arg(now))
    end
    if f[18] then
      M.Unique.popped(jid, f[18], f[19])
    end
    p.locks[2 * handed - 1] = p.lease
    p.locks[2 * handed] = jid
    -- (`state.tracked` false: the call knows that no job is tracked)
    local tracked = state.tracked ~= false and is_tracked(jid)
    if tracked then
      call('publish', K .. 'popped', jid)
    end
    -- A jid whose hash has no `jid` field is handed out but not reported,
    -- as `get` would report nothing for it.
    if f[1] then
      f[3], f[5], f[7], f[14] = 'running', worker, p.expires, false
      local jobs = p.jobs
      jobs[#jobs + 1] = M.JobView.text(f, tracked, not state.lean, p.entry, p.object)
      if state.lean then
        jobs[#jobs + 1] = f[10] or ''
      end
    end
  end

  -- Pop with throttles: reclaimed jobs keep the throttle
  -- locks of their first pop; a job from `work` runs only if it gets every
  -- throttle of its list, else it is parked as `throttled`. A job without a
  -- list is throttled only by its queue's throttle, and only while that has
  -- a maximum: one HGET per pop that finds work decides, so such a pop costs
  -- one call more than before and nothing more per job, and a pop that
  -- finds no work costs what it did.
  --
  -- Unlike the reference, a full queue throttle is noticed after recurring
  -- jobs were spawned and scheduled ones promoted (they wait in `work`).
  C['pop'] = function(now, argv)
    local queue, worker, raw_count = queue_name(argv[3]), argv[4], argv[5]
    if not worker then
      error('Pop(): Arg "worker" missing')
    end
    local count = tonumber(raw_count)
    if not count then
      error('Pop(): Arg "count" missing or not a number: ' .. tostring(raw_count))
    end
    -- The options every pop reads, in one HMGET. `grace-period` (only when a
    -- lease expired) and `max-job-history` (only for a job popped before)
    -- are read when needed: each name costs the HMGET about as much as a
    -- command of its own would in the rare call that needs it.
    M.Config.prefetch(queue .. '-heartbeat', 'heartbeat', queue .. '-max-concurrency',
      queue .. '-max-pop-retry', 'max-pop-retry')
    local expires = now + M.Config.heartbeat(queue)
    if call('sismember', K .. 'paused_queues', queue) == 1 then
      return '{}'
    end
    if call('zadd', K .. 'workers', now_arg(now), worker) == 1 then
      M.SkipLists.worker_joined()
    end
    local qkey = K .. 'q:' .. queue
    local max_concurrency = tonumber(M.Config.get(queue .. '-max-concurrency', 0))
    if max_concurrency > 0 then
      local running = call('zcount', qkey .. '-locks', now_arg(now), '+inf')
      count = math.min(count, math.max(0, max_concurrency - running))
      if count == 0 then
        return '{}'
      end
    end

    local p = nil
    local reclaimed = M.Queue.reclaim(queue, now, count)
    for i = 1, #reclaimed do
      p = p or popping(now, worker, expires)
      hand_out(p, now, reclaimed[i], M.JobView.read(reclaimed[i]))
    end
    local limit = count - #reclaimed
    if limit ~= 0 then
      -- One EXISTS answers for both sets in the usual case that neither
      -- has a job.
      if call('exists', qkey .. '-recur', qkey .. '-scheduled') > 0 then
        M.QueueRare.spawn(queue, now, limit)
        M.QueueRare.promote(queue, now, limit)
      end
      -- Read once, when `work` first has jobs: `tries` (max-pop-retry) and
      -- whether the queue's throttle has a maximum (`gated`), in which case
      -- it applies to every job. A full one leaves them all in `work`.
      local wanted, tries, cache, gated, queue_max = limit, 1, nil, nil, 0
      local parked_total = 0
      repeat
        local top = M.Queue.top(queue, wanted)
        local n = #top
        if n == 0 then
          break
        end
        if gated == nil then
          tries = tonumber(M.Config.get(queue .. '-max-pop-retry', false)
            or M.Config.get('max-pop-retry', 1)) or 1
          if tries <= 0 then
            break
          end
          queue_max = tonumber(call('hget', K .. 'th:' .. qkey, 'maximum')) or 0
          gated = queue_max ~= 0
          if gated then
            cache = {}
            if not M.Throttle.queue_view(cache, queue, queue_max) then
              break
            end
          end
        end
        local parked = 0
        for i = 1, n do
          local jid = top[i]
          local f = M.JobView.read(jid)
          if f[1] and (f[16] or gated) then
            if not cache then
              cache = {}
              M.Throttle.queue_view(cache, queue, queue_max)
            end
            local list, text = M.ThrottleList.pop_list(f[16], queue, gated)
            local full = M.Throttle.acquire_all(cache, jid, list)
            if full then
              M.Throttle.throttle(queue, jid, full, now, f[3], f[14], text)
              parked = parked + 1
            else
              p = p or popping(now, worker, expires)
              hand_out(p, now, jid, f, text)
            end
          else
            p = p or popping(now, worker, expires)
            hand_out(p, now, jid, f)
          end
        end
        M.Queue.call_sliced('zrem', qkey .. '-work', top, 1)
        tries = tries - 1
        -- Look further down `work` only for the places that parked jobs
        -- left, only while it may hold more, and only until PARK_BATCH jobs
        -- were parked: `max-pop-retry` is not a bound on the work of a call.
        parked_total = parked_total + parked
        if parked == 0 or n < wanted or parked_total >= 500 then  -- PARK_BATCH
          break
        end
        wanted = parked
      until tries <= 0
    end
    if not p then
      -- An idle worker's poll drives the releases of dependents that
      -- earlier completes left unfinished.
      M.CompletedRare.continue_releases(now, 250)  -- RELEASE_BATCH
      return '{}'
    end
    M.QueueStats.record_stats(queue, now, 'wait', p.waits)
    if #p.locks > 2 then
      M.SkipLists.add_leases(worker, queue, p.locks)
    else
      call('zadd', K .. 'w:' .. worker .. ':jobs', p.locks[1], p.locks[2])
      call('zadd', qkey .. '-locks', p.locks[1], p.locks[2])
    end
    if #p.jobs > 0 then
      if state.lean then
        return p.jobs
      end
      return M.JobView.list(p.jobs)
    end
    return '{}'
  end

-- Queue counts, listings, statistics, failures and pausing.
elseif name == 'QueueAdmin' then
  local C = module
  C['peek'] = function(now, argv)
    local queue, raw_count = queue_name(argv[3]), argv[4]
    local count = tonumber(raw_count)
    if not count then
      error('Peek(): Arg "count" missing or not a number: ' .. tostring(raw_count))
    end
    local jids = call('zrangebyscore', K .. 'q:' .. queue .. '-locks', '-inf', now,
      'LIMIT', 0, count)
    local limit = count - #jids
    if limit ~= 0 then
      M.QueueRare.spawn(queue, now, limit)
      M.QueueRare.promote(queue, now, limit)
      local top = M.Queue.top(queue, limit)
      for i = 1, #top do
        jids[#jids + 1] = top[i]
      end
    end
    local jobs = {}
    for i = 1, #jids do
      local job = M.JobRare.load(jids[i])
      if job then
        jobs[#jobs + 1] = job
      end
    end
    return encode(jobs)
  end

  -- The listing of every queue has one entry per queue; the promotion of
  -- scheduled jobs that comes with it shares one PROMOTE_BATCH across all
  -- queues.
  C['queues'] = function(now, argv)
    if argv[3] then
      return encode((M.QueueRare.counts(argv[3], now, 500)))  -- PROMOTE_BATCH
    end
    local names = call('zrange', K .. 'queues', 0, -1)
    local all = {}
    local budget = 500  -- PROMOTE_BATCH
    for i = 1, #names do
      local counts, promoted = M.QueueRare.counts(names[i], now, budget)
      all[i] = counts
      budget = budget - promoted
    end
    return encode(all)
  end

  C['jobs'] = function(now, argv)
    local kind = argv[3]
    if not kind then
      error('Jobs(): Arg "state" missing')
    end
    if kind == 'complete' then
      local offset, count = M.SharedRare.paging(argv, 4, 'Jobs', 'count')
      return call('zrevrange', K .. 'completed', offset, offset + count - 1)
    end
    local queue = argv[4]
    if not queue then
      error('Jobs(): Arg "queue" missing')
    end
    local offset, count = M.SharedRare.paging(argv, 5, 'Jobs', 'count')
    local qkey = K .. 'q:' .. queue
    if kind == 'running' then
      return call('zrangebyscore', qkey .. '-locks', now, '+inf', 'LIMIT', offset, count)
    elseif kind == 'stalled' then
      return call('zrangebyscore', qkey .. '-locks', '-inf', now, 'LIMIT', offset, count)
    elseif kind == 'scheduled' then
      M.QueueRare.promote(queue, now, 500)  -- PROMOTE_BATCH
      return call('zrange', qkey .. '-scheduled', offset, offset + count - 1)
    elseif kind == 'depends' then
      return call('zrange', qkey .. '-depends', offset, offset + count - 1)
    elseif kind == 'recurring' then
      return call('zrangebyscore', qkey .. '-recur', 0, '+inf', 'LIMIT', offset, count)
    elseif kind == 'throttled' then
      return call('zrangebyscore', qkey .. '-throttled', '-inf', '+inf', 'LIMIT', offset, count)
    end
    error('Jobs(): Unknown type "' .. kind .. '"')
  end

  C['length'] = function(now, argv)
    local qkey = K .. 'q:' .. queue_name(argv[3])
    return call('zcard', qkey .. '-locks') + call('zcard', qkey .. '-work')
      + call('zcard', qkey .. '-scheduled')
  end

  C['pause'] = function(now, argv)
    call('sadd', K .. 'paused_queues', unpack(argv, 3))
    return nil
  end

  C['unpause'] = function(now, argv)
    call('srem', K .. 'paused_queues', unpack(argv, 3))
    return nil
  end

  C['queue.forget'] = function(now, argv)
    call('zrem', K .. 'queues', unpack(argv, 3))
    return nil
  end

  C['stats'] = function(now, argv)
    local queue, raw_date = queue_name(argv[3]), argv[4]
    local date = tonumber(raw_date)
    if not date then
      error('Stats(): Arg "date" missing or not a number: ' .. tostring(raw_date))
    end
    local bin = day_bin(date)
    -- The 148 reported buckets, after `total`, `mean` and `vk`: one HMGET of
    -- fixed size, whatever other buckets (negative or very long times) the
    -- hash has collected.
    local names = { 'total', 'mean', 'vk' }
    local function bucket(prefix, first, last)
      for i = first, last do
        names[#names + 1] = prefix .. i
      end
    end
    bucket('s', 0, 59)
    bucket('m', 1, 59)
    bucket('h', 1, 23)
    bucket('d', 1, 6)
    local function summary(kind)
      local values = call('hmget', K .. 's:' .. kind .. ':' .. bin .. ':' .. queue, unpack(names))
      local count = tonumber(values[1]) or 0
      local vk = tonumber(values[3]) or 0
      local histogram = {}
      for i = 4, #names do
        histogram[i - 3] = tonumber(values[i]) or 0
      end
      local std = 0
      if count > 1 then
        std = math.sqrt(vk / (count - 1))
      end
      return { count = count, mean = tonumber(values[2]) or 0, std = std,
        histogram = histogram }
    end
    local counters = call('hmget', K .. 's:stats:' .. bin .. ':' .. queue,
      'retries', 'failed', 'failures')
    return encode({
      retries = tonumber(counters[1]) or 0,
      failed = tonumber(counters[2]) or 0,
      failures = tonumber(counters[3]) or 0,
      wait = summary('wait'),
      run = summary('run')
    })
  end

  -- `throughput` (an extension command; reqless `stats.throughput`): the
  -- jobs completed and failed in each of the last 60 minutes and in each of
  -- the last 24 hours, oldest first, each list ending with the current
  -- minute or hour, from the counters QueueStats.count_throughput keeps. `at` is
  -- the start of the minute or hour in epoch seconds. The needed fields are
  -- read with one HMGET per day key, two at most (the 24 hours reach back
  -- into the day before).
  C['throughput'] = function(now, argv)
    local minute = floor(now / 60) * 60
    local hour = floor(now / 3600) * 3600
    -- {completed, failed} by minute start, from the first of the 24 hours to
    -- the current minute.
    local counts = {}
    local t = hour - 23 * 3600
    while t <= minute do
      local bin = day_bin(t)
      local last = bin + 86400 - 60
      if last > minute then
        last = minute
      end
      local from = (t - bin) / 60
      local n = (last - t) / 60 + 1
      local fields = {}
      for i = 0, n - 1 do
        fields[2 * i + 1] = 'c' .. (from + i)
        fields[2 * i + 2] = 'f' .. (from + i)
      end
      local values = call('hmget', K .. 's:throughput:' .. bin, unpack(fields))
      for i = 0, n - 1 do
        counts[t + i * 60] = { tonumber(values[2 * i + 1]) or 0, tonumber(values[2 * i + 2]) or 0 }
      end
      t = last + 60
    end
    local minutes = {}
    for i = 59, 0, -1 do
      local at = minute - i * 60
      local c = counts[at]
      minutes[#minutes + 1] = { at = at, completed = c[1], failed = c[2] }
    end
    local hours = {}
    for i = 23, 0, -1 do
      local at = hour - i * 3600
      local completed, failed = 0, 0
      for m = 0, 59 do
        local c = counts[at + m * 60]
        if c then
          completed = completed + c[1]
          failed = failed + c[2]
        end
      end
      hours[#hours + 1] = { at = at, completed = completed, failed = failed }
    end
    return encode({ minutes = minutes, hours = hours })
  end

  C['failed'] = function(now, argv)
    local group, raw_start, raw_limit = argv[3], argv[4], argv[5]
    local start = tonumber(raw_start or 0)
    if not start then
      error('Failed(): Arg "start" is not a number: ' .. tostring(raw_start))
    end
    local limit = tonumber(raw_limit or 25)
    if not limit then
      error('Failed(): Arg "limit" is not a number: ' .. tostring(raw_limit))
    end
    if group then
      local key = K .. 'f:' .. group
      return encode({
        total = call('llen', key),
        jobs = call('lrange', key, start, start + limit - 1)
      })
    end
    local counts = {}
    local groups = call('smembers', K .. 'failures')
    for i = 1, #groups do
      counts[groups[i]] = call('llen', K .. 'f:' .. groups[i])
    end
    return encode(counts)
  end

  -- Also reqless `queue.unfail`: the hooks check the queue and count, key
  -- the queue of the `put` entries and keep or move the throttle list.
  C['unfail'] = function(now, argv)
    local dialect = state.dialect
    local queue, group, raw_count = argv[3], argv[4], argv[5]
    dialect.unfail_queue(queue)
    if not group then
      error('Unfail(): Arg "group" missing')
    end
    local count = tonumber(raw_count or 25)
    if not count then
      error('Unfail(): Arg "count" not a number: ' .. tostring(raw_count))
    end
    if dialect.unfail_needs_positive_count and count <= 0 then
      error('Unfail(): Arg "count" must be greater than zero')
    end
    local key = K .. 'f:' .. group
    local jids = call('lrange', key, -count, -1)
    local work = K .. 'q:' .. queue .. '-work'
    for i = 1, #jids do
      local jid = jids[i]
      -- Like the reference, the job is read first and the history entry is
      -- written before a job that no longer exists stops the command.
      local f = call('hmget', K .. 'j:' .. jid, 'jid', 'retries', 'priority', 'history', 'queue',
        'throttles')
      M.Job.append_history(jid, now, 'put', M.SharedRare.put_entry(queue), f[4])
      if not f[1] then
        error('Unfail(): Job ' .. jid .. ' does not exist')
      end
      call('hset', K .. 'j:' .. jid, 'state', 'waiting', 'worker', '', 'expires', 0,
        'queue', queue, 'remaining', f[2] or 5)
      -- A job moved to another queue takes that queue's throttle.
      local moved = dialect.moves_queue_throttle and f[6] and M.ThrottleList.moved(f[6], f[5], queue)
      if moved then
        call('hset', K .. 'j:' .. jid, 'throttles', moved)
      end
      call('zadd', work, work_score(tonumber(f[3]) or 0, now), jid)
    end
    call('ltrim', key, 0, -count - 1)
    if call('llen', key) == 0 then
      call('srem', K .. 'failures', group)
    end
    if #jids > 0 then
      M.SharedRare.ready(queue)
    end
    return #jids
  end
