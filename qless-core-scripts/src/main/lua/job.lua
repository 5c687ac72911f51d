-- Jobs: the `ql:j:<jid>` hash, its history list and dependency sets, and
-- the commands that act on individual jobs.

elseif name == 'Job' then
  -- APPEND-HISTORY. `legacy` is the job's `history` field when the
  -- caller already read it (false when absent), nil when unknown.
  --
  -- The reference trims before appending; trimming after the append keeps
  -- the same entries (the first one plus the newest) with one call less.
  --
  -- `text`, when given, is the entry already encoded: a call that appends
  -- the same entry to many jobs encodes it once.
  function M.Job.append_history(jid, now, what, item, legacy, text)
    if legacy == nil then
      legacy = call('hget', K .. 'j:' .. jid, 'history')
    end
    if legacy then
      M.JobRare.migrate_history(jid, legacy)
    end
    local key = K .. 'j:' .. jid .. '-history'
    local length = call('rpush', key, text or encode({ floor(now), what, item }))
    if length > 2 then
      local limit = state.history_limit
      if not limit then
        limit = tonumber(M.Config.get('max-job-history', 100)) or false
        state.history_limit = limit
      end
      if limit == 1 then
        -- LTRIM 1 -1 drops one entry per append: the list stays at its length.
        local first = call('lpop', key)
        call('ltrim', key, 1, -1)
        call('lpush', key, first)
      elseif limit and limit > 2 and length > limit then
        local first = call('lpop', key)
        call('ltrim', key, 1 - limit, -1)
        call('lpush', key, first)
      end
    end
  end

  -- The `grace` flag marks a lease whose expiry was already announced with a
  -- courtesy `lock_lost`; the next expiry of that lease reclaims the job at
  -- once. It belongs to one lease only: every grant or renewal of a lease and
  -- every way out of `running` clears it, so that the next lease gets its own
  -- courtesy. Callers read the field in a read they make anyway and pass it
  -- here, so that a job without the flag costs no call.
  function M.Job.clear_grace(jid, grace)
    if grace then
      call('hdel', K .. 'j:' .. jid, 'grace')
    end
  end

