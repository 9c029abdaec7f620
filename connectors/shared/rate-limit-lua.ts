// The rate limiter's state lives in Redis and changes only inside these scripts, so that every check and
// the reservation that follows it happen as one step for all worker processes.
//
// Per limiter key (a tenant), all under one hash tag so that a cluster keeps them on one node:
//   hold    the time until which the platform told us to stop (a string, ms since the epoch)
//   minute  a rolling log of the calls in the last minute: a sorted set, call id scored by its start
//   day     the calls of the rolling day in one-minute buckets (a hash: bucket -> calls, plus 'n' the
//           total and 'lo' the oldest bucket not yet dropped), because a log of 5000 entries per tenant
//           would cost far more memory than the minute of precision it would buy
//   leases  the calls in progress: a sorted set, call id scored by the time its lease runs out
//   meta    the limits last asked for and what the platform last reported as remaining

const helpers = `
local function keepFor(key, ms)
  if redis.call('pttl', key) < ms then redis.call('pexpire', key, ms) end
end

local function minuteCount(log, now, minuteMs)
  redis.call('zremrangebyscore', log, '-inf', now - minuteMs)
  return redis.call('zcard', log)
end

-- Enough of the oldest calls must leave the window to bring the count below the limit.
local function minuteWait(log, count, limit, now, minuteMs)
  local entry = redis.call('zrange', log, count - limit, count - limit, 'WITHSCORES')
  return tonumber(entry[2]) + minuteMs - now
end

-- A bucket stops counting only once its latest possible call has left the rolling day, so the count
-- errs towards too many calls (by at most one bucket), never too few.
local function dayCount(day, now, dayMs, bucketMs)
  local lo = tonumber(redis.call('hget', day, 'lo'))
  if not lo then return 0 end
  local n = tonumber(redis.call('hget', day, 'n')) or 0
  local newestStale = math.floor((now - dayMs) / bucketMs) - 1
  if newestStale < lo then return n end
  -- Every bucket written lies within a day of 'lo': after a day with no call, all of them are stale.
  if newestStale - lo > dayMs / bucketMs then
    redis.call('del', day)
    return 0
  end
  for b = lo, newestStale do
    n = n - (tonumber(redis.call('hget', day, b)) or 0)
    redis.call('hdel', day, b)
  end
  redis.call('hset', day, 'n', n, 'lo', newestStale + 1)
  return n
end

local function dayWait(day, count, limit, now, dayMs, bucketMs)
  local needed = count - limit + 1
  local b = tonumber(redis.call('hget', day, 'lo'))
  local last = math.floor(now / bucketMs)
  while b <= last do
    needed = needed - (tonumber(redis.call('hget', day, b)) or 0)
    if needed <= 0 then return (b + 1) * bucketMs + dayMs - now end
    b = b + 1
  end
  return dayMs
end

local function dayAdd(day, now, calls, dayMs, bucketMs)
  local b = math.floor(now / bucketMs)
  local lo = tonumber(redis.call('hget', day, 'lo'))
  if not lo or b < lo then redis.call('hset', day, 'lo', b) end
  redis.call('hincrby', day, b, calls)
  redis.call('hincrby', day, 'n', calls)
  keepFor(day, dayMs + bucketMs)
end
`;

/** KEYS: hold, minute, day, leases, meta. ARGV: now, perMinute, perDay, concurrent, leaseMs, id,
 * minuteMs, dayMs, bucketMs. Returns {1, 0, 'granted'}, or {0, waitMs, reason} having changed nothing. */
