end
define()
