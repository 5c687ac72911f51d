-- The reqless configuration, recurring-template, worker
-- and queue-pattern commands.

elseif name == 'ReqlessAdmin' then
  local C = module
  -- The reqless defaults: eight options, every value a string.
  local function defaults()
    return {
      ['application'] = 'reqless',
      ['grace-period'] = '10',
      ['heartbeat'] = '60',
      ['jobs-history'] = '604800',
      ['jobs-history-count'] = '50000',
      ['max-job-history'] = '100',
      ['max-pop-retry'] = '1',
      ['max-worker-age'] = '86400'
    }
  end

  C['config.get'] = function(now, argv)
    local name = argv[3]
    if not name then
      error("config.get(): Argument 'key' missing")
    end
    local value = call('hget', K .. 'config', name)
    if value then
      return value
    end
    return defaults()[name]
  end

  C['config.getAll'] = function(now, argv)
    local all = defaults()
    local flat = call('hgetall', K .. 'config')
    for i = 1, #flat, 2 do
      all[flat[i]] = flat[i + 1]
    end
    return encode(all)
  end

  C['config.set'] = function(now, argv)
    return M.ConfigCommands['config.set'](now, argv)
  end

  C['config.unset'] = function(now, argv)
    return M.ConfigCommands['config.unset'](now, argv)
  end

  -- Recurring templates -------------------------------------------------

  C['queue.recurAtInterval'] = function(now, argv)
    local queue, jid, klass, raw_data = queue_name(argv[3]), argv[4], argv[5], argv[6]
    if not jid then
      error('Recur(): Arg "jid" missing')
    end
    if not klass then
      error('Recur(): Arg "klass" missing')
    end
    if not decode(raw_data) then
      error('Recur(): Arg "data" not JSON: ' .. tostring(raw_data))
    end
    local interval = tonumber(argv[7])
    if not interval then
      error('Recur(): Arg "interval" not a number: ' .. tostring(argv[7]))
    end
    local offset = tonumber(argv[8])
    if not offset then
      error('Recur(): Arg "offset" not a number: ' .. tostring(argv[8]))
    end
    if interval <= 0 then
      error('Recur(): Arg "interval" must be greater than 0')
    end
    if (#argv - 8) % 2 == 1 then
      error('Recur(): Odd number of additional args: ' .. tostring(argv))
    end
    local options = read_options(argv, 9)
    local tags, priority, retries, backlog = M.Recurring.options(options)
    local throttles = decode(options['throttles'] or '{}')
    if not throttles then
      error('Recur(): Arg "throttles" not JSON array: ' .. tostring(options['throttles']))
    end

    local rkey = K .. 'r:' .. jid
    local old = call('hmget', rkey, 'count', 'queue')
    if old[2] then
      call('zrem', K .. 'q:' .. old[2] .. '-recur', jid)
      -- As the reference: the bare old queue name is stripped, not its
      -- `ql:q:` throttle id.
      strip_entries(throttles, old[2])
    end
    table.insert(throttles, K .. 'q:' .. queue)
    call('hset', rkey, 'jid', jid, 'klass', klass, 'data', raw_data, 'priority', priority,
      'tags', encode(tags), 'state', 'recur', 'queue', queue, 'type', 'interval',
      'count', old[1] or 0, 'interval', interval, 'retries', retries, 'backlog', backlog,
      'throttles', encode(throttles))
    call('zadd', K .. 'q:' .. queue .. '-recur', now + offset, jid)
    call('zadd', K .. 'queues', 'NX', now, queue)
    return jid
  end

  C['recurringJob.get'] = function(now, argv)
    return M.Recurring['recur.get'](now, argv)
  end

  C['recurringJob.cancel'] = function(now, argv)
    return M.Recurring['unrecur'](now, argv)
  end

  -- qless `recur.update`, one pair at a time, plus `throttles` (stored as
  -- given) and a `queue` move that swaps the implicit queue throttle.
  C['recurringJob.update'] = function(now, argv)
    local jid = argv[3]
    if not jid then
      error('Recurring(): no jid provided')
    end
    local rkey = K .. 'r:' .. jid
    if not call('hget', rkey, 'queue') then
      error('Recur(): No recurring job ' .. jid)
    end
    for i = 4, #argv, 2 do
      local key, value = argv[i], argv[i + 1]
      if key == 'throttles' and value ~= nil then
        local throttles = decode(value)
        if not throttles then
          error('Recur(): Arg "throttles" is not JSON-encoded: ' .. tostring(value))
        end
        call('hset', rkey, 'throttles', encode(throttles))
      else
        local f = call('hmget', rkey, 'queue', 'throttles')
        M.Recurring['recur.update'](now, { argv[1], argv[2], jid, key, value })
        if key == 'queue' then
          local throttles = M.Reqless.throttles(f[2])
          strip_entries(throttles, K .. 'q:' .. f[1])
          table.insert(throttles, K .. 'q:' .. value)
          call('hset', rkey, 'throttles', encode(throttles))
        end
      end
    end
    return 1
  end

  C['recurringJob.addTag'] = function(now, argv)
    local text = M.Recurring['recur.tag'](now, argv)
    if text == '{}' then
      return '[]'
    end
    return text
  end

  C['recurringJob.removeTag'] = function(now, argv)
    return M.Recurring['recur.untag'](now, argv)
  end

  -- Workers -------------------------------------------------------------

  C['workers.counts'] = function(now, argv)
    local text = M.Worker['workers'](now, { argv[1], argv[2] })
    if text == '{}' then
      return '[]'
    end
    return text
  end

  C['worker.jobs'] = function(now, argv)
    return M.Worker['workers'](now, argv)
  end

  C['worker.forget'] = function(now, argv)
    return M.Worker['worker.deregister'](now, argv)
  end

  -- Queue patterns: storage for client-side queue selection ------

  local DEFAULT_PRIORITY = '{"fairly": false, "pattern": ["default"]}'

  C['queueIdentifierPatterns.getAll'] = function(now, argv)
    local flat = call('hgetall', K .. 'qp:identifiers')
    if #flat == 0 then
      flat = call('hgetall', 'qmore:dynamic')
    end
    local patterns = { default = '["*"]' }
    for i = 1, #flat, 2 do
      patterns[flat[i]] = flat[i + 1]
    end
    return encode(patterns)
  end

  C['queueIdentifierPatterns.setAll'] = function(now, argv)
    if (#argv - 2) % 2 == 1 then
      error('Odd number of identifier patterns: ' .. tostring(argv))
    end
    local kept = {}
    local has_default = false
    for i = 3, #argv, 2 do
      if #decode(argv[i + 1]) > 0 then
        kept[#kept + 1] = argv[i]
        kept[#kept + 1] = argv[i + 1]
        if argv[i] == 'default' then
          has_default = true
        end
      end
    end
    if not has_default then
      kept[#kept + 1] = 'default'
      kept[#kept + 1] = '["*"]'
    end
    call('del', K .. 'qp:identifiers', 'qmore:dynamic')
    call('hset', K .. 'qp:identifiers', unpack(kept))
    return nil
  end

  C['queuePriorityPatterns.getAll'] = function(now, argv)
    local patterns = call('lrange', K .. 'qp:priorities', 0, -1)
    if #patterns == 0 then
      patterns = call('lrange', 'qmore:priority', 0, -1)
    end
    if #patterns == 0 then
      patterns = { DEFAULT_PRIORITY }
    end
    return encode(patterns)
  end

  C['queuePriorityPatterns.setAll'] = function(now, argv)
    call('del', K .. 'qp:priorities', 'qmore:priority')
    if #argv < 3 then
      return nil
    end
    local patterns = {}
    local has_default = false
    for i = 3, #argv do
      patterns[#patterns + 1] = argv[i]
      if not has_default then
        local pattern = decode(argv[i])['pattern']
        if #pattern == 1 and pattern[1] == 'default' then
          has_default = true
        end
      end
    end
    if not has_default then
      patterns[#patterns + 1] = DEFAULT_PRIORITY
    end
    M.Queue.call_sliced('rpush', K .. 'qp:priorities', patterns, 1)
    return nil
  end