export const ACQUIRE = `${helpers}
local hold, log, day, leases, meta = KEYS[1], KEYS[2], KEYS[3], KEYS[4], KEYS[5]
local now = tonumber(ARGV[1])
local perMinute, perDay, concurrent = tonumber(ARGV[2]), tonumber(ARGV[3]), tonumber(ARGV[4])
local leaseMs, id = tonumber(ARGV[5]), ARGV[6]
local minuteMs, dayMs, bucketMs = tonumber(ARGV[7]), tonumber(ARGV[8]), tonumber(ARGV[9])

-- Remembered so that the platform's remaining counts can be set against them (see OBSERVE).
redis.call('hset', meta, 'perMinute', perMinute, 'perDay', perDay)
keepFor(meta, dayMs)

local wait, reason = 0, ''
local heldUntil = tonumber(redis.call('get', hold))
if heldUntil and heldUntil > now then wait, reason = heldUntil - now, 'hold' end
local inMinute = minuteCount(log, now, minuteMs)
if inMinute >= perMinute then
  local w = minuteWait(log, inMinute, perMinute, now, minuteMs)
  if w > wait then wait, reason = w, 'minute' end
end
local inDay = dayCount(day, now, dayMs, bucketMs)
if inDay >= perDay then
  local w = dayWait(day, inDay, perDay, now, dayMs, bucketMs)
  if w > wait then wait, reason = w, 'day' end
end
if wait > 0 then return {0, math.ceil(wait), reason} end

redis.call('zremrangebyscore', leases, '-inf', now)
if redis.call('zcard', leases) >= concurrent then
  -- Not when a slot frees (a call can end at any moment) but the latest it can stay taken.
  local first = redis.call('zrange', leases, 0, 0, 'WITHSCORES')
  return {0, math.ceil(tonumber(first[2]) - now), 'concurrency'}
end

redis.call('zadd', leases, now + leaseMs, id)
keepFor(leases, leaseMs + 1000)
redis.call('zadd', log, now, id)
keepFor(log, minuteMs + 1000)
dayAdd(day, now, 1, dayMs, bucketMs)
return {1, 0, 'granted'}
`;

/** KEYS: leases. ARGV: id, new expiry, leaseMs. A lease already reclaimed stays reclaimed. */
export const RENEW = `${helpers}
if not redis.call('zscore', KEYS[1], ARGV[1]) then return 0 end
redis.call('zadd', KEYS[1], ARGV[2], ARGV[1])
keepFor(KEYS[1], tonumber(ARGV[3]) + 1000)
return 1
`;

/** KEYS: hold. ARGV: untilMs, ttlMs. A later hold-off wins; an earlier one never shortens it. */
export const HOLD_OFF = `
local current = tonumber(redis.call('get', KEYS[1]))
if current and current >= tonumber(ARGV[1]) then return 0 end
redis.call('set', KEYS[1], ARGV[1], 'PX', ARGV[2])
return 1
`;

/** KEYS: minute, day, meta. ARGV: at, minute remaining or '', day remaining or '', id, minuteMs, dayMs,
 * bucketMs. The platform counting more calls than we did means calls we never saw (another deploy, a
 * lost Redis): they are added at the time of the report, so that from then on the lower remaining
 * figure of the two is the one obeyed, and they leave the windows like any call. */
export const OBSERVE = `${helpers}
local log, day, meta = KEYS[1], KEYS[2], KEYS[3]
local at, minuteLeft, dayLeft, id = tonumber(ARGV[1]), tonumber(ARGV[2]), tonumber(ARGV[3]), ARGV[4]
local minuteMs, dayMs, bucketMs = tonumber(ARGV[5]), tonumber(ARGV[6]), tonumber(ARGV[7])

redis.call('hset', meta, 'observedAt', at)
if minuteLeft then redis.call('hset', meta, 'minuteRemaining', minuteLeft) end
if dayLeft then redis.call('hset', meta, 'dayRemaining', dayLeft) end
keepFor(meta, dayMs)

local perMinute = tonumber(redis.call('hget', meta, 'perMinute'))
if minuteLeft and perMinute then
  minuteCount(log, at, minuteMs)
  local ours = redis.call('zcount', log, '(' .. (at - minuteMs), at)
  local unseen = math.min(perMinute - minuteLeft - ours, perMinute)
  for i = 1, unseen do redis.call('zadd', log, at, id .. ':' .. i) end
  if unseen > 0 then keepFor(log, minuteMs + 1000) end
end

local perDay = tonumber(redis.call('hget', meta, 'perDay'))
if dayLeft and perDay then
  local unseen = math.min(perDay - dayLeft - dayCount(day, at, dayMs, bucketMs), perDay)
  if unseen > 0 then dayAdd(day, at, unseen, dayMs, bucketMs) end
end
return 1
`;
