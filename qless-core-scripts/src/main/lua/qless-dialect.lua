-- The functions of the qless dialect's hooks (QlessDialect, api.lua).
elseif name == 'QlessDialect' then
  local D = module
  -- The throttle list a put was given (`raw`, the option's text): not
  -- inherited from the job's previous put; nil for an empty list. A put
  -- without the option asks no hook (see `put` in queue.lua).
  function D.put_throttles(raw)
    local list = M.ThrottleList.parse(raw, 'Put(): Arg "throttles"')
    if #list == 0 then
      return nil
    end
    return list
  end

  -- A re-put job leaves its old queue's sets, and (unlike the reference)
  -- first gives up the locks and pending places it holds on its old
  -- throttles (`old_text`): kept, they would leak, a stale pending place
  -- would hand the job out twice, and a job re-put while it holds the only
  -- slot of a throttle would wait for itself.
  function D.leave_queue(old_queue, old_state, jid, throttles, old_text, now)
    if old_queue then
      D.cancel_unqueue(old_queue, jid, old_state)
    end
    if old_text then
      M.ThrottleRelease.release_all(old_text, jid, now)
    end
  end

  -- The throttle list a put with a list stores for `queue` (with the
  -- queue's throttle when that has a maximum) and its text.
  function D.stored_throttles(throttles, old_queue, queue)
    local list = M.ThrottleList.for_queue(throttles, old_queue, queue)
    return list, encode(list)
  end

  -- The pop that ends a `settle` call.
  function D.pop(now, argv)
    return M.QueuePop['pop'](now, argv)
  end

  -- The other hooks are seldom used: built on first use of one of them.
  module[1] = 'QlessDialectRare'
  setmetatable(module, lazy_meta)
elseif name == 'QlessDialectRare' then
  local D = module
  -- Lifecycle errors name the job: `Job <jid> does not exist`.
  D.names_jobs_in_errors = true
  -- The history entry of a retry that used up the last retry, and whether
  -- the other dialect's `failed-retries` entries are shown as they are
  -- (else as `failed`).
  D.exhausted_entry = 'failed'
  D.shows_failed_retries = false
  -- Whether such a retry publishes `ql:failed` for a tracked job.
  D.announces_exhausted_retry = true
  -- The name of the queue argument in the errors of `retry`.
  D.retry_queue_arg = 'queue'
  -- Whether `timeout` of a missing job is an error of its own (else it
  -- reads as not running), and whether it clears the job's worker.
  D.timeout_requires_job = true
  D.timeout_clears_worker = false
  -- Whether a job moved to another queue by `complete ... next` or `unfail`
  -- trades its old queue's throttle for the new one's.
  D.moves_queue_throttle = true
  -- Whether `unfail` needs a positive count.
  D.unfail_needs_positive_count = false

  -- A canceled job leaves every set it can be in.
  function D.cancel_unqueue(queue, jid, jstate)
    local qkey = K .. 'q:' .. queue
    call('zrem', qkey .. '-work', jid)
    call('zrem', qkey .. '-locks', jid)
    call('zrem', qkey .. '-scheduled', jid)
    call('zrem', qkey .. '-depends', jid)
    if jstate == 'throttled' then
      call('zrem', qkey .. '-throttled', jid)
    end
  end

  -- Deletes a canceled job: its tags (`tags_text`, its stored list), hash,
  -- history and dependency set.
  function D.delete_canceled(jid, tags_text)
    if tags_text then
      local tags = decode(tags_text)
      for j = 1, #tags do
        call('zrem', K .. 't:' .. tags[j], jid)
        call('zincrby', K .. 'tags', -1, tags[j])
      end
    end
    local key = K .. 'j:' .. jid
    call('del', key .. '-dependencies')
    call('del', key, key .. '-history')
  end

  -- Deletes expired completed jobs (at most EXPIRE_BATCH).
  function D.delete_completed(jids)
    M.CompletedRare.delete_completed(jids)
  end

  -- Un-indexes a re-put job's old tags.
  function D.remove_tags(jid, tags, names, first)
    M.JobRare.remove_tags(jid, tags, names, first)
  end

  -- The throttle list children of a template get: the template's, verbatim.
  function D.template_throttles(text, queue)
    return text
  end

  -- The error of `priority` for a missing job.
  function D.priority_missing(jid)
    return 'Priority(): Job ' .. jid .. ' does not exist'
  end

  -- Checks the queue argument of `unfail`.
  function D.unfail_queue(queue)
    queue_name(queue)
  end
