-- wrk script for bench/sign.sh: every request is a sign form POST with a new email address.
-- Arguments (after --): mode ("sign", "echo" or "get"), run tag, every how many signers one asks to show their
-- name publicly (0: none, as the form's default), then token/cookie pairs as TOKEN|COOKIE.
-- Each thread counts answers by status; done() prints one RESULT line that sign.sh parses.

local threads = {}
local counter = 1

function setup(thread)
  thread:set("id", counter)
  counter = counter + 1
  table.insert(threads, thread)
end

local function urlencode(s)
  return (s:gsub("[^%w%-%._~]", function(c) return string.format("%%%02X", string.byte(c)) end))
end

function init(args)
  mode, tag, public_every = args[1], args[2], tonumber(args[3])
  pairs_ = {}
  for i = 4, #args do
    local token, cookie = args[i]:match("^(.-)|(.*)$")
    table.insert(pairs_, { token = urlencode(token), cookie = cookie })
  end
  n, ok, redirects, other, refused = 0, 0, 0, 0, 0
  if mode == "get" then
    wrk.method = "GET"
  else
    wrk.method = "POST"
    wrk.headers["Content-Type"] = "application/x-www-form-urlencoded"
  end
end

function request()
  if mode == "get" then
    return wrk.format()
  end
  n = n + 1
  local pair = pairs_[(n % #pairs_) + 1]
  local body = "__RequestVerificationToken=" .. pair.token
    .. "&Form.FirstName=Rosa&Form.LastName=Parks"
    .. "&Form.Email=" .. tag .. "-t" .. id .. "-" .. n .. "%40example.org"
    .. "&Form.PostalCode=60601&Form.Country=US"
  if public_every > 0 and n % public_every == 0 then
    body = body .. "&Form.ShowNamePublicly=true"
  end
  wrk.headers["Cookie"] = pair.cookie
  return wrk.format(nil, nil, nil, body)
end

function response(status, headers, body)
  if status == 302 then
    redirects = redirects + 1
  elseif status >= 200 and status < 300 then
    ok = ok + 1
  elseif status == 503 then
    refused = refused + 1
  else
    other = other + 1
  end
end

function done(summary, latency, requests)
  local redirects_, ok_, other_, refused_ = 0, 0, 0, 0
  for _, t in ipairs(threads) do
    redirects_ = redirects_ + t:get("redirects")
    ok_ = ok_ + t:get("ok")
    other_ = other_ + t:get("other")
    refused_ = refused_ + t:get("refused")
  end
  local e = summary.errors
  io.write(string.format(
    "RESULT requests=%d duration_us=%d redirects=%d ok=%d refused503=%d other_status=%d "
      .. "socket_errors=%d timeouts=%d p50_us=%d p99_us=%d max_us=%d\n",
    summary.requests, summary.duration, redirects_, ok_, refused_, other_,
    e.connect + e.read + e.write, e.timeout,
    latency:percentile(50), latency:percentile(99), latency.max))
end
