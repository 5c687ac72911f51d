-- Recurring templates: `ql:r:<jid>` hashes scheduled in `ql:q:<queue>-recur`.

elseif name == 'Recurring' then
  local R = module
  -- SPAWN-RECURRING for the templates in `due`; one `moved` counter
  -- caps the children across all of them. In the reqless dialect the
  -- `put` entry keys the queue `queue`, and a template without `throttles`
  -- (made by the qless dialect) gives its children the queue throttle, where
  -- the reference would fail every pop of the queue.
  function R.spawn(queue, now, limit, due)
    local dialect = state.dialect
    local recur = K .. 'q:' .. queue .. '-recur'
    local work = K .. 'q:' .. queue .. '-work'
    local moved = 0
    for i = 1, #due do
      local rjid = due[i]
      local rkey = K .. 'r:' .. rjid
      local f = call('hmget', rkey, 'klass', 'data', 'priority', 'tags', 'retries', 'interval',
        'backlog', 'throttles')
      local klass, data, priority, tags_text, retries = f[1], f[2], f[3], f[4], f[5]
      local interval = tonumber(f[6])
      local backlog = tonumber(f[7] or 0)
      local throttles = dialect.template_throttles(f[8], queue)
      local tags = decode(tags_text)
      local score = floor(tonumber(call('zscore', recur, rjid)))
      if backlog ~= 0 then
        local missed = (now - score) / interval
        if missed > backlog then
          score = score + math.ceil(missed - backlog) * interval
        end
      end
      while score <= now and moved < limit do
        local child = rjid .. '-' .. call('hincrby', rkey, 'count', 1)
        for t = 1, #tags do
          call('zadd', K .. 't:' .. tags[t], now, child)
          call('zincrby', K .. 'tags', 1, tags[t])
        end
        local key = K .. 'j:' .. child
        local time = arg_text(score)
        -- Children copy the template's throttle list verbatim.
        if throttles then
          call('hset', key, 'jid', child, 'klass', klass, 'data', data, 'priority', priority,
            'tags', tags_text, 'state', 'waiting', 'worker', '', 'expires', 0, 'queue', queue,
            'retries', retries, 'remaining', retries, 'time', time, 'spawned_from_jid', rjid,
            'throttles', throttles)
        else
          call('hset', key, 'jid', child, 'klass', klass, 'data', data, 'priority', priority,
            'tags', tags_text, 'state', 'waiting', 'worker', '', 'expires', 0, 'queue', queue,
            'retries', retries, 'remaining', retries, 'time', time, 'spawned_from_jid', rjid)
        end
        M.Job.append_history(child, score, 'put', M.SharedRare.put_entry(queue))
        call('zadd', work, work_score(tonumber(priority), score), child)
        moved = moved + 1
        score = score + interval
        call('zadd', recur, score, rjid)
      end
    end
  end

  -- The `tags`, `priority`, `retries` and `backlog` options of a template,
  -- for qless `recur` and reqless `queue.recurAtInterval`.
  function R.options(options)
    local tags = decode(options['tags'] or '{}')
    if not tags then
      error('Recur(): Arg "tags" must be JSON string array: ' .. tostring(options['tags']))
    end
    local priority = tonumber(options['priority'] or 0)
    if not priority then
      error('Recur(): Arg "priority" not a number: ' .. tostring(options['priority']))
    end
    local retries = tonumber(options['retries'] or 0)
    if not retries then
      error('Recur(): Arg "retries" not a number: ' .. tostring(options['retries']))
    end
    local backlog = tonumber(options['backlog'] or 0)
    if not backlog then
      error('Recur(): Arg "backlog" not a number: ' .. tostring(options['backlog']))
    end
    return tags, priority, retries, backlog
  end

  R['recur'] = function(now, argv)
    local queue, jid, klass, raw_data, spec = argv[3], argv[4], argv[5], argv[6], argv[7]
    queue_name(queue)
    if not jid then
      error('RecurringJob On(): Arg "jid" missing')
    end
    if not klass then
      error('RecurringJob On(): Arg "klass" missing')
    end
    if not spec then
      error('RecurringJob On(): Arg "spec" missing')
    end
    if not decode(raw_data) then
      error('RecurringJob On(): Arg "data" not JSON: ' .. tostring(raw_data))
    end
    if spec ~= 'interval' then
      error('Recur(): schedule type "' .. tostring(spec) .. '" unknown')
    end
    local interval = tonumber(argv[8])
    if not interval then
      error('Recur(): Arg "interval" not a number: ' .. tostring(argv[8]))
    end
    local offset = tonumber(argv[9])
    if not offset then
      error('Recur(): Arg "offset" not a number: ' .. tostring(argv[9]))
    end
    if interval <= 0 then
      error('Recur(): Arg "interval" must be greater than 0')
    end
    check_even(argv, 8)
    local options = read_options(argv, 10)
    local tags, priority, retries, backlog = R.options(options)
    local throttles = options['throttles']
    if throttles then
      throttles = M.ThrottleList.parse(throttles, 'Recur(): Arg "throttles"')
      if #throttles == 0 then
        throttles = nil
      end
    end

    local rkey = K .. 'r:' .. jid
    local old = call('hmget', rkey, 'count', 'queue', 'throttles')
    if old[2] then
      call('zrem', K .. 'q:' .. old[2] .. '-recur', jid)
    end
    call('hset', rkey, 'jid', jid, 'klass', klass, 'data', raw_data, 'priority', priority,
      'tags', encode(tags), 'state', 'recur', 'queue', queue, 'type', 'interval',
      'count', old[1] or 0, 'interval', interval, 'retries', retries, 'backlog', backlog)
    -- Like put: the given list without the old queue's throttle, then the
    -- queue's own; nothing is inherited from an earlier `recur`.
    if throttles then
      call('hset', rkey, 'throttles', encode(M.ThrottleList.for_queue(throttles, old[2], queue)))
    elseif old[3] then
      call('hdel', rkey, 'throttles')
    end
    call('zadd', K .. 'q:' .. queue .. '-recur', now + offset, jid)
    call('zadd', K .. 'queues', 'NX', now, queue)
    return jid
  end

  R['unrecur'] = function(now, argv)
    local jid = argv[3]
    if not jid then
      error('Recurring(): no jid provided')
    end
    local queue = call('hget', K .. 'r:' .. jid, 'queue')
    if queue then
      call('zrem', K .. 'q:' .. queue .. '-recur', jid)
      call('del', K .. 'r:' .. jid)
    end
    return true
  end

  R['recur.get'] = function(now, argv)
    local jid = argv[3]
    if not jid then
      error('Recurring(): no jid provided')
    end
    local f = call('hmget', K .. 'r:' .. jid, 'jid', 'klass', 'state', 'queue', 'priority',
      'interval', 'retries', 'count', 'data', 'tags', 'backlog', 'throttles')
    if not f[1] then
      return nil
    end
    -- Always present in the reqless dialect, a missing field reading as an
    -- empty list.
    local throttles = nil
    if f[12] then
      throttles = decode(f[12])
    elseif state.dialect.always_lists_throttles then
      throttles = {}
    end
    return encode({
      jid = f[1],
      klass = f[2],
      state = f[3],
      queue = f[4],
      priority = tonumber(f[5]),
      interval = tonumber(f[6]),
      retries = tonumber(f[7]),
      count = tonumber(f[8]) or 0,
      data = f[9],
      tags = decode(f[10]),
      backlog = tonumber(f[11]) or 0,
      throttles = throttles
    })
  end

  R['recur.update'] = function(now, argv)
    local jid = argv[3]
    if not jid then
      error('Recurring(): no jid provided')
    end
    local rkey = K .. 'r:' .. jid
    local f = call('hmget', rkey, 'queue', 'interval')
    local queue, interval = f[1], tonumber(f[2])
    if not queue then
      error('Recur(): No recurring job ' .. jid)
    end
    for i = 4, #argv, 2 do
      local key, value = argv[i], argv[i + 1]
      if value == nil then
        error('No value provided for ' .. tostring(key))
      end
      if key == 'priority' or key == 'interval' or key == 'retries' then
        local number = tonumber(value)
        if not number then
          error('Recur(): Arg "' .. key .. '" must be a number: ' .. tostring(value))
        end
        if key == 'interval' then
          call('zincrby', K .. 'q:' .. queue .. '-recur', number - interval, jid)
          interval = number
        end
        call('hset', rkey, key, number)
      elseif key == 'data' then
        if not decode(value) then
          error('Recur(): Arg "data" is not JSON-encoded: ' .. tostring(value))
        end
        call('hset', rkey, 'data', value)
      elseif key == 'klass' then
        call('hset', rkey, 'klass', value)
      elseif key == 'queue' then
        local old = K .. 'q:' .. queue .. '-recur'
        local score = call('zscore', old, jid)
        call('zrem', old, jid)
        call('zadd', K .. 'q:' .. value .. '-recur', score, jid)
        call('hset', rkey, 'queue', value)
        call('zadd', K .. 'queues', 'NX', now, value)
        local throttles = call('hget', rkey, 'throttles')
        local moved = throttles and M.ThrottleList.moved(throttles, queue, value)
        if moved then
          call('hset', rkey, 'throttles', moved)
        end
        queue = value
      elseif key == 'backlog' then
        local number = tonumber(value)
        if not number then
          error('Recur(): Arg "backlog" not a number: ' .. tostring(value))
        end
        call('hset', rkey, 'backlog', number)
      elseif key == 'throttles' then
        -- Replaces the list verbatim, as reqless does; a pop still adds the
        -- queue's throttle to a child whose list lacks it.
        local list = M.ThrottleList.parse(value, 'Recur(): Arg "throttles"')
        if #list == 0 then
          call('hdel', rkey, 'throttles')
        else
          call('hset', rkey, 'throttles', encode(list))
        end
      else
        error('Recur(): Unrecognized option "' .. tostring(key) .. '"')
      end
    end
    return true
  end

  R['recur.tag'] = function(now, argv)
    local jid = argv[3]
    if not jid then
      error('Recurring(): no jid provided')
    end
    local text = call('hget', K .. 'r:' .. jid, 'tags')
    if not text then
      error('Tag(): Job ' .. jid .. ' does not exist')
    end
    local tags = decode(text)
    local present = {}
    for i = 1, #tags do
      present[tags[i]] = true
    end
    for i = 4, #argv do
      if not present[argv[i]] then
        tags[#tags + 1] = argv[i]
      end
    end
    text = encode(tags)
    call('hset', K .. 'r:' .. jid, 'tags', text)
    return text
  end

  R['recur.untag'] = function(now, argv)
    local jid = argv[3]
    if not jid then
      error('Recurring(): no jid provided')
    end
    local text = call('hget', K .. 'r:' .. jid, 'tags')
    if not text then
      error('Untag(): Job ' .. jid .. ' does not exist')
    end
    local tags = decode(text)
    local removed = {}
    for i = 4, #argv do
      removed[argv[i]] = true
    end
    local remaining = {}
    for i = 1, #tags do
      if not removed[tags[i]] then
        remaining[#remaining + 1] = tags[i]
      end
    end
    text = encode(remaining)
    call('hset', K .. 'r:' .. jid, 'tags', text)
    return text
  end
