-- Procedures shared by the modules: scores, day bins, argument checks, the
-- `ready` announcements, tracking, and the qless dialect's hook functions.

-- Work-queue score: higher priority first, then earlier insert time.
local function work_score(priority, t)
  return priority - (t / 10000000000)
end

-- Start of the UTC day containing `t`, used in stats keys.
local function day_bin(t)
  return t - (t % 86400)
end

-- Reads `name value` pairs from argv[first..]; the last value of a repeated
-- name wins. A name without a value reads as absent.
local function read_options(argv, first)
  local options = {}
  for i = first, #argv, 2 do
    options[argv[i]] = argv[i + 1]
  end
  return options
end

-- `put`, `requeue` and `recur` reject an odd number of trailing arguments.
-- The reference prints the address of its argument table here.
local function check_even(argv, first)
  if (#argv - first + 1) % 2 == 1 then
    error('Odd number of additional args: ' .. tostring(argv))
  end
end

-- Commands that build a queue object require its name.
local function queue_name(name)
  if not name then
    error('Queue(): no queue name provided')
  end
  return name
end

-- Numbers as text. redis.call turns a number argument into text with a
-- float format (%.17g), and concatenation does so with %.14g; either costs
-- more than a simple Redis command. So the hot paths hand Redis text:
-- constants as string literals ('0', '+inf'), `now` and the values derived
-- from it formatted once per call.
--
-- `x` as redis.call would send it. A whole number (the usual case) takes
-- %d, which writes the same digits for less, a digit not even that; zero
-- is written as %.17g writes it, with the sign of -0.
local function arg_text(x)
  if x == floor(x) and x < 1e15 and x > -1e15 then
    if x > 0 and x < 10 then
      return string.char(48 + x)
    end
    if x == 0 then
      return (1 / x < 0) and '-0' or '0'
    end
    return string.format('%d', x)
  end
  return string.format('%.17g', x)
end

-- The score of a lease in `q:<queue>-locks` and `w:<worker>:jobs`: its
-- expiry rounded up to a whole second, while the job's `expires` stays
-- exact. Redis keeps a small sorted set, such as the leases one worker
-- holds, as a listpack, which stores a whole score as an integer but a
-- fractional one as text that every later insert parses again on its way
-- to its place. A lease is thus reclaimed, or counted as stalled, up to a
-- second after its `expires`, never before.
local function lease_score(expires)
  return arg_text(math.ceil(expires))
end

-- `now` as a score argument and as the `time` field of a job, made once per
-- call: the client's own text when it is plain decimal digits (which Redis,
-- and a later tonumber, read as the same number as Lua did), else formatted
-- as redis.call would send it. Either text reads back as exactly `now`. The
-- reference stores `time` as string.format('%.20f', now), the same number in
-- other digits, which costs more than a Redis command to write; only scripts
-- read the field (for wait and run times), and they parse it.
local function now_arg(now)
  local text = state.now_arg
  if not text then
    text = state.now_text
    if not string.find(text, '^%d+%.?%d*$') then
      text = arg_text(now)
    end
    state.now_arg = text
  end
  return text
end

-- The day bin of `now` as the stats keys spell it (concatenation: %.14g,
-- the same digits as %d for a whole number below 1e14), once per call.
local function now_bin(now)
  local text = state.now_bin
  if not text then
    local bin = day_bin(now)
    if bin == floor(bin) and bin < 1e14 and bin > 0 then
      text = string.format('%d', bin)
    else
      text = tostring(bin)
    end
    state.now_bin = text
  end
  return text
end

-- The history entry {floor(now), what, item} as cjson encodes it, written
-- without building and encoding the tables: `what` is a plain word and
-- `item` the encoded item object, or nil for none. The time is the digits
-- cjson writes (%.14g, the same as %d below 1e14), also returned second.
local function entry_text(now, what, item)
  local t = floor(now)
  local when
  if t < 1e14 and t > -1e14 then
    when = string.format('%d', t)
  else
    when = encode(t)
  end
  if item then
    return '[' .. when .. ',"' .. what .. '",' .. item .. ']', when
  end
  return '[' .. when .. ',"' .. what .. '"]', when
end

-- Whether a jid is tracked. Tracking is rare, so one ZCARD per call answers
-- for every job when nothing is tracked.
local function is_tracked(jid)
  local any = state.tracked
  if any == nil then
    any = call('zcard', K .. 'tracked') > 0
    state.tracked = any
  end
  return any and call('zscore', K .. 'tracked', jid) ~= false
end
