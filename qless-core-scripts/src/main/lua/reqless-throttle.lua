-- Throttles in the reqless dialect (R3.1, R7.4, R8.7): `ql:th:<tid>` holds
-- the maximum (0 or missing: unlimited), `-locks` the jids holding it (score
-- 1), `-pending` the jids parked on it (score: when parked).

ReqlessThrottle[1] = function(T)
  local function tid_of(tid)
    if not tid then
      error('Throttle(): no tid provided')
    end
    return tid
  end

  -- The stored maximum; a non-numeric one makes the comparisons below fail,
  -- as in the reference.
  function T.maximum(tid)
    local value = call('hget', 'ql:th:' .. tid, 'maximum')
    if not value then
      return 0
    end
    return tonumber(value)
  end

  function T.available(tid)
    local maximum = T.maximum(tid)
    return maximum == 0 or call('zcard', 'ql:th:' .. tid .. '-locks') < maximum
  end

  function T.available_all(list)
    for i = 1, #list do
      if not T.available(list[i]) then
        return false
      end
    end
    return true
  end

  -- ACQUIRE-ALL: every throttle or none. Locks are recorded even on
  -- unlimited throttles.
  function T.acquire_all(jid, list)
    if not T.available_all(list) then
      return false
    end
    for i = 1, #list do
      call('zadd', 'ql:th:' .. list[i] .. '-locks', 1, jid)
    end
    return true
  end

  -- THROTTLE-JOB: parks the job on the first full throttle of its list.
  function T.throttle_job(queue, jid, list, jstate, now)
    for i = 1, #list do
      if not T.available(list[i]) then
        call('zadd', 'ql:th:' .. list[i] .. '-pending', now, jid)
        break
      end
    end
    call('zadd', 'ql:q:' .. queue .. '-throttled', now, jid)
    if jstate ~= 'throttled' then
      call('hset', 'ql:j:' .. jid, 'state', 'throttled')
      Job.append_history(jid, now, 'throttled', { queue = queue })
    end
  end

  -- RELEASE: gives up the lock (or, without one, the pending place) and
  -- moves the oldest pending jobs back to their queues' work sets, their
  -- state left at `throttled`.
  function T.release(tid, jid, now)
    local base = 'ql:th:' .. tid
    if call('zrem', base .. '-locks', jid) == 0 then
      call('zrem', base .. '-pending', jid)
    end
    local maximum = T.maximum(tid)
    local slots = 10
    if maximum ~= 0 then
      slots = maximum - call('zcard', base .. '-locks')
    end
    if slots < 1 then
      return
    end
    local pending = call('zrange', base .. '-pending', 0, slots - 1)
    if #pending == 0 then
      return
    end
    for i = 1, #pending do
      local p = pending[i]
      local f = call('hmget', 'ql:j:' .. p, 'queue', 'priority')
      local qkey = 'ql:q:' .. f[1]
      call('zrem', qkey .. '-throttled', p)
      call('zadd', qkey .. '-work', work_score(tonumber(f[2]) or 0, now), p)
    end
    call('zremrangebyrank', base .. '-pending', 0, slots - 1)
  end

  -- RELEASE-ALL for the job's stored list (`text`, false when missing).
  function T.release_all(jid, text, now)
    if not text then
      return
    end
    local list = decode(text)
    for i = 1, #list do
      T.release(list[i], jid, now)
    end
  end

  local function get(tid)
    local key = 'ql:th:' .. tid
    local value = call('hget', key, 'maximum')
    local maximum = 0
    if value then
      maximum = tonumber(value)
    end
    return encode({ id = tid, maximum = maximum, ttl = call('ttl', key) })
  end

  T['throttle.set'] = function(now, argv)
    local tid, maximum, expiration = tid_of(argv[3]), argv[4], argv[5]
    local key = 'ql:th:' .. tid
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
    call('del', 'ql:th:' .. tid_of(argv[3]))
    return nil
  end

  T['throttle.locks'] = function(now, argv)
    return encode_list(call('zrange', 'ql:th:' .. tid_of(argv[3]) .. '-locks', 0, -1))
  end

  T['throttle.pending'] = function(now, argv)
    return encode_list(call('zrange', 'ql:th:' .. tid_of(argv[3]) .. '-pending', 0, -1))
  end

  T['throttle.release'] = function(now, argv)
    local tid = tid_of(argv[3])
    for i = 4, #argv do
      T.release(tid, argv[i], now)
    end
    return nil
  end

  T['queue.throttle.get'] = function(now, argv)
    return get('ql:q:' .. queue_name(argv[3]))
  end

  T['queue.throttle.set'] = function(now, argv)
    local tid = 'ql:q:' .. queue_name(argv[3])
    call('hmset', 'ql:th:' .. tid, 'id', tid, 'maximum', argv[4])
    return nil
  end
end
