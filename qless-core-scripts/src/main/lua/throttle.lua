-- Throttles: named concurrency limits. A throttle `ql:th:<tid>` is a
-- hash with a `maximum` (missing, expired or 0: unlimited), a `-locks` set of
-- the jobs that hold it and a `-pending` set of the jobs parked until it has
-- a free slot. A job's `throttles` field lists the throttles it must all hold
-- to run; `ql:q:<queue>` is the implicit throttle of its queue.
--
-- A job put without throttles has no `throttles` field, so complete, fail,
-- retry, ... touch no throttle key for it. Its pop reads one key, the queue's
-- throttle: only when that has a maximum does the job get `ql:q:<queue>` as
-- its list, written together with its running state, so that whatever ends
-- the run knows what to release.

elseif name == 'Throttle' then
  local T = module
  -- A throttle as seen by one call: its maximum and how many locks it has,
  -- read once per call and kept up to date as the call takes locks. `cache`
  -- maps tid to these views.
  local function view(cache, tid)
    local v = cache[tid]
    if not v then
      local key = K .. 'th:' .. tid
      local maximum = tonumber(call('hget', key, 'maximum')) or 0
      v = { key = key, maximum = maximum, held = 0 }
      if maximum ~= 0 then
        v.held = call('zcard', key .. '-locks')
      end
      cache[tid] = v
    end
    return v
  end

  local function available(v)
    return v.maximum == 0 or v.held < v.maximum
  end

  -- Seeds `cache` with the queue throttle for a pop that already read its
  -- maximum, and tells whether it has a free slot.
  function T.queue_view(cache, queue, maximum)
    local tid = K .. 'q:' .. queue
    local key = K .. 'th:' .. tid
    local v = { key = key, maximum = maximum, held = 0 }
    if maximum ~= 0 then
      v.held = call('zcard', key .. '-locks')
    end
    cache[tid] = v
    return available(v)
  end

  -- The first throttle of `list` without a free slot, or nil.
  function T.full(cache, list)
    for i = 1, #list do
      if not available(view(cache, list[i])) then
        return list[i]
      end
    end
    return nil
  end

  -- ACQUIRE-ALL: the first full throttle, taking nothing; or nil
  -- after taking a lock on every throttle of the list.
  function T.acquire_all(cache, jid, list)
    local full = T.full(cache, list)
    if full then
      return full
    end
    for i = 1, #list do
      local v = cache[list[i]]
      v.held = v.held + call('zadd', v.key .. '-locks', '1', jid)
    end
    return nil
  end

  -- THROTTLE-JOB: parks the job on `tid`, the first full throttle of
  -- its list, and out of `queue`'s work. `list_text` is a new list to store,
  -- or nil; `legacy` is the job's legacy history field as for APPEND-HISTORY.
  function T.throttle(queue, jid, tid, now, jstate, legacy, list_text)
    call('zadd', K .. 'th:' .. tid .. '-pending', now, jid)
    call('zadd', K .. 'q:' .. queue .. '-throttled', now, jid)
    local key = K .. 'j:' .. jid
    if jstate ~= 'throttled' then
      if list_text then
        call('hset', key, 'state', 'throttled', 'throttles', list_text)
      else
        call('hset', key, 'state', 'throttled')
      end
      M.Job.append_history(jid, now, 'throttled', { queue = queue }, legacy)
    elseif list_text then
      call('hset', key, 'throttles', list_text)
    end
  end

