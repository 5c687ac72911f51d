-- The procedures and module installers that follow are built inside one
-- function, called right after them (define-close.lua). Cost model: a
-- closure made at the top level of the chunk finds each top-level local it
-- uses by walking the list of the chunk's open upvalues, which is long
-- here; one made inside this function copies them from the function's own
-- upvalues. Under EVALSHA, where the chunk runs on every call, that makes
-- the dozens of installers and helpers cheap; under FCALL it runs once.
local function define()
