-- Configuration: `ql:config` overrides, then the seven built-in
-- defaults, then a default given at the use site. Values read during a call
-- are cached for that call only.

elseif name == 'Config' then
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
  local DEFAULTS = defaults()

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
    value = DEFAULTS[name]
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

  M.Config['config.get'] = function(now, argv)
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

  M.Config['config.set'] = function(now, argv)
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

  M.Config['config.unset'] = function(now, argv)
    local option = argv[3]
    if not option then
      error('config.unset(): Arg "option" missing')
    end
    call('publish', K .. 'log', encode({ event = 'config_unset', option = option }))
    call('hdel', K .. 'config', option)
    state.config[option] = false
  end