-- Reading and rendering a job: a module apart from Job, so that a put or a
-- complete, which only append history, does not build them.
elseif name == 'JobView' then
  -- A history entry (its stored text) as its object: item keys, then `when`
  -- and `what`.
  --
  -- Entries the other dialect wrote are shown in the reader's format, never
  -- rewritten: the queue of a `put` entry is keyed
  -- `q` in qless and `queue` in reqless, and qless reads reqless's
  -- `failed-retries` as the `failed` entry it writes itself. Log entries are
  -- user data and are left alone.
  function M.JobView.entry_object(raw, dialect)
    local entry = decode(raw)
    local item = entry[3]
    if type(item) ~= 'table' then
      item = {}
    end
    local what = entry[2]
    if what == 'put' then
      local own, other = dialect.put_key, dialect.other_put_key
      if item[own] == nil and item[other] ~= nil then
        item[own], item[other] = item[other], nil
      end
    elseif what == 'failed-retries' and not dialect.shows_failed_retries then
      what = 'failed'
    end
    item['when'] = entry[1]
    item['what'] = what
    return item
  end

  -- A job's history as JSON text. An entry as entry_text writes it, its item
  -- absent or one plain string (`{"q":"jobs"}`, `{"worker":"w1"}`), is
  -- turned into its object by moving the text around: no decoding, and no
  -- number to write, as the time is the digits cjson writes for it. Any
  -- other entry (a put entry of the other dialect, `failed-retries`, log
  -- entries, legacy ones) is decoded and encoded. An empty list reads `{}`,
  -- as cjson encodes an empty table. `known` is the object text of the
  -- entry `known_raw` (the pop's own, just appended), which needs no reading.
  local function history_json(jid, legacy, known_raw, known)
    if legacy then
      M.JobRare.migrate_history(jid, legacy)
    end
    local raw = call('lrange', K .. 'j:' .. jid .. '-history', 0, -1)
    local n = #raw
    if n == 0 then
      return '{}'
    end
    local dialect = state.dialect
    local own = dialect.put_key
    local texts = {}
    for i = 1, n do
      local text = known and raw[i] == known_raw and known
      if not text then
        -- (at most 14 digits: cjson writes a longer whole number otherwise)
        local t, what, rest = string.match(raw[i], '^%[(%d+),"([%a%-]+)"(.*)%]$')
        local key = rest and rest ~= '' and string.match(rest, '^,{"(%a+)":"[^"\\]*"}$')
        if t and #t <= 14 and (rest == '' or (key and key ~= 'when' and key ~= 'what'
            and (what ~= 'put' or key == own)))
            and (what ~= 'failed-retries' or dialect.shows_failed_retries) then
          if rest == '' then
            text = '{"when":' .. t .. ',"what":"' .. what .. '"}'
          else
            text = string.sub(rest, 2, -2) .. ',"when":' .. t .. ',"what":"' .. what .. '"}'
          end
        else
          text = encode(M.JobView.entry_object(raw[i], dialect))
        end
      end
      texts[i] = text
    end
    -- (not JobView.list: a history is short, and the call costs a pop more
    -- than the second hash of its text, about 3,700 instructions by callgrind)
    return '[' .. table.concat(texts, ',') .. ']'
  end

  -- The history entry of a pop by `worker` as written (entry_text), and as
  -- history_json shows it, or false when that takes reading it (a time
  -- below zero or of 15 digits and more, a name that cjson escapes).
  function M.JobView.popped_entry(now, worker)
    local worker_json = encode(worker)
    local entry, when = entry_text(now, 'popped', '{"worker":' .. worker_json .. '}')
    -- (when `when` is plain digits, as history_json reads them)
    if now >= 0 and now < 1e14 and not string.find(worker_json, '\\', 1, true) then
      return entry, '{"worker":' .. worker_json .. ',"when":' .. when .. ',"what":"popped"}'
    end
    return entry, false
  end

  -- Fields read to render a job, in this order; `time` is for wait stats and
  -- `grace` lets a pop clear a leftover courtesy flag without another read.
  -- jid klass state queue worker priority expires retries remaining data
  -- tags failure spawned_from_jid history time throttles grace unique
  -- unique-mode
  --
  -- Redis finds a hash field by reading the small hash from its start, so a
  -- field the hash lacks costs a read of all of it. A job as `put` writes it
  -- lacks the seven rare fields (failure to unique-mode, but for `throttles`,
  -- which reqless jobs always have). So the fields every such job has are
  -- read first: when all are there and HLEN counts no other field, the
  -- rare ones are absent (false, as HMGET reports them; grace, unique and
  -- unique-mode, and throttles in qless, are left nil, which every reader
  -- takes alike). Any other hash is read whole, as before.
  function M.JobView.read(jid)
    local key = K .. 'j:' .. jid
    if state.dialect.always_lists_throttles then
      local f = call('hmget', key, 'jid', 'klass', 'state', 'queue', 'worker', 'priority',
        'expires', 'retries', 'remaining', 'data', 'tags', 'time', 'throttles')
      if f[1] and f[2] and f[3] and f[4] and f[5] and f[6] and f[7] and f[8] and f[9]
          and f[10] and f[11] and f[12] and f[13] and call('hlen', key) == 13 then
        f[12], f[13], f[14], f[15], f[16] = false, false, false, f[12], f[13]
        return f
      end
    else
      local f = call('hmget', key, 'jid', 'klass', 'state', 'queue', 'worker', 'priority',
        'expires', 'retries', 'remaining', 'data', 'tags', 'time')
      if f[1] and f[2] and f[3] and f[4] and f[5] and f[6] and f[7] and f[8] and f[9]
          and f[10] and f[11] and f[12] and call('hlen', key) == 12 then
        f[12], f[13], f[14], f[15] = false, false, false, f[12]
        return f
      end
    end
    return call('hmget', key, 'jid', 'klass', 'state', 'queue', 'worker',
      'priority', 'expires', 'retries', 'remaining', 'data', 'tags', 'failure',
      'spawned_from_jid', 'history', 'time', 'throttles', 'grace', 'unique', 'unique-mode')
  end

  -- A stored number as cjson writes it, or false for a text that is no
  -- number (JobRender.render leaves such a field out, as its nil value is);
  -- `whole` floors it, a text that is no number reading as 0. A missing
  -- field comes as the empty text. A digit, the usual priority,
  -- retries and remaining, is its own text: writing a number costs about as
  -- much as a Redis command. `memo` (a `settle` call's), which the caller
  -- looked in first, keeps the text for the rest of the call.
  local function number_json(memo, stored, whole)
    local text
    local b = #stored == 1 and string.byte(stored)
    if b and b >= 48 and b <= 57 then
      text = stored
    else
      local n = tonumber(stored)
      if whole then
        text = encode(floor(n or 0))
      else
        text = n and encode(n) or false
      end
    end
    if memo then
      memo[stored] = text
    end
    return text
  end

  -- The job object of JobRender.render as JSON text, written without building
  -- the table and encoding it: the same values and the same texts for them
  -- (cjson writes each one), its keys in another order. `full` adds what a
  -- `settle` call leaves out (see JobRender.render): `history`, `dependents`
  -- and `dependencies`, and `data`, which its reply carries as stored. The jobs of one `settle` call mostly share their
  -- priority, retries, lease, klass, queue and worker, so such a call writes
  -- each distinct value once (`state.texts`, `state.numbers`,
  -- `state.wholes`).
  function M.JobView.text(f, tracked, full, known_raw, known)
    local texts, numbers, wholes = state.texts, state.numbers, state.wholes
    if not texts and not full then
      texts, numbers, wholes = {}, {}, {}
      state.texts, state.numbers, state.wholes = texts, numbers, wholes
    end
    -- Written out for each field rather than through a helper: under EVALSHA a
    -- closure more, and a call per field, cost a pop about 3,000 instructions.
    local klass_text, state_text, queue_text, worker_text
    if texts then
      klass_text, state_text, queue_text = texts[f[2]], texts[f[3]], texts[f[4]]
      worker_text = texts[f[5] or '']
    end
    if not klass_text then
      klass_text = encode(f[2])
      if texts then texts[f[2]] = klass_text end
    end
    if not state_text then
      state_text = encode(f[3])
      if texts then texts[f[3]] = state_text end
    end
    if not queue_text then
      queue_text = encode(f[4])
      if texts then texts[f[4]] = queue_text end
    end
    if not worker_text then
      worker_text = encode(f[5] or '')
      if texts then texts[f[5] or ''] = worker_text end
    end
    -- A missing field reads as an empty text, which number_json writes alike.
    local priority, retries, remaining = f[6] or '', f[8] or '', f[9] or ''
    local priority_text, retries_text, remaining_text
    if numbers then
      priority_text, retries_text, remaining_text = numbers[priority], numbers[retries], wholes[remaining]
    end
    if priority_text == nil then
      priority_text = number_json(numbers, priority)
    end
    if retries_text == nil then
      retries_text = number_json(numbers, retries)
    end
    if remaining_text == nil then
      remaining_text = number_json(wholes, remaining, true)
    end
    -- `expires` is the number the pop set.
    local expires = f[7]
    local expires_text = numbers and numbers[expires]
    if not expires_text then
      expires_text = encode(expires)
      if numbers then numbers[expires] = expires_text end
    end
    local tags, failure, spawned = f[11], f[12], f[13]
    if not tags or tags == '{}' or tags == '[]' then
      tags = '{}'
    else
      tags = encode(decode(tags))
    end
    if not failure or failure == '{}' or failure == '[]' then
      failure = '{}'
    else
      failure = encode(decode(failure))
    end
    local throttles = ''
    if f[16] then
      throttles = ',"throttles":' .. encode(decode(f[16]))
    elseif state.dialect.always_lists_throttles then
      throttles = ',"throttles":{}'
    end
    local rest = '}'
    if full then
      local jid = f[1]
      local key = K .. 'j:' .. jid
      local dependents, dependencies = '{}', '{}'
      if call('exists', key .. '-dependents', key .. '-dependencies') > 0 then
        dependents = encode(call('smembers', key .. '-dependents'))
        dependencies = encode(call('smembers', key .. '-dependencies'))
      end
      rest = ',"history":' .. history_json(jid, f[14], known_raw, known) .. ',"dependents":' .. dependents
        .. ',"dependencies":' .. dependencies .. '}'
    end
    return '{"jid":' .. encode(f[1]) .. ',"klass":' .. klass_text .. ',"state":' .. state_text
      .. ',"queue":' .. queue_text .. ',"worker":' .. worker_text
      .. (tracked and ',"tracked":true' or ',"tracked":false')
      .. (priority_text and (',"priority":' .. priority_text) or '') .. ',"expires":' .. expires_text
      .. (retries_text and (',"retries":' .. retries_text) or '') .. ',"remaining":' .. remaining_text
      .. (full and (',"data":' .. encode(f[10])) or '') .. ',"tags":' .. tags .. ',"failure":' .. failure
      .. ',"spawned_from_jid":' .. (spawned and encode(spawned) or 'false') .. throttles .. rest
  end

  -- The JSON list of the object texts `texts` (at least one) as one string:
  -- Redis hashes every byte of each string a script makes, so the texts are
  -- joined once rather than joined and then bracketed. The list is written
  -- into `texts`.
  function M.JobView.list(texts)
    local n = #texts
    for i = n, 1, -1 do
      texts[2 * i] = texts[i]
      texts[2 * i + 1] = ','
    end
    texts[1] = '['
    texts[2 * n + 1] = ']'
    return table.concat(texts)
  end

-- The job object as a table, for the commands that show jobs (`get`,
-- `peek`, `track`...): a module apart, as pops write it as text
-- (JobView.text).
elseif name == 'JobRender' then
  -- A job's history as a list of entry objects (see JobView.entry_object).
  function M.JobRender.history(jid, legacy)
    if legacy then
      M.JobRare.migrate_history(jid, legacy)
    end
    local raw = call('lrange', K .. 'j:' .. jid .. '-history', 0, -1)
    local dialect = state.dialect
    local entries = {}
    for i = 1, #raw do
      entries[i] = M.JobView.entry_object(raw[i], dialect)
    end
    return entries
  end

  -- The job object clients read (from `get`, `peek`, `track`...) made from the
  -- fields of JobView.read. `throttles`
  -- appears only for a job that has a list, so a job put without throttles
  -- reads exactly as in qless-core. In the reqless dialect it is always
  -- there (the reqless job object has 18 keys), a missing field (a job written by the
  -- qless dialect) reading as an empty list.
  --
  -- Pops write the same object as text (JobView.text); a `settle` call
  -- writes its jobs lean, without `history`, `dependents` and
  -- `dependencies`, three reads and most of the encoding that a worker does
  -- not need, and hands `data` back beside the text.
  -- A stored list or object as render shows it: absent or empty (`{}`, or
  -- `[]`, which cjson encodes alike) without parsing.
  local function empty_or_decoded(text)
    if not text or text == '{}' or text == '[]' then
      return {}
    end
    return decode(text)
  end

  function M.JobRender.render(jid, f, tracked, history)
    local throttles = nil
    if f[16] then
      throttles = decode(f[16])
    elseif state.dialect.always_lists_throttles then
      throttles = {}
    end
    -- One EXISTS answers for both sets in the usual case that the job has
    -- neither (an empty list encodes as the empty SMEMBERS reply does).
    local key = K .. 'j:' .. jid
    local dependents, dependencies = {}, {}
    if call('exists', key .. '-dependents', key .. '-dependencies') > 0 then
      dependents = call('smembers', key .. '-dependents')
      dependencies = call('smembers', key .. '-dependencies')
    end
    return {
      jid = f[1],
      klass = f[2],
      state = f[3],
      queue = f[4],
      worker = f[5] or '',
      tracked = tracked,
      priority = tonumber(f[6]),
      expires = tonumber(f[7]) or 0,
      retries = tonumber(f[8]),
      remaining = floor(tonumber(f[9]) or 0),
      data = f[10],
      tags = empty_or_decoded(f[11]),
      history = history or M.JobRender.history(jid, f[14]),
      failure = empty_or_decoded(f[12]),
      spawned_from_jid = f[13],
      dependents = dependents,
      dependencies = dependencies,
      throttles = throttles
    }
  end

-- Job procedures the hot commands seldom need (a legacy history, tags, dependencies,
-- failures, lost locks): a module of their own, so that a pop or a complete
-- does not build them.
elseif name == 'JobRare' then
  -- Converts a legacy `history` hash field into `-history` list entries.
  function M.JobRare.migrate_history(jid, legacy)
    local key = K .. 'j:' .. jid .. '-history'
    local old = decode(legacy)
    for i = 1, #old do
      local h = old[i]
      if h['put'] then
        -- The queue name may come from either dialect's key; it is written
        -- with the key of the dialect running.
        local queue = h['q'] or h['queue']
        call('rpush', key, encode({ floor(h['put']), 'put', M.SharedRare.put_entry(queue) }))
      end
      if h['popped'] then
        call('rpush', key, encode({ floor(h['popped']), 'popped', { worker = h['worker'] } }))
      end
      if h['failed'] then
        call('rpush', key, encode({ floor(h['failed']), 'failed' }))
      end
      if h['done'] then
        call('rpush', key, encode({ floor(h['done']), 'done' }))
      end
    end
    call('hdel', K .. 'j:' .. jid, 'history')
  end

  -- The job object, or nil when the hash has no `jid` field.
  function M.JobRare.load(jid)
    local f = M.JobView.read(jid)
    if not f[1] then
      return nil
    end
    return M.JobRender.render(jid, f, is_tracked(jid))
  end

  -- ADD-DEPENDENCIES. Returns how many edges were added.
  function M.JobRare.add_dependencies(jid, list)
    local added = 0
    for i = 1, #list do
      local d = list[i]
      local s = call('hget', K .. 'j:' .. d, 'state')
      if s and s ~= 'complete' then
        call('sadd', K .. 'j:' .. d .. '-dependents', jid)
        call('sadd', K .. 'j:' .. jid .. '-dependencies', d)
        added = added + 1
      end
    end
    return added
  end

  -- The effect of `tag remove`: un-indexes every given tag, even one
  -- the job does not have, and writes back the job's remaining tags;
  -- answers their text and their list. `untag(jid, tag)` un-indexes one
  -- tag the reqless way (ReqlessRare.tag_remove); without it, the qless
  -- way.
  function M.JobRare.remove_tags(jid, tags, names, first, untag)
    local removed = {}
    for i = first, #names do
      local tag = names[i]
      removed[tag] = true
      if untag then
        untag(jid, tag)
      else
        call('zrem', K .. 't:' .. tag, jid)
        call('zincrby', K .. 'tags', -1, tag)
      end
    end
    local remaining = {}
    for i = 1, #tags do
      if not removed[tags[i]] then
        remaining[#remaining + 1] = tags[i]
      end
    end
    local text = encode(remaining)
    call('hset', K .. 'j:' .. jid, 'tags', text)
    return text, remaining
  end

  -- `lock_lost` to the worker, then to the log.
  function M.JobRare.lock_lost(jid, worker)
    local payload = encode({ jid = jid, event = 'lock_lost', worker = worker })
    call('publish', K .. 'w:' .. worker, payload)
    call('publish', K .. 'log', payload)
  end

  -- Files a failed job under its group and counts it in the day's stats.
  function M.JobRare.file_failure(jid, group)
    call('sadd', K .. 'failures', group)
    call('lpush', K .. 'f:' .. group, jid)
  end

  function M.JobRare.count_failure(queue, now)
    local key = K .. 's:stats:' .. day_bin(now) .. ':' .. queue
    call('hincrby', key, 'failures', 1)
    call('hincrby', key, 'failed', 1)
    M.QueueStats.count_throughput(now, 'f')
  end

  -- Takes a jid out of its failure group's list.
  function M.JobRare.unfile_failure(jid, group)
    local key = K .. 'f:' .. group
    call('lrem', key, 0, jid)
    if call('llen', key) == 0 then
      call('srem', K .. 'failures', group)
    end
  end

  -- Moves a job out of `depends` into `work` (for `depends off`).
  function M.JobRare.undepend(jid, now)
    local f = call('hmget', K .. 'j:' .. jid, 'queue', 'priority')
    local queue = f[1]
    if queue then
      call('zrem', K .. 'q:' .. queue .. '-depends', jid)
      call('zadd', K .. 'q:' .. queue .. '-work', work_score(tonumber(f[2]) or 0, now), jid)
      call('hset', K .. 'j:' .. jid, 'state', 'waiting')
      M.SharedRare.ready(queue)
    end
  end

-- Completed jobs: their expiry and the release of their dependents. A
-- module of its own, so that only the calls that need it (complete and
-- settle) build it.
elseif name == 'Completed' then
  -- A completed or failed job leaves its queue's sets (the dialect's
  -- `queue_sets`).
  function M.Completed.unqueue(queue, jid)
    local qkey = K .. 'q:' .. queue
    local sets = state.dialect.queue_sets
    for i = 1, #sets do
      call('zrem', qkey .. sets[i], jid)
    end
  end

  -- EXPIRE-COMPLETED, after the job was added to `ql:completed`.
  -- `delete` removes a list of expired jobs: CompletedRare.delete_completed
  -- unless given (reqless passes Reqless.delete_jobs).
  --
  -- At most EXPIRE_BATCH jobs go per call, the oldest first, by age and then
  -- by count; every later complete deletes the next batch, so after a config
  -- change the surplus goes over several completes instead of in one call
  -- that would block Redis for seconds.
  --
  -- A `settle` call expires once, after all of its completes, with one
  -- budget for them all (see Settle).
  local function expire(now, budget)
    local age = tonumber(M.Config.get('jobs-history'))
    local old = call('zrangebyscore', K .. 'completed', '0', arg_text(now - age), 'LIMIT', '0',
      budget == 500 and '500' or arg_text(budget))
    local n = #old
    if n > 0 then
      state.dialect.delete_completed(old)
      call('zrem', K .. 'completed', unpack(old))
      budget = budget - n
      if budget == 0 then
        return 0
      end
    end
    local keep = tonumber(M.Config.get('jobs-history-count'))
    local total = call('zcard', K .. 'completed')
    if total > keep then
      -- The ranks 0 .. -keep-1 go, as many as there are, which is all but
      -- the newest `keep` (a negative `keep` counts from the oldest).
      local last = -keep - 1
      local count = last + 1
      if last < 0 then
        count = total + last + 1
      end
      if count > budget then
        count = budget
      end
      if count > 0 then
        state.dialect.delete_completed(call('zrange', K .. 'completed', 0, count - 1))
        call('zremrangebyrank', K .. 'completed', 0, count - 1)
        budget = budget - count
      end
    end
    return budget
  end

  -- The dialect hooks delete the expired jobs.
  function M.Completed.expire_completed(now, budget)
    expire(now, budget or 500)  -- EXPIRE_BATCH
  end

  -- RELEASE-DEPENDENTS, bounded: a complete releases at most
  -- RELEASE_BATCH dependents. When the job has more, the rest of its set is
  -- renamed to `ql:releasing:<n>` (so the job itself shows no dependents,
  -- and jobs that come to depend on it after a re-put are not released by
  -- this completion) and queued in `ql:releasing`. Every later complete and
  -- every pop that finds nothing to hand out continues those releases with
  -- what is left of its own batch, so every dependent is released while the
  -- system is in use, busy or idle.
  --
  -- The completes of a `settle` call share one budget (`batch.release`), and
  -- the call continues unfinished releases once, after all of them (see
  -- Settle).
  function M.Completed.release_dependents(jid, now)
    local batch = state.batch
    if batch and not batch.releasing then
      -- A `settle` call releases after its settlements (see Settle).
      local n = #batch.deferred + 1
      batch.deferred[n], batch.owners[n] = jid, batch.index
      return
    end
    local key = K .. 'j:' .. jid .. '-dependents'
    local budget = 250  -- RELEASE_BATCH
    if batch then
      budget = batch.release
    elseif call('exists', key, K .. 'releasing') == 0 then
      -- One EXISTS answers for the usual complete: no dependents, and no
      -- release that an earlier complete left unfinished.
      return
    end
    if budget > 0 then
      budget = M.CompletedRare.release_from(jid, key, now, budget)
    end
    if budget == 0 then
      if call('scard', key) > 0 then
        local n = call('incr', K .. 'releasing:next')
        call('rename', key, K .. 'releasing:' .. n)
        call('zadd', K .. 'releasing', now, n .. ':' .. jid)
      end
    elseif not batch then
      M.CompletedRare.continue_releases(now, budget)
    end
    if batch then
      batch.release = budget
    end
  end

-- The rarer part of completion: deleting expired jobs and releasing
-- dependents, which a complete needs only when there are some.
elseif name == 'CompletedRare' then
  -- The jids of `jids` grouped by tag: the tags in order of first use, and
  -- for each tag the jids that carry it (once per time they carry it), read
  -- from the jobs' `tags` fields. Also returns the jobs' hash keys.
  function M.CompletedRare.tags_of(jids)
    local order, by_tag, keys = {}, {}, {}
    for i = 1, #jids do
      local jid = jids[i]
      local key = K .. 'j:' .. jid
      keys[i] = key
      local text = call('hget', key, 'tags')
      -- (no tags, the usual: `{}` as a put stores it, or `[]`, spares a decode)
      if text and text ~= '{}' and text ~= '[]' then
        local tags = decode(text)
        for t = 1, #tags do
          local tag = tags[t]
          local list = by_tag[tag]
          if not list then
            list = {}
            by_tag[tag] = list
            order[#order + 1] = tag
          end
          list[#list + 1] = jid
        end
      end
    end
    return order, by_tag, keys
  end

  -- Deletes expired completed jobs: their tag memberships, hashes and
  -- histories (not their dependency sets, nor their tracking). Each tag is
  -- updated once for all the jobs that carry it (one ZREM, one ZINCRBY by
  -- their count), which leaves the same counts as one update per job. At
  -- most EXPIRE_BATCH jobs, so every argument list stays short enough for
  -- one call.
  function M.CompletedRare.delete_completed(jids)
    local order, by_tag, keys = M.CompletedRare.tags_of(jids)
    for i = 1, #order do
      local tag = order[i]
      local list = by_tag[tag]
      call('zrem', K .. 't:' .. tag, unpack(list))
      call('zincrby', K .. 'tags', -#list, tag)
    end
    local n = #keys
    for i = 1, n do
      keys[n + i] = keys[i] .. '-history'
    end
    call('del', unpack(keys))
  end

  -- Releases up to `budget` members of the set `key`, the jobs that waited
  -- on `jid` (the per-dependent steps of RELEASE-DEPENDENTS), and returns
  -- the budget left.
  -- SPOP takes them out of the set, so that a release cut short resumes
  -- with the dependents not yet released. Only a job still in the `depends`
  -- state moves: one that was put elsewhere while its release waited for a
  -- later call must not be queued a second time.
  --
  -- The queue sets are written once per queue for the whole batch.
  function M.CompletedRare.release_from(jid, key, now, budget)
    local dependents = call('spop', key, arg_text(budget))
    local queues, sets = {}, {}
    for i = 1, #dependents do
      local d = dependents[i]
      local dkey = K .. 'j:' .. d
      call('srem', dkey .. '-dependencies', jid)
      if call('scard', dkey .. '-dependencies') == 0 then
        local f = call('hmget', dkey, 'queue', 'priority', 'scheduled', 'state')
        local queue = f[1]
        if queue and f[4] == 'depends' then
          local s = sets[queue]
          if not s then
            s = { depends = {}, work = {}, scheduled = {} }
            sets[queue] = s
            queues[#queues + 1] = queue
          end
          s.depends[#s.depends + 1] = d
          if f[3] then
            s.scheduled[#s.scheduled + 1] = f[3]
            s.scheduled[#s.scheduled + 1] = d
            call('hset', dkey, 'state', 'scheduled')
            call('hdel', dkey, 'scheduled')
          else
            s.work[#s.work + 1] = work_score(tonumber(f[2]) or 0, now)
            s.work[#s.work + 1] = d
            call('hset', dkey, 'state', 'waiting')
          end
        end
      end
    end
    for i = 1, #queues do
      local queue = queues[i]
      local s = sets[queue]
      local qkey = K .. 'q:' .. queue
      call('zrem', qkey .. '-depends', unpack(s.depends))
      if #s.scheduled > 0 then
        call('zadd', qkey .. '-scheduled', unpack(s.scheduled))
      end
      if #s.work > 0 then
        call('zadd', qkey .. '-work', unpack(s.work))
        M.SharedRare.ready(queue)
      end
    end
    return budget - #dependents
  end

  -- Continues releases that earlier calls left unfinished, oldest first,
  -- with `budget` dependents at most. Each entry of the `ql:releasing` sorted
  -- set (score: completion time) is `<n>:<jid>`, for the set
  -- `ql:releasing:<n>` of the dependents of `jid` still to be released.
  -- Returns the budget left.
  function M.CompletedRare.continue_releases(now, budget)
    for _ = 1, 10 do
      local entry = call('zrange', K .. 'releasing', '0', '0')[1]
      if not entry then
        return budget
      end
      local n, jid = string.match(entry, '^(%d+):(.*)$')
      budget = M.CompletedRare.release_from(jid, K .. 'releasing:' .. n, now, budget)
      if budget == 0 then
        return 0
      end
      -- SPOP returned fewer than asked for: that set is empty and gone.
      call('zrem', K .. 'releasing', entry)
    end
    return budget
  end

-- Lifecycle of a running job: the hot path of workers.
elseif name == 'JobLifecycle' then
  local C = module
  -- COMPLETE after its arguments were checked (`raw_data` nil keeps the
  -- stored data, for `settle`), shared with reqless `job.complete` and
  -- `job.completeAndRequeue`; the dialect hooks decide how errors name the
  -- job, how the `put` entry keys the queue, which sets the job leaves,
  -- whether it trades its queue's throttle when it moves on, and how expired
  -- jobs are deleted.
  function C.finish(now, jid, worker, queue, raw_data, nextq, delay, depends)
    local dialect = state.dialect
    local key = K .. 'j:' .. jid
    -- `priority` is read only by a complete that moves the job on.
    local f = call('hmget', key, 'state', 'worker', 'queue', 'retries', 'time', 'history',
      'throttles', 'grace', 'unique')
    local jstate = f[1]
    if not jstate then
      error('Complete(): ' .. M.SharedRare.named(jid) .. ' does not exist')
    end
    if jstate ~= 'running' then
      error('Complete(): ' .. M.SharedRare.named(jid) .. ' is not currently running: ' .. jstate)
    end
    if f[2] ~= worker then
      error('Complete(): ' .. M.SharedRare.named(jid) .. ' has been handed out to another worker: '
        .. tostring(f[2]))
    end
    if f[3] ~= queue then
      error('Complete(): ' .. M.SharedRare.named(jid) .. ' running in another queue: '
        .. tostring(f[3]))
    end

    -- Once per call: a settle call's completes find the options read.
    local config = state.config
    if config['max-job-history'] == nil or config['jobs-history'] == nil
        or config['jobs-history-count'] == nil then
      M.Config.prefetch('max-job-history', 'jobs-history', 'jobs-history-count')
    end
    local done = state.done_text
    if not done then
      done = entry_text(now, 'done')
      state.done_text = done
    end
    M.Job.append_history(jid, now, 'done', nil, f[6], done)
    if f[8] then
      M.Job.clear_grace(jid, f[8])
    end
    -- A `settle` call takes its plain completes out of their sets all at
    -- once, when its settlements are done: nothing in between may add such
    -- a job to a set again, as it is no longer running.
    local batch = state.batch
    local deferred = batch and not nextq
    if deferred then
      M.Settle.leave(batch, queue, jid)
    else
      M.Completed.unqueue(queue, jid)
    end
    local throttles = f[7]
    if throttles then
      M.ThrottleRelease.release_all(throttles, jid, now)
    end
    if batch then
      M.Settle.run_time(batch, queue, now - (M.QueueStats.time_of(f[5]) or now))
    else
      M.QueueStats.record_stats(queue, now, 'run', { now - (M.QueueStats.time_of(f[5]) or now) })
      M.QueueStats.count_throughput(now, 'c')
    end
    if not deferred then
      call('zrem', K .. 'w:' .. worker .. ':jobs', jid)
    end
    -- (`state.tracked` false: the call knows that no job is tracked)
    if state.tracked ~= false and is_tracked(jid) then
      call('publish', K .. 'completed', jid)
    end

    local retries = f[4] or '5'
    local time = now_arg(now)
    if nextq then
      call('publish', K .. 'log',
        encode({ jid = jid, event = 'advanced', queue = queue, to = nextq }))
      M.Job.append_history(jid, now, 'put', M.SharedRare.put_entry(nextq), false)
      call('zadd', K .. 'queues', 'NX', now_arg(now), nextq)
      if raw_data then
        call('hset', key, 'data', raw_data, 'time', time, 'state', 'waiting', 'worker', '',
          'failure', '{}', 'queue', nextq, 'expires', '0', 'remaining', retries)
      else
        call('hset', key, 'time', time, 'state', 'waiting', 'worker', '',
          'failure', '{}', 'queue', nextq, 'expires', '0', 'remaining', retries)
      end
      -- The reference keeps `ql:q:<queue>` in the list; here (qless) the job
      -- takes its new queue's throttle, as a put into that queue would give
      -- it.
      local moved = dialect.moves_queue_throttle and throttles
        and M.ThrottleList.moved(throttles, queue, nextq)
      if moved then
        call('hset', key, 'throttles', moved)
      end
      local nkey = K .. 'q:' .. nextq
      if delay > 0 and #depends == 0 then
        call('zadd', nkey .. '-scheduled', now + delay, jid)
        return 'scheduled'
      end
      if M.JobRare.add_dependencies(jid, depends) > 0 then
        call('zadd', nkey .. '-depends', now, jid)
        call('hset', key, 'state', 'depends')
        if delay > 0 then
          call('hset', key, 'scheduled', now + delay)
        end
        return 'depends'
      end
      local priority = tonumber(call('hget', key, 'priority')) or 0
      call('zadd', nkey .. '-work', work_score(priority, now), jid)
      return 'waiting'
    end

    -- The message as cjson encodes { jid, event, queue } (in this key order),
    -- written without building and encoding a table.
    -- The completes of a settle call mostly share their queue. (A single
    -- complete keeps nothing: a new key in `state` can cost it a rehash.)
    local queue_text
    if batch and batch.queue_named == queue then
      queue_text = batch.queue_text
    else
      queue_text = encode(queue)
      if batch then
        batch.queue_named, batch.queue_text = queue, queue_text
      end
    end
    call('publish', K .. 'log',
      '{"jid":' .. encode(jid) .. ',"event":"completed","queue":' .. queue_text .. '}')
    if raw_data then
      call('hset', key, 'data', raw_data, 'time', time, 'state', 'complete', 'worker', '',
        'failure', '{}', 'queue', '', 'expires', '0', 'remaining', retries)
    else
      call('hset', key, 'time', time, 'state', 'complete', 'worker', '',
        'failure', '{}', 'queue', '', 'expires', '0', 'remaining', retries)
    end
    if f[9] then
      M.Unique.release(f[9], jid)
    end
    if batch then
      batch.expire = batch.expire + 1
    else
      call('zadd', K .. 'completed', now_arg(now), jid)
      M.Completed.expire_completed(now)
    end
    M.Completed.release_dependents(jid, now)
    return 'complete'
  end

  C['complete'] = function(now, argv)
    local jid, worker, queue, raw_data = argv[3], argv[4], argv[5], argv[6]
    if not jid then
      error('Job(): no jid provided')
    end
    if not worker then
      error('Complete(): Arg "worker" missing')
    end
    if not queue then
      error('Complete(): Arg "queue" missing')
    end
    if not decode(raw_data) then
      error('Complete(): Arg "data" missing or not JSON: ' .. tostring(raw_data))
    end
    local options = read_options(argv, 7)
    local nextq = options['next']
    local delay = assert(tonumber(options['delay'] or 0))
    local depends = {}
    if options['depends'] then
      depends = decode(options['depends'])
      if not depends then
        error('Complete(): Arg "depends" not JSON: ' .. tostring(options['depends']))
      end
    end
    if options['delay'] and not nextq then
      error('Complete(): "delay" cannot be used without a "next".')
    end
    if options['depends'] and not nextq then
      error('Complete(): "depends" cannot be used without a "next".')
    end

    return C.finish(now, jid, worker, queue, raw_data, nextq, delay, depends)
  end

-- FAIL and RETRY: a module apart from complete, so that a complete builds
-- neither.
elseif name == 'JobFailure' then
  local C = module
  -- Also reqless `job.fail`: the hooks name the job in errors or not and
  -- give the sets the job leaves.
  C['fail'] = function(now, argv)
    local dialect = state.dialect
    local jid, worker, group, message, raw_data = argv[3], argv[4], argv[5], argv[6], argv[7]
    if not jid then
      error('Job(): no jid provided')
    end
    if not worker then
      error('Fail(): Arg "worker" missing')
    end
    if not group then
      error('Fail(): Arg "group" missing')
    end
    if not message then
      error('Fail(): Arg "message" missing')
    end
    local data
    if raw_data then
      data = decode(raw_data)
    end
    local key = K .. 'j:' .. jid
    local f = call('hmget', key, 'state', 'queue', 'worker', 'history', 'throttles', 'grace',
      'unique')
    local jstate, queue = f[1], f[2]
    -- (qless runs the jid into the next word here, as it always has)
    local named_run_on = dialect.names_jobs_in_errors and 'Job ' .. jid or 'Job '
    if not jstate then
      error('Fail(): ' .. named_run_on .. 'does not exist')
    end
    if jstate ~= 'running' then
      error('Fail(): ' .. named_run_on .. 'not currently running: ' .. jstate)
    end
    if f[3] ~= worker then
      error('Fail(): ' .. M.SharedRare.named(jid) .. ' running with another worker: '
        .. tostring(f[3]))
    end

    call('publish', K .. 'log', encode({
      jid = jid, event = 'failed', worker = worker, group = group, message = message }))
    if is_tracked(jid) then
      call('publish', K .. 'failed', jid)
    end
    call('zrem', K .. 'w:' .. worker .. ':jobs', jid)
    M.Job.append_history(jid, now, 'failed', { worker = worker, group = group }, f[4])
    M.JobRare.count_failure(queue, now)
    M.Completed.unqueue(queue, jid)
    if data then
      call('hset', key, 'data', encode(data))
    end
    call('hset', key, 'state', 'failed', 'worker', '', 'expires', '',
      'failure', encode({ group = group, message = message, when = floor(now), worker = worker }))
    M.Job.clear_grace(jid, f[6])
    if f[5] then
      M.ThrottleRelease.release_all(f[5], jid, now)
    end
    if f[7] then
      M.Unique.release(f[7], jid)
    end
    M.JobRare.file_failure(jid, group)
    return jid
  end

  -- Also reqless `job.retry`: the hooks name the job in errors or not, and
  -- give the history entry and event of an exhausted job.
  C['retry'] = function(now, argv)
    local dialect = state.dialect
    local jid, queue, worker, raw_delay, group, message =
      argv[3], argv[4], argv[5], argv[6], argv[7], argv[8]
    if not jid then
      error('Job(): no jid provided')
    end
    if not queue then
      error('Retry(): Arg "' .. dialect.retry_queue_arg .. '" missing')
    end
    if not worker then
      error('Retry(): Arg "worker" missing')
    end
    local delay = tonumber(raw_delay or 0)
    if not delay then
      error('Retry(): Arg "delay" not a number: ' .. tostring(raw_delay))
    end
    local key = K .. 'j:' .. jid
    local f = call('hmget', key, 'state', 'worker', 'queue', 'priority', 'history',
      'throttles', 'grace', 'unique')
    local jstate, jqueue = f[1], f[3]
    if not jstate then
      error('Retry(): ' .. M.SharedRare.named(jid) .. ' does not exist')
    end
    if jstate ~= 'running' then
      error('Retry(): ' .. M.SharedRare.named(jid) .. ' is not currently running: ' .. jstate)
    end
    if f[2] ~= worker then
      error('Retry(): ' .. M.SharedRare.named(jid) .. ' has been given to another worker: '
        .. tostring(f[2]))
    end

    local remaining = call('hincrby', key, 'remaining', -1)
    -- Job.clear_grace, inline: a retry with retries left builds no Job module.
    if f[7] then
      call('hdel', key, 'grace')
    end
    call('zrem', K .. 'q:' .. tostring(jqueue) .. '-locks', jid)
    call('zrem', K .. 'w:' .. worker .. ':jobs', jid)
    if f[6] then
      M.ThrottleRelease.release_all(f[6], jid, now)
    end
    if remaining < 0 then
      local failed_group = group or ('failed-retries-' .. queue)
      M.Job.append_history(jid, now, dialect.exhausted_entry, { group = failed_group }, f[5])
      local failure
      if group and message then
        failure = { group = failed_group, message = message, when = floor(now), worker = worker }
      else
        failure = { group = failed_group,
          message = 'Job exhausted retries in queue "' .. tostring(jqueue) .. '"',
          when = now, worker = '' }
      end
      call('hset', key, 'state', 'failed', 'worker', '', 'expires', '', 'failure', encode(failure))
      if dialect.announces_exhausted_retry and is_tracked(jid) then
        call('publish', K .. 'failed', jid)
      end
      M.JobRare.file_failure(jid, failed_group)
      M.JobRare.count_failure(queue, now)
      if f[8] then
        M.Unique.release(f[8], jid)
      end
    else
      if delay > 0 then
        call('zadd', K .. 'q:' .. queue .. '-scheduled', now + delay, jid)
        call('hset', key, 'state', 'scheduled')
      else
        call('zadd', K .. 'q:' .. queue .. '-work', work_score(tonumber(f[4]) or 0, now), jid)
        call('hset', key, 'state', 'waiting')
        M.SharedRare.ready(queue)
      end
      if group and message then
        call('hset', key, 'failure', encode({
          group = group, message = message, when = floor(now), worker = worker }))
      end
    end
    return floor(remaining)
  end

-- Renewing and revoking a lease: heartbeat and timeout, a module of their
-- own, so that a heartbeat builds nothing of the lifecycle above.
elseif name == 'JobLease' then
  local C = module
  -- Also reqless `job.heartbeat`: the hooks name the job in errors or not,
  -- and refresh the worker registry or not.
  C['heartbeat'] = function(now, argv)
    local jid, worker, raw_data = argv[3], argv[4], argv[5]
    if not jid then
      error('Job(): no jid provided')
    end
    if not worker then
      error('Heatbeat(): Arg "worker" missing')
    end
    local key = K .. 'j:' .. jid
    local f = call('hmget', key, 'state', 'worker', 'queue', 'grace')
    local queue = f[3] or ''
    M.Config.prefetch(queue .. '-heartbeat', 'heartbeat')
    local expires = now + M.Config.heartbeat(queue)
    local data
    if raw_data then
      data = decode(raw_data)
    end
    local jstate = f[1]
    if not jstate then
      error('Heartbeat(): ' .. M.SharedRare.named(jid) .. ' does not exist')
    end
    if jstate ~= 'running' then
      error('Heartbeat(): ' .. M.SharedRare.named(jid) .. ' not currently running: ' .. jstate)
    end
    if f[2] ~= worker or #worker == 0 then
      error('Heartbeat(): ' .. M.SharedRare.named(jid) .. ' given out to another worker: '
        .. tostring(f[2]))
    end
    local lease = arg_text(expires)
    if data then
      call('hset', key, 'expires', lease, 'worker', worker, 'data', encode(data))
    else
      call('hset', key, 'expires', lease, 'worker', worker)
    end
    -- Job.clear_grace, inline: a heartbeat builds no Job module.
    if f[4] then
      call('hdel', key, 'grace')
    end
    local score = lease_score(expires)
    call('zadd', K .. 'w:' .. worker .. ':jobs', score, jid)
    if state.dialect.heartbeat_registers_worker then
      if call('zadd', K .. 'workers', now_arg(now), worker) == 1 then
        M.SkipLists.worker_joined()
      end
    end
    call('zadd', K .. 'q:' .. queue .. '-locks', score, jid)
    return expires
  end

  -- Also reqless `job.timeout`: the hooks say whether a missing job is an
  -- error of its own and whether the worker is cleared.
  C['timeout'] = function(now, argv)
    local dialect = state.dialect
    for i = 3, #argv do
      local jid = argv[i]
      local key = K .. 'j:' .. jid
      local f = call('hmget', key, 'state', 'worker', 'queue', 'history', 'throttles', 'grace')
      if not f[1] and dialect.timeout_requires_job then
        error('Timeout(): Job ' .. jid .. ' does not exist')
      end
      if f[1] ~= 'running' then
        error('Timeout(): Job ' .. jid .. ' not running')
      end
      M.Job.append_history(jid, now, 'timed-out', nil, f[4])
      local qkey = K .. 'q:' .. tostring(f[3])
      call('zrem', qkey .. '-locks', jid)
      if f[5] then
        M.ThrottleRelease.release_all(f[5], jid, now)
      end
      call('zadd', qkey .. '-work', '+inf', jid)
      M.SharedRare.ready(tostring(f[3]))
      if dialect.timeout_clears_worker then
        call('hset', key, 'state', 'stalled', 'expires', 0, 'worker', '')
      else
        call('hset', key, 'state', 'stalled', 'expires', 0)
      end
      M.Job.clear_grace(jid, f[6])
      M.JobRare.lock_lost(jid, f[2] or '')
    end
    return nil
  end

-- `settle` (an extension; reqless `worker.settle`): a worker's batch call,
--   settle <now> <worker> <queue> <count> <n> then n groups of
--   <kind> <jid> <queue> <a> <b> <c>
-- settles n jobs the worker holds, each exactly as the single command
-- would, then pops up to `count` jobs from <queue> as `pop` does. Kinds:
--   complete  a, b, c empty: complete, keeping the job's stored data
--   advance   a next queue, b delay (seconds), c JSON array of jids to
--             wait for: complete into the next queue, keeping the data
--   retry     a delay, b failure group or empty, c message or empty
--   fail      a group, b message
-- Replies with a list: first the JSON text of the outcomes, per
-- settlement what the single command replies, or {"error":"<message>"}
-- when it would refuse (such a settlement writes nothing and the others
-- go on); then two entries per popped job: the job as `pop` renders it
-- but lean (see JobView.text), and its `data` as stored. Redis's Lua
-- hashes every string a script makes, and the payload is the larger part
-- of a job: handed back as read, it is neither escaped nor hashed again.
--
-- The single commands check everything before they write, so a refused
-- settlement changes nothing; pcall also catches what no check foresees
-- (a key of the wrong type). A module of its own, so that the single
-- commands do not build it.
--
-- What every complete would repeat is done once for the whole call, after
-- the settlements and before the pop (`state.batch` holds it meanwhile):
-- the removal of completed jobs from their queue's sets and the worker's
-- jobs and their entries in `ql:completed` (one call per set), the run-time
-- statistics (one read and one write per queue, the values in
-- order, which leaves what one update per job leaves), the throughput
-- count, the expiry of completed jobs and the continuation of unfinished
-- releases of dependents. The completes' own releases of dependents
-- follow their settlements, checked with one EXISTS for all. Expiry and
-- releases each get one batch for the call plus one per complete, so the
-- call stays bounded however many jobs it settles.
elseif name == 'Settle' then
  local S = module
  local SETTLE_MAX = 1000

  local function whole(raw, name)
    local n = tonumber(raw)
    if not n or n < 0 or n > SETTLE_MAX or n ~= floor(n) then
      error('Settle(): Arg "' .. name .. '" must be a whole number from 0 to ' .. SETTLE_MAX
        .. ': ' .. tostring(raw))
    end
    return n
  end

  local function blank(value)
    if value == '' then
      return nil
    end
    return value
  end

  -- One settlement; raises what the single command raises.
  local function settle_one(now, worker, kind, jid, queue, a, b, c)
    if kind == 'complete' then
      return M.JobLifecycle.finish(now, jid, worker, queue, nil, nil, 0, {})
    elseif kind == 'advance' then
      if not blank(a) then
        error('Complete(): Arg "next" missing')
      end
      local delay = tonumber(blank(b) or 0)
      if not delay then
        error('Complete(): Arg "delay" not a number: ' .. tostring(b))
      end
      local depends = decode(blank(c) or '[]')
      if type(depends) ~= 'table' then
        error('Complete(): Arg "depends" not JSON: ' .. tostring(c))
      end
      return M.JobLifecycle.finish(now, jid, worker, queue, nil, a, delay, depends)
    elseif kind == 'retry' then
      return M.JobFailure['retry'](now, { 'retry', now, jid, queue, worker, blank(a) or '0',
        blank(b), blank(c) })
    elseif kind == 'fail' then
      return M.JobFailure['fail'](now, { 'fail', now, jid, worker, a, b })
    end
    error('Settle(): Unknown settlement "' .. tostring(kind) .. '"')
  end

  -- Appends `value` to `lists[key]`, a list made on first use, whose key is
  -- then noted in `keys` so that the end of the call visits them in order.
  local function append(lists, keys, key, value)
    local list = lists[key]
    if not list then
      list = {}
      lists[key] = list
      keys[#keys + 1] = key
    end
    list[#list + 1] = value
  end

  -- A plain complete's removal from its queue's sets, from the worker's
  -- jobs, and its entry in `ql:completed`, all written at the end.
  function S.leave(batch, queue, jid)
    append(batch.left, batch.left_queues, queue, jid)
    local all = batch.done
    all[#all + 1] = jid
  end

  -- The run time of one complete (with or without a next queue), for the
  -- statistics the call writes at its end.
  function S.run_time(batch, queue, value)
    append(batch.run, batch.queues, queue, value)
    batch.completed = batch.completed + 1
  end

  -- The releases of dependents the plain completes left (see
  -- Completed.release_dependents), in their order and each with the budget
  -- it would have had right after its complete. One EXISTS answers for all
  -- of them in the usual case that none of the jobs has dependents. A
  -- release that fails makes its settlement's outcome the error, as it would
  -- have inside the settlement.
  local function release(batch, list, now)
    local deferred = batch.deferred
    local n = #deferred
    if n == 0 then
      return
    end
    local keys = {}
    for i = 1, n do
      keys[i] = K .. 'j:' .. deferred[i] .. '-dependents'
    end
    if call('exists', unpack(keys)) == 0 then
      batch.release = batch.release + n
      return
    end
    batch.releasing = true
    state.batch = batch
    for i = 1, n do
      batch.release = batch.release + 1
      local ok, e = pcall(M.Completed.release_dependents, deferred[i], now)
      if not ok then
        list[batch.owners[i]] = { error = M.SharedRare.message_of(e) }
      end
    end
    state.batch = nil
  end

  local function close(batch, worker, now)
    local sets = state.dialect.queue_sets
    for i = 1, #batch.left_queues do
      local queue = batch.left_queues[i]
      local qkey = K .. 'q:' .. queue
      for s = 1, #sets do
        M.Queue.call_sliced('zrem', qkey .. sets[s], batch.left[queue], 1)
      end
    end
    local done = batch.done
    if #done > 0 then
      M.Queue.call_sliced('zrem', K .. 'w:' .. worker .. ':jobs', done, 1)
      local scored = {}
      local at = now_arg(now)
      for i = 1, #done do
        scored[2 * i - 1] = at
        scored[2 * i] = done[i]
      end
      M.Queue.call_sliced('zadd', K .. 'completed', scored, 2)
    end
    for i = 1, #batch.queues do
      local queue = batch.queues[i]
      M.QueueStats.record_stats(queue, now, 'run', batch.run[queue])
    end
    if batch.completed > 0 then
      M.QueueStats.count_throughput(now, 'c', batch.completed)
    end
    if batch.expire > 0 then
      M.Completed.expire_completed(now, 500 + batch.expire)  -- EXPIRE_BATCH
      if batch.release > 0 then
        M.CompletedRare.continue_releases(now, batch.release)
      end
    end
  end

  function S.run(now, argv)
    local worker, queue = argv[3], argv[4]
    if not worker or worker == '' then
      error('Settle(): Arg "worker" missing')
    end
    if not queue or queue == '' then
      error('Settle(): Arg "queue" missing')
    end
    local count = whole(argv[5], 'count')
    local n = whole(argv[6], 'n')
    if #argv ~= 6 + 6 * n then
      error('Settle(): expected ' .. n .. ' settlements of 6 arguments, got '
        .. (#argv - 6) .. ' arguments')
    end
    local outcomes = '[]'
    if n > 0 then
      local list = {}
      -- release: RELEASE_BATCH
      local batch = { run = {}, queues = {}, completed = 0, expire = 0, release = 250,
        left = {}, left_queues = {}, done = {}, deferred = {}, owners = {}, index = 0 }
      state.batch = batch
      for i = 0, n - 1 do
        batch.index = i + 1
        local at = 6 + 6 * i
        local ok, result = pcall(settle_one, now, worker, argv[at + 1], argv[at + 2],
          argv[at + 3], argv[at + 4], argv[at + 5], argv[at + 6])
        if ok then
          list[i + 1] = result
        else
          list[i + 1] = { error = M.SharedRare.message_of(result) }
        end
      end
      state.batch = nil
      release(batch, list, now)
      close(batch, worker, now)
      outcomes = encode(list)
    end
    if count > 0 then
      state.lean = true
      local popped = state.dialect.pop(now, { argv[1], argv[2], queue, worker, count })
      state.lean = nil
      -- A lean pop that hands out jobs leaves their texts and data to this
      -- reply.
      if type(popped) == 'table' then
        table.insert(popped, 1, outcomes)
        return popped
      end
    end
    return { outcomes }
  end

  S['settle'] = function(now, argv)
    return S.run(now, argv)
  end

-- Reading and administering jobs.
elseif name == 'JobCommands' then
  local C = module
  C['get'] = function(now, argv)
    local jid = argv[3]
    if not jid then
      error('Job(): no jid provided')
    end
    local job = M.JobRare.load(jid)
    if job then
      return encode(job)
    end
    return nil
  end

  C['multiget'] = function(now, argv)
    local jobs = {}
    for i = 3, #argv do
      local job = M.JobRare.load(argv[i])
      if job then
        jobs[#jobs + 1] = job
      end
    end
    return encode(jobs)
  end

  -- Also reqless `job.setPriority`, whose error for a missing job the hooks
  -- give.
  C['priority'] = function(now, argv)
    local jid, raw = argv[3], argv[4]
    if not jid then
      error('Job(): no jid provided')
    end
    local priority = tonumber(raw)
    if not priority then
      error('Priority(): Arg "priority" missing or not a number: ' .. tostring(raw))
    end
    local queue = call('hget', K .. 'j:' .. jid, 'queue')
    if not queue then
      error(state.dialect.priority_missing(jid))
    end
    if queue ~= '' then
      local work = K .. 'q:' .. queue .. '-work'
      if call('zscore', work, jid) then
        call('zadd', work, work_score(priority, 0), jid)
      end
    end
    call('hset', K .. 'j:' .. jid, 'priority', priority)
    return priority
  end

  C['log'] = function(now, argv)
    local jid, message, raw_data = argv[3], argv[4], argv[5]
    if not jid then
      error("Log(): Argument 'jid' missing")
    end
    if not message then
      error("Log(): Argument 'message' missing")
    end
    local data
    if raw_data then
      data = decode(raw_data)
      if not data then
        error("Log(): Argument 'data' not cjson: " .. tostring(raw_data))
      end
    end
    if call('exists', K .. 'j:' .. jid) == 0 then
      error('Log(): Job ' .. jid .. ' does not exist')
    end
    M.Job.append_history(jid, now, message, data)
    return nil
  end

  C['depends'] = function(now, argv)
    local jid, command = argv[3], argv[4]
    if not jid then
      error('Job(): no jid provided')
    end
    if not command then
      error('Depends(): Arg "command" missing')
    end
    local jstate = call('hget', K .. 'j:' .. jid, 'state')
    if jstate ~= 'depends' then
      error('Depends(): Job ' .. jid .. ' not in the depends state: ' .. tostring(jstate))
    end
    local dkey = K .. 'j:' .. jid .. '-dependencies'
    if command == 'on' then
      local list = {}
      for i = 5, #argv do
        list[#list + 1] = argv[i]
      end
      M.JobRare.add_dependencies(jid, list)
      return true
    elseif command == 'off' then
      if argv[5] == 'all' then
        local deps = call('smembers', dkey)
        for i = 1, #deps do
          call('srem', K .. 'j:' .. deps[i] .. '-dependents', jid)
        end
        call('del', dkey)
        M.JobRare.undepend(jid, now)
      else
        for i = 5, #argv do
          local d = argv[i]
          call('srem', K .. 'j:' .. d .. '-dependents', jid)
          call('srem', dkey, d)
          if call('scard', dkey) == 0 then
            M.JobRare.undepend(jid, now)
          end
        end
      end
      return true
    end
    error('Depends(): Argument "command" must be "on" or "off"')
  end

  -- Also reqless `job.cancel`: the hooks give the sets the job leaves and
  -- how it is deleted.
  C['cancel'] = function(now, argv)
    local dialect = state.dialect
    local named = {}
    local jids = {}
    for i = 3, #argv do
      named[argv[i]] = true
      jids[#jids + 1] = argv[i]
    end
    -- Check everything before writing anything. A job with more dependents
    -- than there are jids named has one that is not named: a sample of one
    -- more than that finds it, however many dependents the job has.
    for i = 1, #jids do
      local jid = jids[i]
      local key = K .. 'j:' .. jid .. '-dependents'
      local n = call('scard', key)
      local dependents = {}
      if n > #jids then
        dependents = call('srandmember', key, #jids + 1)
      elseif n > 0 then
        dependents = call('smembers', key)
      end
      for j = 1, #dependents do
        if not named[dependents[j]] then
          error('Cancel(): ' .. jid .. ' is a dependency of ' .. dependents[j] ..
            ' but is not mentioned to be canceled')
        end
      end
    end
    for i = 1, #jids do
      local jid = jids[i]
      local key = K .. 'j:' .. jid
      local f = call('hmget', key, 'state', 'queue', 'failure', 'worker', 'tags', 'throttles',
        'unique')
      local jstate, queue, failure, worker = f[1], f[2], f[3], f[4]
      if jstate ~= 'complete' then
        local payload = encode({ jid = jid, worker = worker, event = 'canceled', queue = queue })
        call('publish', K .. 'log', payload)
        if worker and worker ~= '' then
          call('zrem', K .. 'w:' .. worker .. ':jobs', jid)
          call('publish', K .. 'w:' .. worker, payload)
        end
        if queue then
          dialect.cancel_unqueue(queue, jid, jstate)
        end
        if f[6] then
          M.ThrottleRelease.release_all(f[6], jid, now)
        end
        if f[7] then
          M.Unique.release(f[7], jid)
        end
        local dependencies = call('smembers', key .. '-dependencies')
        for j = 1, #dependencies do
          call('srem', K .. 'j:' .. dependencies[j] .. '-dependents', jid)
        end
        if jstate == 'failed' then
          failure = decode(failure or '{}')
          if failure['group'] then
            M.JobRare.unfile_failure(jid, failure['group'])
          end
          if failure['when'] then
            local skey = K .. 's:stats:' .. day_bin(failure['when']) .. ':' .. tostring(queue)
            local failed = tonumber(call('hget', skey, 'failed')) or 0
            call('hset', skey, 'failed', failed - 1)
          end
        end
        dialect.delete_canceled(jid, f[5])
        if is_tracked(jid) then
          call('publish', K .. 'canceled', jid)
        end
      end
    end
    return jids
  end

  C['track'] = function(now, argv)
    local command, jid = argv[3], argv[4]
    if not command then
      local jobs, expired = {}, {}
      local tracked = call('zrange', K .. 'tracked', 0, -1)
      for i = 1, #tracked do
        local f = M.JobView.read(tracked[i])
        if f[1] then
          jobs[#jobs + 1] = M.JobRender.render(tracked[i], f, true)
        else
          expired[#expired + 1] = tracked[i]
        end
      end
      return encode({ jobs = jobs, expired = expired })
    end
    if not jid then
      error('Track(): Arg "jid" missing')
    end
    if call('exists', K .. 'j:' .. jid) == 0 then
      error('Track(): Job does not exist')
    end
    local action = string.lower(command)
    if action == 'track' then
      call('publish', K .. 'track', jid)
      return encode(call('zadd', K .. 'tracked', now, jid))
    elseif action == 'untrack' then
      call('publish', K .. 'untrack', jid)
      return encode(call('zrem', K .. 'tracked', jid))
    end
    error('Track(): Unknown action "' .. command .. '"')
  end

  C['tag'] = function(now, argv)
    local command = argv[3]
    if not command then
      error('Tag(): Arg "command" must be "add", "remove", "get" or "top"')
    end
    if command == 'add' or command == 'remove' then
      local jid = argv[4]
      if not jid then
        error('Tag(): Arg "jid" missing')
      end
      local text = call('hget', K .. 'j:' .. jid, 'tags')
      if not text then
        error('Tag(): Job ' .. jid .. ' does not exist')
      end
      local tags = decode(text)
      if command == 'remove' then
        return (M.JobRare.remove_tags(jid, tags, argv, 5))
      end
      local present = {}
      for i = 1, #tags do
        present[tags[i]] = true
      end
      for i = 5, #argv do
        local tag = argv[i]
        if not present[tag] then
          present[tag] = true
          tags[#tags + 1] = tag
        end
        call('zadd', K .. 't:' .. tag, now, jid)
        call('zincrby', K .. 'tags', 1, tag)
      end
      text = encode(tags)
      call('hset', K .. 'j:' .. jid, 'tags', text)
      return text
    elseif command == 'get' then
      local tag = argv[4]
      if not tag then
        error('Tag(): Arg "tag" missing')
      end
      local offset, count = M.SharedRare.paging(argv, 5, 'Tag', 'count')
      return encode({
        total = call('zcard', K .. 't:' .. tag),
        jobs = call('zrange', K .. 't:' .. tag, offset, offset + count - 1)
      })
    elseif command == 'top' then
      local offset, count = M.SharedRare.paging(argv, 4, 'Tag', 'count')
      return encode(call('zrevrangebyscore', K .. 'tags', '+inf', 2, 'LIMIT', offset, count))
    end
    error('Tag(): First argument must be "add", "remove" or "get"')
  end
