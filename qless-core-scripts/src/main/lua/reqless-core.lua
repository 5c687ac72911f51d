-- The reqless dialect (reqless-dialect.md): a second vocabulary over the same
-- data model. These files come after the qless modules in reqless.lua and
-- reuse their internals (Config, Job, Queue, Recurring, Worker); what the
-- dialect does differently lives here: the job's `throttles` list and the
-- throttle bookkeeping, `put` history entries keyed `queue`, tag counters
-- that disappear with their last job, the multi-pass pop and the offset
-- peek.

-- The functions of the reqless dialect's hooks (reqless-modules.lua).
elseif name == 'ReqlessDialect' then
  local D = module
  -- A JSON array, kept on a re-put.
  function D.put_throttles(raw)
    if not raw then
      return {}
    end
    local list = decode(raw)
    if not list then
      error('Put(): Arg "throttles" not JSON array: ' .. tostring(raw))
    end
    return list
  end

  function D.leave_queue(old_queue, old_state, jid, throttles, old_text, now)
    if old_queue then
      M.ReqlessRare.leave_queue(old_queue, jid, throttles, old_text, now)
    end
  end

  -- The list always gains the queue's throttle.
  function D.stored_throttles(throttles, old_queue, queue)
    throttles[#throttles + 1] = K .. 'q:' .. queue
    return throttles, encode(throttles)
  end

  function D.pop(now, argv)
    return M.Reqless.pop(now, argv)
  end

  -- The other hooks are seldom used: built on first use of one of them.
  module[1] = 'ReqlessDialectRare'
  setmetatable(module, lazy_meta)
elseif name == 'ReqlessDialectRare' then
  local D = module
  -- Errors say `Job`, without the jid.
  D.names_jobs_in_errors = false
  -- A retry that used up the last retry writes `failed-retries` and
  -- publishes no `ql:failed`.
  D.exhausted_entry = 'failed-retries'
  D.shows_failed_retries = true
  D.announces_exhausted_retry = false
  D.retry_queue_arg = 'queue_name'
  -- `job.timeout` of a missing job reads as not running, and clears the
  -- worker.
  D.timeout_requires_job = false
  D.timeout_clears_worker = true
  -- A job keeps its throttle list when it moves on.
  D.moves_queue_throttle = false
  D.unfail_needs_positive_count = true

  function D.cancel_unqueue(queue, jid, jstate)
    M.ReqlessRare.unqueue(queue, jid)
  end

  -- DELETE-JOB.
  function D.delete_canceled(jid, tags_text)
    M.ReqlessRare.delete_job(jid)
  end

  function D.delete_completed(jids)
    M.ReqlessRare.delete_jobs(jids)
  end

  -- TAG-REMOVE.
  function D.remove_tags(jid, tags, names, first)
    M.JobRare.remove_tags(jid, tags, names, first, M.ReqlessRare.tag_remove)
  end

  -- A template without a list (made by the qless dialect) gives its
  -- children the queue's throttle, where the reference would fail every pop
  -- of the queue.
  function D.template_throttles(text, queue)
    return text or encode({ K .. 'q:' .. queue })
  end

  -- `job.setPriority` of a missing job fails as a missing queue name.
  function D.priority_missing(jid)
    return 'Queue(): no queue name provided'
  end

  function D.unfail_queue(queue)
    if not queue then
      error('queue.unfail(): Arg "queue" missing')
    end
  end

elseif name == 'Reqless' then
  local R = module
  -- The job's throttle ids; a missing field (a job written by the qless
  -- dialect) reads as an empty list.
  function R.throttles(text)
    if not text then
      return {}
    end
    return decode(text)
  end

  -- RECLAIM-EXPIRED-LOCKS; its exhaustion path releases the job's
  -- throttles.
  function R.reclaim(queue, now, limit)
    if limit <= 0 then
      return {}
    end
    return M.Queue.reclaim(queue, now, limit)
  end

  -- SPAWN-RECURRING with the reqless differences (see Recurring.spawn).
  function R.spawn(queue, now, limit)
    if limit <= 0 then
      return
    end
    M.QueueRare.spawn(queue, now, limit)
  end

  function R.promote(queue, now, limit)
    if limit > 0 then
      M.QueueRare.promote(queue, now, limit)
    end
  end

  -- HAND-OUT of a job whose JobView.read fields are `f`: appends the job
  -- object to `jobs` and its lock to `locks` (written once for the whole
  -- pop); false when the job hash is gone.
  local function hand_out(queue, worker, jid, f, now, expires, waits, jobs, locks, entry, object)
    if not f[3] then
      return false
    end
    M.Job.append_history(jid, now, 'popped', nil, f[14], entry)
    if f[17] then
      M.Job.clear_grace(jid, f[17])
    end
    waits[#waits + 1] = now - (M.QueueStats.time_of(f[15]) or now)
    -- The lease as text and as a lock score, made for the first job and
    -- kept with the locks.
    local lease = locks.lease
    if not lease then
      lease = arg_text(expires)
      locks.lease = lease
      locks.score = lease_score(expires)
    end
    call('hset', K .. 'j:' .. jid, 'worker', worker, 'expires', lease, 'state', 'running',
      'time', now_arg(now))
    locks[#locks + 1] = locks.score
    locks[#locks + 1] = jid
    if f[18] then
      M.Unique.popped(jid, f[18], f[19])
    end
    local tracked = state.tracked ~= false and is_tracked(jid)
    if tracked then
      call('publish', K .. 'popped', jid)
    end
    -- Rendered from the fields already read, as qless pop does; a hash
    -- without a `jid` field is handed out but not reported.
    if f[1] then
      f[3], f[5], f[7], f[14] = 'running', worker, expires, false
      jobs[#jobs + 1] = M.JobView.text(f, tracked, not state.lean, entry, object)
      if state.lean then
        jobs[#jobs + 1] = f[10] or ''
      end
    end
    return true
  end

  -- POP.
  function R.pop(now, argv)
    local queue, worker, raw_limit = queue_name(argv[3]), argv[4], argv[5]
    if not worker then
      error('Pop(): Arg "worker" missing')
    end
    local limit = tonumber(raw_limit)
    if not limit then
      error('Pop(): Arg "limit" missing or not a number: ' .. tostring(raw_limit))
    end
    if call('sismember', K .. 'paused_queues', queue) == 1 then
      return '[]'
    end
    if call('zadd', K .. 'workers', now_arg(now), worker) == 1 then
      M.SkipLists.worker_joined()
    end
    -- As in the qless pop: `grace-period` and `max-job-history` only when
    -- needed.
    M.Config.prefetch(queue .. '-heartbeat', 'heartbeat', queue .. '-max-pop-retry',
      'max-pop-retry')
    local expires = now + M.Config.heartbeat(queue)
    local popped, waits, jobs, locks, cache = {}, {}, {}, {}, {}
    local entry, object = M.JobView.popped_entry(now, worker)
    local reclaimed = R.reclaim(queue, now, limit)
    for i = 1, #reclaimed do
      local jid = reclaimed[i]
      if hand_out(queue, worker, jid, M.JobView.read(jid), now, expires, waits, jobs, locks, entry, object) then
        popped[#popped + 1] = jid
      end
    end
    if M.ReqlessThrottle.available(K .. 'q:' .. queue, cache) then
      -- One EXISTS answers for both sets in the usual case that neither
      -- has a job.
      local qkey = K .. 'q:' .. queue
      if call('exists', qkey .. '-recur', qkey .. '-scheduled') > 0 then
        R.spawn(queue, now, limit - #reclaimed)
        R.promote(queue, now, limit - #reclaimed)
      end
      local tries = tonumber(M.Config.get(queue .. '-max-pop-retry')
        or M.Config.get('max-pop-retry', 1))
      local work = K .. 'q:' .. queue .. '-work'
      -- As in the qless pop, at most PARK_BATCH jobs are parked per call.
      local parked = 0
      while #popped < limit and tries > 0 and parked < 500 do  -- PARK_BATCH
        local batch = call('zrevrange', work, 0, limit - #popped - 1)
        if #batch == 0 then
          break
        end
        for i = 1, #batch do
          local jid = batch[i]
          local f = M.JobView.read(jid)
          local throttles = R.throttles(f[16])
          -- A job put through the qless dialect may have no list: it takes its
          -- queue's throttle, stored with the lock so that whatever ends the
          -- run releases it, and the queue's cap holds for it too.
          local adopted = not f[16] and f[3] ~= nil
          if adopted then
            throttles = { K .. 'q:' .. queue }
          end
          if M.ReqlessThrottle.acquire_all(jid, throttles, cache) then
            if adopted then
              f[16] = encode(throttles)
              call('hset', K .. 'j:' .. jid, 'throttles', f[16])
            end
            if hand_out(queue, worker, jid, f, now, expires, waits, jobs, locks, entry, object) then
              popped[#popped + 1] = jid
            end
          else
            M.ReqlessThrottle.throttle_job(queue, jid, throttles, f[3], now)
            parked = parked + 1
          end
        end
        M.Queue.call_sliced('zrem', work, batch, 1)
        tries = tries - 1
      end
    end
    if #locks > 2 then
      M.SkipLists.add_leases(worker, queue, locks)
    elseif #locks > 0 then
      call('zadd', K .. 'w:' .. worker .. ':jobs', locks[1], locks[2])
      call('zadd', K .. 'q:' .. queue .. '-locks', locks[1], locks[2])
    end
    if #waits > 0 then
      M.QueueStats.record_stats(queue, now, 'wait', waits)
    else
      -- An idle poll continues unfinished releases of dependents.
      M.CompletedRare.continue_releases(now, 250)  -- RELEASE_BATCH
    end
    if #jobs > 0 then
      if state.lean then
        return jobs
      end
      return M.JobView.list(jobs)
    end
    return encode_list(jobs)
  end

-- Tags, deletion, re-puts and peeks in the reqless dialect: a module apart,
-- so that the hot commands do not build it.
elseif name == 'ReqlessRare' then
  local R = module
  -- A job leaving its queue: every set of the queue it can be in.
  function R.unqueue(queue, jid)
    local qkey = K .. 'q:' .. queue
    call('zrem', qkey .. '-work', jid)
    call('zrem', qkey .. '-locks', jid)
    call('zrem', qkey .. '-scheduled', jid)
    call('zrem', qkey .. '-depends', jid)
    call('zrem', qkey .. '-throttled', jid)
  end

  -- PUT for `queue.put` and `job.requeue`: the qless PUT, which
  -- asks the reqless hooks where the dialects differ.
  function R.put(now, argv)
    return M.QueueCommands['put'](now, argv)
  end

  -- A re-put job leaves its old queue: all of that queue's sets, its
  -- throttle id in the new list, and (unlike the reference)
  -- its locks and pending places on its old throttles, as the qless put
  -- does. Kept, a stale pending place could hand the job out twice, and a
  -- job re-put while holding the only slot of a throttle would wait for
  -- itself.
  function R.leave_queue(old_queue, jid, throttles, old_text, now)
    if old_queue then
      R.unqueue(old_queue, jid)
      strip_entries(throttles, K .. 'q:' .. old_queue)
      M.ReqlessThrottle.release_all(jid, old_text, now)
    end
  end

  -- PEEK with offset and limit.
  function R.peek(now, argv)
    local queue, raw_offset, raw_limit = queue_name(argv[3]), argv[4], argv[5]
    local offset = tonumber(raw_offset)
    if not offset then
      error('Peek(): Arg "offset" missing or not a number: ' .. tostring(raw_offset))
    end
    local limit = tonumber(raw_limit)
    if not limit then
      error('Peek(): Arg "limit" missing or not a number: ' .. tostring(raw_limit))
    end
    if limit <= 0 then
      return '[]'
    end
    local window = offset + limit
    local qkey = K .. 'q:' .. queue
    local ids = call('zrangebyscore', qkey .. '-locks', '-inf', now, 'LIMIT', 0, window)
    local capacity = window - #ids
    M.Reqless.spawn(queue, now, capacity)
    M.Reqless.promote(queue, now, capacity)
    local jids
    if offset > #ids then
      local first = offset - #ids
      jids = call('zrevrange', qkey .. '-work', first, first + limit - 1)
    else
      if capacity > 0 then
        local top = call('zrevrange', qkey .. '-work', 0, capacity - 1)
        for i = 1, #top do
          ids[#ids + 1] = top[i]
        end
      end
      jids = {}
      for i = offset + 1, math.min(window, #ids) do
        jids[#jids + 1] = ids[i]
      end
    end
    local jobs = {}
    for i = 1, #jids do
      local job = M.JobRare.load(jids[i])
      if job then
        jobs[#jobs + 1] = job
      end
    end
    return encode_list(jobs)
  end

  -- TAG-REMOVE: the counter goes once no job carries the tag.
  function R.tag_remove(jid, tag)
    local key = K .. 't:' .. tag
    call('zrem', key, jid)
    if call('zcard', key) == 0 then
      call('zrem', K .. 'tags', tag)
    else
      call('zincrby', K .. 'tags', -1, tag)
    end
  end

  -- DELETE-JOB, for cancel; completed-job expiry uses delete_jobs.
  function R.delete_job(jid)
    local key = K .. 'j:' .. jid
    local tags = call('hget', key, 'tags')
    if tags then
      tags = decode(tags)
      for i = 1, #tags do
        R.tag_remove(jid, tags[i])
      end
    end
    call('del', key, key .. '-history', key .. '-dependencies')
  end

  -- DELETE-JOB for a list of expired completed jobs (at most EXPIRE_BATCH).
  -- Each tag is updated once for all the jobs that carry it, which leaves
  -- what one TAG-REMOVE per job would: the counter goes down by their count,
  -- or goes entirely once no job carries the tag.
  function R.delete_jobs(jids)
    local order, by_tag, keys = M.CompletedRare.tags_of(jids)
    for i = 1, #order do
      local tag = order[i]
      local list = by_tag[tag]
      local key = K .. 't:' .. tag
      call('zrem', key, unpack(list))
      if call('zcard', key) == 0 then
        call('zrem', K .. 'tags', tag)
      else
        call('zincrby', K .. 'tags', -#list, tag)
      end
    end
    local n = #keys
    for i = 1, n do
      keys[n + i] = keys[i] .. '-history'
    end
    for i = 1, n do
      keys[2 * n + i] = keys[i] .. '-dependencies'
    end
    call('del', unpack(keys))
  end
