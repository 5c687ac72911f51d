-- The qless command dispatch (§1.1, §7): `qless(keys, argv)` runs
-- `argv[1]` with `now = argv[2]`; every handler gets (now, argv) and reads
-- its own arguments from argv[3] on.

-- Which module handles each command. Handlers are named after the command.
local routes = {
  ['get'] = JobCommands,
  ['multiget'] = JobCommands,
  ['complete'] = JobCommands,
  ['fail'] = JobCommands,
  ['retry'] = JobCommands,
  ['heartbeat'] = JobCommands,
  ['priority'] = JobCommands,
  ['log'] = JobCommands,
  ['depends'] = JobCommands,
  ['cancel'] = JobCommands,
  ['timeout'] = JobCommands,
  ['track'] = JobCommands,
  ['tag'] = JobCommands,
  ['put'] = QueueCommands,
  ['requeue'] = QueueCommands,
  ['pop'] = QueueCommands,
  ['peek'] = QueueCommands,
  ['queues'] = QueueCommands,
  ['jobs'] = QueueCommands,
  ['length'] = QueueCommands,
  ['pause'] = QueueCommands,
  ['unpause'] = QueueCommands,
  ['queue.forget'] = QueueCommands,
  ['stats'] = QueueCommands,
  ['failed'] = QueueCommands,
  ['unfail'] = QueueCommands,
  ['recur'] = Recurring,
  ['unrecur'] = Recurring,
  ['recur.get'] = Recurring,
  ['recur.update'] = Recurring,
  ['recur.tag'] = Recurring,
  ['recur.untag'] = Recurring,
  ['workers'] = Worker,
  ['worker.deregister'] = Worker,
  ['config.get'] = Config,
  ['config.set'] = Config,
  ['config.unset'] = Config
}

local function qless(keys, argv)
  if #keys > 0 then
    error('No Keys should be provided')
  end
  local command = argv[1]
  if not command then
    error('Must provide a command')
  end
  local module = routes[command]
  if not module then
    error('Unknown command ' .. command)
  end
  local now = tonumber(argv[2])
  if not now then
    error('Arg "now" missing or not a number: nil')
  end
  call, encode, decode, floor = redis.call, cjson.encode, cjson.decode, math.floor
  if not state.armed then
    for module in pairs(installers) do
      setmetatable(module, lazy_meta)
    end
    state.armed = true
  end
  state.config = {}
  state.tracked = nil
  return module[command](now, argv)
end
