-- Unique jobs: an extension, the same in both dialects, that qless clients
-- neither read nor need. A put given `unique <key>` holds the key
-- `ql:u:<key>` (a string: the holder's jid) for as long as its job is
-- in flight; a put with the same key while it is held creates nothing and
-- replies the holder's jid.
--
-- Put options (beside priority, tags, depends, ...):
--   unique <key>            the key, a non-empty string
--   unique-mode <mode>      how long the key is held, and what a put with a
--                           held key does:
--                             finish    (default) until the holder completes
--                                       (its last complete: an advance into a
--                                       next queue keeps it), fails or is
--                                       canceled; a duplicate is ignored
--                             start     until the holder is first popped; a
--                                       duplicate is ignored
--                             debounce  until the holder is first popped; a
--                                       duplicate re-puts the holder (same
--                                       jid) with the duplicate's data, delay
--                                       and options, so its start moves back
--   unique-ttl <seconds>    safety net: the key expires that long after the
--                           put, whatever its holder does; 0 for no expiry.
--                           Default: the put's delay plus 30 days
--
-- The job hash gets the fields `unique` (the key) and `unique-mode`; the job
-- object that `get`, `pop` and the other readers render never shows them.
--
-- The key is given up (deleted only while it still names the job, so a
-- later holder keeps it) by complete, fail, retry or lock-reclaim
-- exhaustion, cancel, by the pop of a start or debounce holder, and by a
-- re-put of the holder without that key. Nothing takes it back: a retried
-- start holder or an unfailed job runs without it. A key whose holder is
-- gone, or complete or failed, or no longer carries the key, or has started
-- (start and debounce) is taken over by the next put that names it: that is
-- how the key heals when another client's script (which knows nothing of it)
-- ended the holder. Every step reads or writes a fixed number of keys.

elseif name == 'Unique' then
  local U = module
  -- Seconds a key lives after the start time of its holder's put.
  local DEFAULT_TTL = 2592000

  local MODES = { finish = true, start = true, debounce = true }

  -- States in which a holder has not started yet.
  local UNSTARTED = { waiting = true, scheduled = true, depends = true, throttled = true }

  -- Whether the job in `state`, held with `mode`, still holds its key.
  -- Stalled jobs count as running: they were popped before.
  local function holds(state, mode)
    if UNSTARTED[state] then
      return true
    end
    return (state == 'running' or state == 'stalled') and (mode or 'finish') == 'finish'
  end

  -- The unique options of a put that names a key, checked: `key`, `mode`,
  -- `ttl` and `jid`, the job the put goes on with: its own, or, for a
  -- debounce put over a holder that has not started yet, the holder (the put
  -- goes on as a re-put of it). `duplicate` is the holder's jid when the put
  -- is a duplicate that must change nothing.
  function U.check(jid, options, delay)
    local key, raw_mode, raw_ttl = options['unique'], options['unique-mode'], options['unique-ttl']
    if key == '' then
      error('Put(): Arg "unique" empty')
    end
    local mode = raw_mode or 'finish'
    if not MODES[mode] then
      error('Put(): Arg "unique-mode" must be finish, start or debounce: ' .. tostring(raw_mode))
    end
    local ttl
    if raw_ttl then
      ttl = tonumber(raw_ttl)
      if not ttl or ttl < 0 then
        error('Put(): Arg "unique-ttl" not a number of seconds: ' .. tostring(raw_ttl))
      end
    else
      ttl = DEFAULT_TTL + math.max(delay, 0)
    end
    local spec = { key = key, mode = mode, ttl = math.ceil(ttl), jid = jid }
    local holder = call('get', K .. 'u:' .. key)
    if holder and holder ~= jid then
      local f = call('hmget', K .. 'j:' .. holder, 'state', 'unique', 'unique-mode')
      if f[2] == key and holds(f[1], f[3]) then
        if mode == 'debounce' and UNSTARTED[f[1]] then
          spec.jid = holder
        else
          spec.duplicate = holder
        end
      end
    end
    return spec
  end

  -- After a put wrote the job hash: records the put's key (`spec`, from
  -- U.check) on the job and in `ql:u:<key>`, and gives up `old`, the key the
  -- job held before, when the put names another one or none.
  function U.hold(jid, spec, old)
    local jkey = K .. 'j:' .. jid
    if old and (not spec or spec.key ~= old) then
      U.release(old, jid)
    end
    if not spec then
      call('hdel', jkey, 'unique', 'unique-mode')
      return
    end
    call('hset', jkey, 'unique', spec.key, 'unique-mode', spec.mode)
    if spec.ttl > 0 then
      call('set', K .. 'u:' .. spec.key, jid, 'EX', spec.ttl)
    else
      call('set', K .. 'u:' .. spec.key, jid)
    end
  end

  -- Gives the key up, if it still names the job.
  function U.release(key, jid)
    local ukey = K .. 'u:' .. key
    if call('get', ukey) == jid then
      call('del', ukey)
    end
  end

  -- A pop handed the job out: a start or debounce holder gives its key up.
  function U.popped(jid, key, mode)
    if mode == 'start' or mode == 'debounce' then
      U.release(key, jid)
    end
  end
