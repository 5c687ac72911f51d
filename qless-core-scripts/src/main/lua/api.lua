-- The qless command dispatch (§1.1, §7): `qless(keys, argv)` runs
-- `argv[1]` with `now = argv[2]`; every handler gets (now, argv) and reads
-- its own arguments from argv[3] on.

-- Which module handles each command: L JobLifecycle, J JobCommands,
-- Q QueueCommands, A QueueAdmin, R Recurring, W Worker, C Config,
-- T ThrottleCommands. Handlers
-- are named after the command. A constant string rather than a table, so
-- that routing builds nothing on each call; each line is
-- `<command>:<module letter>` (Lua drops the newline right after `[[`, hence
-- the blank first line).
local ROUTES = [[

get:J
multiget:J
complete:L
fail:L
retry:L
heartbeat:L
priority:J
log:J
depends:J
cancel:J
timeout:L
track:J
tag:J
put:Q
requeue:Q
pop:Q
peek:Q
queues:A
jobs:A
length:A
pause:A
unpause:A
queue.forget:A
stats:A
failed:A
unfail:A
recur:R
unrecur:R
recur.get:R
recur.update:R
recur.tag:R
recur.untag:R
workers:W
worker.deregister:W
config.get:C
config.set:C
config.unset:C
throttle.set:T
throttle.get:T
throttle.ttl:T
throttle.delete:T
throttle.locks:T
throttle.pending:T
throttle.release:T
queue.throttle.get:T
queue.throttle.set:T
]]

local function route(command)
  local at = string.find(ROUTES, '\n' .. command .. ':', 1, true)
  if not at then
    return nil
  end
  local code = string.sub(ROUTES, at + #command + 2, at + #command + 2)
  local module
  if code == 'Q' then
    module = QueueCommands
  elseif code == 'L' then
    module = JobLifecycle
  elseif code == 'J' then
    module = JobCommands
  elseif code == 'A' then
    module = QueueAdmin
  elseif code == 'C' then
    module = Config
  elseif code == 'R' then
    module = Recurring
  elseif code == 'W' then
    module = Worker
  elseif code == 'T' then
    module = ThrottleCommands
  else
    return nil
  end
  return module[command]
end

local function qless(keys, argv)
  call, encode, decode, floor = redis.call, cjson.encode, cjson.decode, math.floor
  if #keys > 0 then
    error('No Keys should be provided')
  end
  local command = argv[1]
  if not command then
    error('Must provide a command')
  end
  if not state.armed then
    setmetatable(Config, lazy_meta)
    setmetatable(Job, lazy_meta)
    setmetatable(JobLifecycle, lazy_meta)
    setmetatable(JobCommands, lazy_meta)
    setmetatable(Queue, lazy_meta)
    setmetatable(QueueCommands, lazy_meta)
    setmetatable(QueueAdmin, lazy_meta)
    setmetatable(Recurring, lazy_meta)
    setmetatable(Worker, lazy_meta)
    setmetatable(Throttle, lazy_meta)
    setmetatable(ThrottleCommands, lazy_meta)
    state.armed = true
  end
  local handler = route(command)
  if not handler then
    error('Unknown command ' .. command)
  end
  local now = tonumber(argv[2])
  if not now then
    error('Arg "now" missing or not a number: nil')
  end
  state.config = {}
  state.tracked = nil
  return handler(now, argv)
end
