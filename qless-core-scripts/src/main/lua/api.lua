-- The qless command dispatch: `qless(keys, argv)` runs
-- `argv[1]` with `now = argv[2]`; every handler gets (now, argv) and reads
-- its own arguments from argv[3] on.

-- Which module handles each command: L JobLifecycle, H JobLease, J JobCommands,
-- Q QueueCommands, A QueueAdmin, R Recurring, W Worker, C ConfigCommands,
-- T ThrottleCommands, S Schedule (schedule.lua, an extension), B Settle
-- (job.lua, an extension). Handlers
-- are named after the command. A constant string rather than a table, so
-- that routing builds nothing on each call; each line is
-- `<command>:<module letter>` (Lua drops the newline right after `[[`, hence
-- the blank first line). The hot commands come first: the search for a
-- command reads the string up to its line.
local ROUTES = [[

put:Q
pop:Q
complete:L
settle:B
heartbeat:H
fail:L
retry:L
get:J
multiget:J
priority:J
log:J
depends:J
cancel:J
timeout:H
track:J
tag:J
requeue:Q
peek:Q
queues:A
jobs:A
length:A
pause:A
unpause:A
queue.forget:A
stats:A
throughput:A
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
schedule.set:S
schedule.get:S
schedule.list:S
schedule.due:S
schedule.fire:S
schedule.skip:S
schedule.trigger:S
schedule.pause:S
schedule.resume:S
schedule.delete:S
]]

-- The module names by ROUTES letter; the array part lists the dialect
-- table, to be armed on the first call.
local MODULES = {
  QlessDialect,
  B = 'Settle', L = 'JobLifecycle', H = 'JobLease', J = 'JobCommands', Q = 'QueueCommands', A = 'QueueAdmin',
  C = 'ConfigCommands', R = 'Recurring', W = 'Worker', T = 'ThrottleCommands', S = 'Schedule'
}

local function qless(keys, argv)
  return dispatch(keys, argv, ROUTES, MODULES, QlessDialect)
end
