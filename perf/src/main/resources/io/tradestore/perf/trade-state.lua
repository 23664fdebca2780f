-- tradestore bench: the state change of one event, server-side, for the Redis baseline.
-- ARGV[1] = type: N new order, C cancel, R replace, F fill, M market data. Returns 0 or a RejectReason value.
-- Orders are hashes o:<id> (account, instrument, side, price, qty, filled, status 0 NEW 1 PARTIAL 2 FILLED 3 CANCELLED);
-- positions are hashes p:<account>:<instrument>; market data is the hash md:<instrument>.
local t = ARGV[1]
if t == 'M' then
  local instrument = tonumber(ARGV[2])
  if instrument < 1 or instrument > tonumber(ARGV[9]) then return 8 end
  redis.call('HSET', 'md:' .. ARGV[2], 'bid', ARGV[3], 'bidQty', ARGV[4], 'ask', ARGV[5], 'askQty', ARGV[6],
    'last', ARGV[7], 'lastQty', ARGV[8])
  redis.call('HINCRBY', 'md:' .. ARGV[2], 'updates', 1)
  return 0
end
if t == 'N' then
  local id, account, instrument = tonumber(ARGV[2]), tonumber(ARGV[3]), tonumber(ARGV[4])
  local side, price, qty = tonumber(ARGV[5]), tonumber(ARGV[6]), tonumber(ARGV[7])
  if id <= 0 then return 15 end
  if account <= 0 then return 14 end
  if instrument < 1 or instrument > tonumber(ARGV[8]) then return 8 end
  if side ~= 0 and side ~= 1 then return 13 end
  if price <= 0 then return 3 end
  if qty <= 0 then return 4 end
  local key = 'o:' .. ARGV[2]
  if redis.call('EXISTS', key) == 1 then return 1 end
  redis.call('HSET', key, 'account', ARGV[3], 'instrument', ARGV[4], 'side', ARGV[5], 'price', ARGV[6],
    'qty', ARGV[7], 'filled', 0, 'status', 0)
  return 0
end
local key = 'o:' .. ARGV[2]
local order = redis.call('HMGET', key, 'account', 'instrument', 'side', 'qty', 'filled', 'status')
if not order[1] then return 2 end
if order[1] ~= ARGV[3] then return 11 end
local status = tonumber(order[6])
if status >= 2 then return 5 end
if t == 'C' then
  redis.call('HSET', key, 'status', 3)
  return 0
end
local price, qty = tonumber(ARGV[4]), tonumber(ARGV[5])
if price <= 0 then return 3 end
if qty <= 0 then return 4 end
local filled = tonumber(order[5])
if t == 'R' then
  if qty < filled then return 12 end
  redis.call('HSET', key, 'price', ARGV[4], 'qty', ARGV[5], 'status', (filled == qty) and 2 or status)
  return 0
end
-- t == 'F': ARGV[4] price, ARGV[5] quantity
local total = tonumber(order[4])
if filled + qty > total then return 6 end
filled = filled + qty
redis.call('HSET', key, 'filled', filled, 'status', (filled == total) and 2 or 1)
local position = 'p:' .. order[1] .. ':' .. order[2]
local notional = price * qty
if order[3] == '0' then
  redis.call('HINCRBY', position, 'net', qty)
  redis.call('HINCRBY', position, 'buyQty', qty)
  redis.call('HINCRBY', position, 'buyNotional', notional)
else
  redis.call('HINCRBY', position, 'net', -qty)
  redis.call('HINCRBY', position, 'sellQty', qty)
  redis.call('HINCRBY', position, 'sellNotional', notional)
end
return 0
