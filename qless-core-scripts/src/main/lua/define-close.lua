end
end
end
define()
