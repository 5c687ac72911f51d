-- The module installers (see "Lazy modules" in base.lua): one function, a
-- branch per module, each branch the body that builds its module into
-- `module`. The chain ends in define-close.lua.
install = function(name, module)
if name == nil then
  error('Unknown module')
