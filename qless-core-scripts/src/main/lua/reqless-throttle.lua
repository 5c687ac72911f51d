-- Throttles in the reqless dialect: `ql:th:<tid>` holds
-- the maximum (0 or missing: unlimited), `-locks` the jids holding it (score
-- 1), `-pending` the jids parked on it (score: when parked).

elseif name == 'ReqlessThrottle' then
  local T = module
  -- The primitives are the shared ones of throttle.lua (one implementation
  -- of the data model); only the reqless call shapes live here. Two edge
  -- cases differ from the reference and are documented in the README: a
  -- non-numeric maximum reads as unlimited instead of failing, and a pending
  -- jid whose job is gone is dropped by a release instead of failing it.
  -- A pop passes its `cache`, so that its acquisitions read the throttle
  -- no second time.
  function T.available(tid, cache)
    return M.Throttle.full(cache or {}, { tid }) == nil
  end

  function T.available_all(list)
    return M.Throttle.full({}, list) == nil
  end

  -- ACQUIRE-ALL: every throttle or none. Locks are recorded even on
  -- unlimited throttles. A pop passes one `cache` for all of its jobs, so
  -- each throttle is read once per pop (see Throttle.acquire_all).
  function T.acquire_all(jid, list, cache)
    return M.Throttle.acquire_all(cache or {}, jid, list) == nil
  end

  -- THROTTLE-JOB: parks the job on the first full throttle of its list.
  function T.throttle_job(queue, jid, list, jstate, now)
    M.Throttle.throttle(queue, jid, M.Throttle.full({}, list), now, jstate, nil, nil)
  end

  -- RELEASE-ALL for the job's stored list (`text`, false when missing).
  function T.release_all(jid, text, now)
    if text then
      M.ThrottleRelease.release_all(text, jid, now)
    end
  end

-- The throttle.* commands of the reqless dialect: a module apart from the
-- primitives, which every put, pop and complete uses.
elseif name == 'ReqlessThrottleCommands' then
  local T = module
  local function tid_of(tid)
    if not tid then
      error('Throttle(): no tid provided')
    end
    return tid
  end

  local function get(tid)
    local key = K .. 'th:' .. tid
    local value = call('hget', key, 'maximum')
    local maximum = 0
    if value then
      maximum = tonumber(value)
    end
    return encode({ id = tid, maximum = maximum, ttl = call('ttl', key) })
  end

  T['throttle.set'] = function(now, argv)
    local tid, maximum, expiration = tid_of(argv[3]), argv[4], argv[5]
    local key = K .. 'th:' .. tid
    call('hmset', key, 'id', tid, 'maximum', maximum)
    if tonumber(expiration or 0) > 0 then
      call('expire', key, expiration)
    end
    return nil
  end

  T['throttle.get'] = function(now, argv)
    return get(tid_of(argv[3]))
  end

  T['throttle.delete'] = function(now, argv)
    call('del', K .. 'th:' .. tid_of(argv[3]))
    return nil
  end

  T['throttle.locks'] = function(now, argv)
    return encode_list(call('zrange', K .. 'th:' .. tid_of(argv[3]) .. '-locks', 0, -1))
  end

  T['throttle.pending'] = function(now, argv)
    return encode_list(call('zrange', K .. 'th:' .. tid_of(argv[3]) .. '-pending', 0, -1))
  end

  T['throttle.release'] = function(now, argv)
    local tid = tid_of(argv[3])
    for i = 4, #argv do
      M.ThrottleRelease.release(tid, argv[i], now)
    end
    return nil
  end

  T['queue.throttle.get'] = function(now, argv)
    return get(K .. 'q:' .. queue_name(argv[3]))
  end

  T['queue.throttle.set'] = function(now, argv)
    local tid = K .. 'q:' .. queue_name(argv[3])
    call('hmset', K .. 'th:' .. tid, 'id', tid, 'maximum', argv[4])
    return nil
  end