-- Throttle lists: parsing, the queue's own throttle in a list, moving a
-- list to another queue. A module apart from Throttle, so that a put or a
-- pop of jobs without lists of their own builds only the taking of locks.
elseif name == 'ThrottleList' then
  local T = module
  -- Decodes a `throttles` argument: a JSON array of throttle ids. `what`
  -- names the argument in the error, e.g. `Put(): Arg "throttles"`.
  function T.parse(raw, what)
    local ok, list = pcall(decode, raw)
    if not ok or type(list) ~= 'table' then
      error(what .. ' not JSON array: ' .. tostring(raw))
    end
    for i = 1, #list do
      local kind = type(list[i])
      if kind ~= 'string' and kind ~= 'number' then
        error(what .. ' not JSON array: ' .. tostring(raw))
      end
      list[i] = tostring(list[i])
    end
    return list
  end

  -- The list a job or template stores for `queue`: the given ids without
  -- `ql:q:<old queue>` (clients send back a job's current list when they move
  -- it), then `ql:q:<queue>` unless the list names it already.
  function T.for_queue(list, old_queue, queue)
    local own = K .. 'q:' .. queue
    local stale = old_queue and (K .. 'q:' .. old_queue)
    local result, has_own = {}, false
    for i = 1, #list do
      local tid = list[i]
      if tid ~= stale then
        result[#result + 1] = tid
        has_own = has_own or tid == own
      end
    end
    if not has_own then
      result[#result + 1] = own
    end
    return result
  end

  -- The stored list `text` with `ql:q:<from>` replaced by `ql:q:<to>`, for
  -- a job or template that moves to another queue; nil when nothing changes.
  function T.moved(text, from, to)
    if not text or from == to then
      return nil
    end
    local list = decode(text)
    local stale, own = K .. 'q:' .. tostring(from), K .. 'q:' .. to
    local result, changed, has_own = {}, false, false
    for i = 1, #list do
      local tid = list[i]
      if tid == stale then
        changed = true
      else
        result[#result + 1] = tid
        has_own = has_own or tid == own
      end
    end
    if not changed then
      return nil
    end
    if not has_own then
      result[#result + 1] = own
    end
    return encode(result)
  end

  -- The throttles a pop must take for a job: its stored list, plus its
  -- queue's throttle when that has a maximum and the list lacks it (a job
  -- put without throttles, a template list replaced verbatim). Returns the
  -- list and, when it was extended, its new text to store.
  function T.pop_list(text, queue, gated)
    local list = {}
    if text then
      list = decode(text)
    end
    if not gated then
      return list, nil
    end
    local own = K .. 'q:' .. queue
    for i = 1, #list do
      if list[i] == own then
        return list, nil
      end
    end
    list[#list + 1] = own
    return list, encode(list)
  end

-- Releasing throttle locks: a module apart from taking them, so that a
-- complete builds only this.
elseif name == 'ThrottleRelease' then
  local T = module
  -- RELEASE: gives up the job's lock on `tid` (or, holding none, its
  -- place in the pending set) and moves the oldest pending jobs, as many as
  -- there are free slots, back into their queues' work sets. Their state
  -- stays `throttled` until a pop hands them out.
  --
  -- At most THROTTLE_BATCH jobs move per release (10 for a throttle without
  -- a maximum, as in the reference). After a maximum was raised far, each
  -- release moves the next batch: the moved jobs run, and their releases
  -- move more.
  function T.release(tid, jid, now)
    local key = K .. 'th:' .. tid
    if call('zrem', key .. '-locks', jid) == 0 then
      call('zrem', key .. '-pending', jid)
    end
    local maxima = state.maxima
    if not maxima then
      maxima = {}
      state.maxima = maxima
    end
    local maximum = maxima[tid]
    if not maximum then
      maximum = tonumber(call('hget', key, 'maximum')) or 0
      maxima[tid] = maximum
    end
    local slots = 10
    if maximum ~= 0 then
      slots = maximum - call('zcard', key .. '-locks')
      if slots > 100 then  -- THROTTLE_BATCH
        slots = 100  -- THROTTLE_BATCH
      end
    end
    if slots < 1 then
      return
    end
    local pending = call('zrange', key .. '-pending', '0', arg_text(slots - 1))
    local n = #pending
    if n == 0 then
      return
    end
    -- The queue sets are written once per queue for the whole batch.
    local queues, moved = {}, {}
    for i = 1, n do
      local waiting = pending[i]
      local f = call('hmget', K .. 'j:' .. waiting, 'queue', 'priority')
      -- The reference fails on a pending jid whose job is gone; it is only
      -- dropped here.
      local queue = f[1]
      if queue then
        local m = moved[queue]
        if not m then
          m = { jids = {}, work = {} }
          moved[queue] = m
          queues[#queues + 1] = queue
        end
        m.jids[#m.jids + 1] = waiting
        m.work[#m.work + 1] = work_score(tonumber(f[2]) or 0, now)
        m.work[#m.work + 1] = waiting
      end
    end
    for i = 1, #queues do
      local m = moved[queues[i]]
      local qkey = K .. 'q:' .. queues[i]
      call('zrem', qkey .. '-throttled', unpack(m.jids))
      call('zadd', qkey .. '-work', unpack(m.work))
      M.SharedRare.ready(queues[i])
    end
    call('zremrangebyrank', key .. '-pending', 0, n - 1)
  end

  -- RELEASE-ALL for a job whose stored list is `text`.
  function T.release_all(text, jid, now)
    local list = decode(text)
    for i = 1, #list do
      T.release(list[i], jid, now)
    end
  end

-- The throttle commands, qless-core style: `throttle.locks` and
-- `throttle.pending` reply with plain arrays, `throttle.ttl` is separate.
elseif name == 'ThrottleCommands' then
  local C = module
  local function tid_of(argv, i)
    local tid = argv[i]
    if not tid then
      error('Throttle(): Arg "tid" missing')
    end
    return tid
  end

  -- Sets the maximum; a positive expiration (seconds) makes the throttle
  -- expire, after which it reads as unlimited. Without one, an existing
  -- expiry is kept, as in the reference.
  local function set(tid, raw_max, raw_expiration)
    local maximum = tonumber(raw_max)
    if not maximum then
      error('Throttle.set(): Arg "maximum" not a number: ' .. tostring(raw_max))
    end
    local expiration = tonumber(raw_expiration or 0)
    if not expiration then
      error('Throttle.set(): Arg "expiration" not a number: ' .. tostring(raw_expiration))
    end
    local key = K .. 'th:' .. tid
    call('hset', key, 'id', tid, 'maximum', maximum)
    if expiration > 0 then
      call('expire', key, expiration)
    end
    return nil
  end

  local function get(tid)
    local key = K .. 'th:' .. tid
    return encode({
      id = tid,
      maximum = tonumber(call('hget', key, 'maximum')) or 0,
      ttl = call('ttl', key)
    })
  end

  C['throttle.set'] = function(now, argv)
    return set(tid_of(argv, 3), argv[4], argv[5])
  end

  C['throttle.get'] = function(now, argv)
    return get(tid_of(argv, 3))
  end

  C['throttle.ttl'] = function(now, argv)
    return call('ttl', K .. 'th:' .. tid_of(argv, 3))
  end

  -- Deletes the maximum only: jobs holding or waiting for the throttle keep
  -- their places, and release still finds them.
  C['throttle.delete'] = function(now, argv)
    call('del', K .. 'th:' .. tid_of(argv, 3))
    return nil
  end

  C['throttle.locks'] = function(now, argv)
    return call('zrange', K .. 'th:' .. tid_of(argv, 3) .. '-locks', 0, -1)
  end

  C['throttle.pending'] = function(now, argv)
    return call('zrange', K .. 'th:' .. tid_of(argv, 3) .. '-pending', 0, -1)
  end

  C['throttle.release'] = function(now, argv)
    local tid = tid_of(argv, 3)
    for i = 4, #argv do
      M.ThrottleRelease.release(tid, argv[i], now)
    end
    return nil
  end

  C['queue.throttle.get'] = function(now, argv)
    return get(K .. 'q:' .. queue_name(argv[3]))
  end

  C['queue.throttle.set'] = function(now, argv)
    return set(K .. 'q:' .. queue_name(argv[3]), argv[4], nil)
  end
