-- Configuration: `ql:config` overrides, then the seven built-in
-- defaults, then a default given at the use site. Values read during a call
-- are cached for that call only.

elseif name == 'Config' then
  -- The built-in default of an option, or nil: a chain of comparisons
  -- rather than a table, which a call would build (see ConfigCommands for
  -- the same seven as a table).
  local function default_of(name)
    if name == 'heartbeat' then
      return 60
    elseif name == 'grace-period' then
      return 10
    elseif name == 'jobs-history' then
      return 604800
    elseif name == 'jobs-history-count' then
      return 50000
    elseif name == 'application' then
      return 'qless'
    elseif name == 'stats-history' then
      return 30
    elseif name == 'histogram-history' then
      return 7
    end
    return nil
  end

  -- Stored value of an option, or false.
  local function stored(name)
    local cache = state.config
    local value = cache[name]
    if value == nil then
      value = call('hget', K .. 'config', name)
      cache[name] = value
    end
    return value
  end

  -- Reads several options with one HMGET, to fill the per-call cache; none
  -- when the call has read them all already.
  function M.Config.prefetch(...)
    local names = { ... }
    local cache = state.config
    local i, n = 1, #names
    while i <= n and cache[names[i]] ~= nil do
      i = i + 1
    end
    if i > n then
      return
    end
    local values = call('hmget', K .. 'config', ...)
    for j = 1, n do
      cache[names[j]] = values[j]
    end
  end

  -- Stored value, else the built-in default, else `default`.
  function M.Config.get(name, default)
    local value = stored(name)
    if value then
      return value
    end
    value = default_of(name)
    if value ~= nil then
      return value
    end
    return default
  end

  -- Lock length for jobs of `queue`: `<queue>-heartbeat`, then `heartbeat`.
  function M.Config.heartbeat(queue)
    local value = stored(queue .. '-heartbeat') or M.Config.get('heartbeat', 60)
    return tonumber(value)
  end

-- The config.* commands.
elseif name == 'ConfigCommands' then
  local C = module
  -- Only these seven are reported by `config.get` without a key.
  local function defaults()
    return {
      ['application'] = 'qless',
      ['heartbeat'] = 60,
      ['grace-period'] = 10,
      ['stats-history'] = 30,
      ['histogram-history'] = 7,
      ['jobs-history-count'] = 50000,
      ['jobs-history'] = 604800
    }
  end

  C['config.get'] = function(now, argv)
    local name = argv[3]
    if name then
      return M.Config.get(name)
    end
    local all = defaults()
    local pairs_list = call('hgetall', K .. 'config')
    for i = 1, #pairs_list, 2 do
      all[pairs_list[i]] = pairs_list[i + 1]
    end
    return encode(all)
  end

  C['config.set'] = function(now, argv)
    local option, value = argv[3], argv[4]
    if not option then
      error('config.set(): Arg "option" missing')
    end
    if not value then
      error('config.set(): Arg "value" missing')
    end
    call('publish', K .. 'log', encode({ event = 'config_set', option = option, value = value }))
    call('hset', K .. 'config', option, value)
    state.config[option] = value
  end

  C['config.unset'] = function(now, argv)
    local option = argv[3]
    if not option then
      error('config.unset(): Arg "option" missing')
    end
    call('publish', K .. 'log', encode({ event = 'config_unset', option = option }))
    call('hdel', K .. 'config', option)
    state.config[option] = false
  end
