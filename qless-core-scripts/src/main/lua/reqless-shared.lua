-- Procedures of the reqless dialect shared by its modules.

-- A top-level list reply: the text `[]` when empty; nested empty
-- lists keep cjson's `{}`.
local function encode_list(list)
  if #list == 0 then
    return '[]'
  end
  return encode(list)
end

-- Removes the entries equal to `value` from `list` while scanning forward,
-- so of two adjacent equal entries only the first goes.
local function strip_entries(list, value)
  for i = 1, #list do
    if list[i] == value then
      table.remove(list, i)
    end
  end
end
