-- The reqless `queue.*`, `queues.*`, `jobs.*`, `failureGroups.counts` and
-- `tags.top` commands, and the extension `stats.throughput`.

elseif name == 'ReqlessQueue' then
  local C = module
  C['queue.peek'] = function(now, argv)
    return M.ReqlessRare.peek(now, argv)
  end

  C['queue.counts'] = function(now, argv)
    return M.QueueAdmin['queues'](now, argv)
  end

  C['queues.counts'] = function(now, argv)
    local text = M.QueueAdmin['queues'](now, { argv[1], argv[2] })
    if text == '{}' then
      return '[]'
    end
    return text
  end

  C['queues.names'] = function(now, argv)
    return encode_list(call('zrange', K .. 'queues', 0, -1))
  end

  C['queue.length'] = function(now, argv)
    return M.QueueAdmin['length'](now, argv)
  end

  C['queue.pause'] = function(now, argv)
    return M.QueueAdmin['pause'](now, argv)
  end

  C['queue.unpause'] = function(now, argv)
    return M.QueueAdmin['unpause'](now, argv)
  end

  C['queue.forget'] = function(now, argv)
    return M.QueueAdmin['queue.forget'](now, argv)
  end

  C['queue.stats'] = function(now, argv)
    return M.QueueAdmin['stats'](now, argv)
  end

  -- An extension command: qless `throughput`.
  C['stats.throughput'] = function(now, argv)
    return M.QueueAdmin['throughput'](now, argv)
  end

  C['jobs.completed'] = function(now, argv)
    local offset, limit = M.SharedRare.paging(argv, 3, 'Jobs', 'limit')
    return encode_list(call('zrevrange', K .. 'completed', offset, offset + limit - 1))
  end

  C['queue.jobsByState'] = function(now, argv)
    local kind = argv[3]
    if not kind then
      error('Jobs(): Arg "state" missing')
    end
    if kind == 'complete' then
      return C['jobs.completed'](now, { argv[1], argv[2], argv[4], argv[5] })
    end
    local queue = argv[4]
    if not queue then
      error('Jobs(): Arg "queue" missing')
    end
    local offset, limit = M.SharedRare.paging(argv, 5, 'Jobs', 'limit')
    local qkey = K .. 'q:' .. queue
    local jids
    if kind == 'running' then
      jids = call('zrangebyscore', qkey .. '-locks', now, '+inf', 'LIMIT', offset, limit)
    elseif kind == 'stalled' then
      jids = call('zrangebyscore', qkey .. '-locks', '-inf', now, 'LIMIT', offset, limit)
    elseif kind == 'scheduled' then
      M.QueueRare.promote(queue, now, 500)  -- PROMOTE_BATCH
      jids = call('zrange', qkey .. '-scheduled', offset, offset + limit - 1)
    elseif kind == 'depends' then
      jids = call('zrange', qkey .. '-depends', offset, offset + limit - 1)
    elseif kind == 'throttled' then
      jids = call('zrange', qkey .. '-throttled', offset, offset + limit - 1)
    elseif kind == 'recurring' then
      jids = call('zrangebyscore', qkey .. '-recur', 0, '+inf', 'LIMIT', offset, limit)
    else
      error('Jobs(): Unknown type "' .. kind .. '"')
    end
    return encode_list(jids)
  end

  C['jobs.failedByGroup'] = function(now, argv)
    return M.QueueAdmin['failed'](now, argv)
  end

  C['failureGroups.counts'] = function(now, argv)
    return M.QueueAdmin['failed'](now, { argv[1], argv[2], nil, argv[3], argv[4] })
  end

  C['jobs.tagged'] = function(now, argv)
    local tag = argv[3]
    if not tag then
      error('Tag(): Arg "tag" missing')
    end
    local offset, limit = M.SharedRare.paging(argv, 4, 'Tag', 'limit')
    return encode({
      total = call('zcard', K .. 't:' .. tag),
      jobs = call('zrange', K .. 't:' .. tag, offset, offset + limit - 1)
    })
  end

  C['tags.top'] = function(now, argv)
    local offset, limit = M.SharedRare.paging(argv, 3, 'Tag', 'limit')
    return encode_list(call('zrevrangebyscore', K .. 'tags', '+inf', 2, 'LIMIT', offset, limit))
  end

  C['queue.unfail'] = function(now, argv)
    return M.QueueAdmin['unfail'](now, argv)
  end
