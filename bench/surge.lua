-- wrk script for bench/surge.sh: signers arriving in a surge, one wrk thread per connection (so that request()
-- and response() alternate and each answer's latency is the request's own).
--
-- mode=mix: each signer first GETs the petition page (no cookie: a first visit, so a fresh antiforgery cookie,
-- token and form stamp), then, once the page is at least `think` seconds old, POSTs its form from the same client
-- address (X-Forwarded-For, which the app believes from 127.0.0.1). A connection keeps the pages it has fetched in
-- a queue and alternates: a POST when its oldest page is old enough, else the GET of the next signer. Among
-- signers: `public` % tick "show my name", `updates` % ask for updates, `partner` % came through the partner link
-- (/p/<slug>?source=<org>) and tick the share box the form offers for that organization, `comment` % write a
-- comment, `repeat` % sign again with an address this connection had signed with.
-- mode=replay: one client (one X-Forwarded-For) posting one address over and over with one form (form=TOKEN|COOKIE|STAMP).
--
-- Arguments (after --) are key=value. Only answers to requests sent between start and stop (Unix seconds) are
-- counted, so the warm-up runs in the same wrk process; every address answered 302 is also written to
-- <acks>/<tag>-<thread> for the database check, warm-up included. done() prints one RESULT line.

local ffi = require("ffi")
ffi.cdef [[
  typedef struct { long tv_sec; long tv_nsec; } surge_timespec;
  int clock_gettime(int clock, surge_timespec *now);
]]
local timespec = ffi.new("surge_timespec")
local function now()
  ffi.C.clock_gettime(0, timespec) -- CLOCK_REALTIME, as `date +%s.%N` in surge.sh
  return tonumber(timespec.tv_sec) + tonumber(timespec.tv_nsec) * 1e-9
end

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

local first_names = { "Rosa", "James", "Ana", "Wei", "Fatima", "José", "Zoë", "Mohammed", "Aaliyah", "Nguyễn",
  "Siobhán", "Dmitri", "Priya", "Kwame", "María José", "Lars", "Keisha", "Hiroshi", "Ngozi", "D'Andre" }
local last_names = { "Parks", "Baldwin", "García", "Chen", "Okafor", "O'Brien", "Müller", "Hernández", "Johnson",
  "Smith-Jones", "Nakamura", "Williams", "Kowalski", "Dubois", "Mensah", "Lopez", "Brown", "Patel", "Kim", "Øvergaard" }
local comments = {
  "Stop the surveillance of our neighborhood.",
  "My cousin was stopped and searched after an alert that turned out to be fireworks.",
  "Money for schools and violence interruption, not microphones on our corners.",
  "No more false alerts sending armed police to kids walking home. ✊🏾",
  "I live in one of the neighborhoods with sensors. Nobody asked us. Nobody told us what is recorded, for how long, "
    .. "or who listens to it. Take them down and spend the money on the things that actually keep people safe: "
    .. "housing, youth programs, mental health crisis teams and people from the community who know how to calm things down.",
  "Ya basta. Nuestros barrios no son laboratorios de vigilancia.",
}
local places = { -- country, postal code; the form requires a ZIP code in the US
  { "US", "60601" }, { "US", "60623" }, { "US", "10027" }, { "US", "94607" }, { "US", "48204" }, { "US", "77004" },
  { "US", "30310" }, { "US", "02119" }, { "US", "19121" }, { "US", "90011" }, { "US", "63106" }, { "US", "44104" },
  { "US", "70117" }, { "US", "21217" }, { "US", "53206" }, { "US", "33142" }, { "US", "97211" },
  { "CA", "M5V 2T6" }, { "GB", "SW1A 1AA" }, { "MX", "06600" },
}
-- Where signers' mail is, roughly: a few large providers, by their real domains so that abuse control treats them
-- as it treats real signers (the mail only ever reaches the script's own SMTP sink on 127.0.0.1), and a long tail
-- of small domains (.example).
local providers = { { 350, "gmail.com" }, { 450, "yahoo.com" }, { 530, "outlook.com" },
  { 590, "hotmail.com" }, { 650, "icloud.com" }, { 680, "aol.com" } }

local function arg_table(args)
  local a = {}
  for _, kv in ipairs(args) do
    local k, v = kv:match("^([%w_]+)=(.*)$")
    if k then a[k] = v end
  end
  return a
end

local function pct(p) return p > 0 and math.random(100) <= p end

local function domain()
  if domains == "unique" then
    return tag .. "-" .. id .. "-" .. n .. ".example"
  end
  local r = math.random(1000)
  for _, p in ipairs(providers) do
    if r <= p[1] then return p[2] end
  end
  return "d" .. math.random(5000) .. ".example"
end

local function client_address()
  if pool > 0 then
    local i = math.random(pool)
    return string.format("10.%d.%d.%d", math.floor(i / 65536) % 256, math.floor(i / 256) % 256, i % 256)
  end
  return string.format("10.%d.%d.%d", math.random(0, 255), math.random(0, 255), math.random(1, 254))
end

local function bucket(seconds)
  local us = seconds * 1e6
  if us < 1 then us = 1 end
  return math.floor(math.log(us) * 20) -- 5 % wide
end

local function count(t, k) t[k] = (t[k] or 0) + 1 end

function init(args)
  local a = arg_table(args)
  mode, tag, slug = a.mode, a.tag, a.slug or "stop-shotspotter"
  start, stop = tonumber(a.start), tonumber(a.stop)
  think = tonumber(a.think or "0")
  p_repeat, p_public, p_updates = tonumber(a["repeat"] or "0"), tonumber(a.public or "0"), tonumber(a.updates or "0")
  p_partner, p_comment = tonumber(a.partner or "0"), tonumber(a.comment or "0")
  pool, domains = tonumber(a.pool or "0"), a.domains or "realistic"
  page_path = "/p/" .. slug
  partner_path = page_path .. "?source=" .. (a.partner_org or "daily-kos")
  math.randomseed(id * 7919 + math.floor(now() * 1000) % 100000)

  n = 0
  queue, qhead, qtail = {}, 1, 0
  last_was_post = false
  signed, signed_count = {}, 0 -- addresses this connection signed with, for repeats (at most 5,000 kept)
  -- in the measured window
  w_signers, w_new, w_repeats, w_posts, w_gets = 0, 0, 0, 0, 0
  w_post_status, w_get_status, w_post_hist, w_get_hist = {}, {}, {}, {}
  w_age_sum, w_age_min = 0, 1e9
  -- over the whole run
  acked, no_form = 0, 0

  if mode == "replay" then
    local token, cookie, stamp = a.form:match("^(.-)|(.-)|(.*)$")
    local body = "__RequestVerificationToken=" .. urlencode(token)
      .. "&Form.FirstName=Rosa&Form.LastName=Parks&Form.Email=" .. urlencode(a.email)
      .. "&Form.PostalCode=60601&Form.Country=US&Form.ShownAt=" .. urlencode(stamp)
    replay = wrk.format("POST", page_path, {
      ["Content-Type"] = "application/x-www-form-urlencoded", ["Cookie"] = cookie, ["X-Forwarded-For"] = a.xff,
    }, body)
  else
    acks = io.open(a.acks .. "/" .. tag .. "-" .. id, "w")
    acks:setvbuf("line")
  end
end

local function post(f, t)
  local email
  f.repeated = pct(p_repeat) and signed_count > 0
  if f.repeated then
    email = signed[math.random(signed_count)]
  else
    n = n + 1
    email = tag .. "-" .. id .. "-" .. n .. "@" .. domain()
  end
  f.email = email
  local place = places[math.random(#places)]
  local body = { "__RequestVerificationToken=", urlencode(f.token),
    "&Form.FirstName=", urlencode(first_names[math.random(#first_names)]),
    "&Form.LastName=", urlencode(last_names[math.random(#last_names)]),
    "&Form.Email=", urlencode(email),
    "&Form.Country=", place[1], "&Form.PostalCode=", urlencode(place[2]) }
  if pct(p_comment) then
    body[#body + 1] = "&Form.Comment=" .. urlencode(comments[math.random(#comments)])
  end
  if pct(p_public) then body[#body + 1] = "&Form.ShowNamePublicly=true" end
  if pct(p_updates) then body[#body + 1] = "&Form.WantsUpdates=true" end
  if f.source then body[#body + 1] = "&Form.Source=" .. urlencode(f.source) end
  if f.share then body[#body + 1] = "&Form.ShareWith=" .. urlencode(f.share) end
  body[#body + 1] = "&Form.ShownAt=" .. urlencode(f.stamp)
  pending, pending_post, sent_at = f, true, t
  return wrk.format("POST", f.path, {
    ["Content-Type"] = "application/x-www-form-urlencoded", ["Cookie"] = f.cookie, ["X-Forwarded-For"] = f.xff,
    ["Accept-Language"] = "en-US,en;q=0.9",
  }, table.concat(body))
end

function request()
  local t = now()
  if mode == "replay" then
    pending_post, sent_at = true, t
    return replay
  end
  local oldest = queue[qhead]
  if not last_was_post and oldest and t - oldest.shown >= think then
    queue[qhead] = nil
    qhead = qhead + 1
    last_was_post = true
    return post(oldest, t)
  end
  last_was_post = false
  local partner = pct(p_partner)
  local f = { path = partner and partner_path or page_path, xff = client_address() }
  pending, pending_post, sent_at = f, false, t
  return wrk.format("GET", f.path, { ["X-Forwarded-For"] = f.xff, ["Accept-Language"] = "en-US,en;q=0.9" })
end

-- The value of the first `<... name="NAME" ... value="...">` after the name, found without a pattern scan of the page.
local function field(body, name)
  local at = body:find('name="' .. name .. '"', 1, true)
  if not at then return nil end
  return body:match('^[^>]-value="([^"]*)"', at)
end

function response(status, headers, body)
  local t = now()
  local counted = sent_at >= start and sent_at < stop
  if not pending_post then
    if counted then
      w_gets = w_gets + 1
      count(w_get_status, status)
      count(w_get_hist, bucket(t - sent_at))
    end
    if status == 200 then
      local f = pending
      f.token = field(body, "__RequestVerificationToken")
      f.stamp = field(body, "Form.ShownAt")
      f.cookie = (headers["Set-Cookie"] or ""):match("^(undersigned%-form=[^;]*)")
      if f.token and f.stamp and f.cookie then
        if f.path ~= page_path then
          f.source = field(body, "Form.Source")
          f.share = field(body, "Form.ShareWith")
        end
        f.shown = t -- the server stamped the form before this, so the form is at least as old as we think
        qtail = qtail + 1
        queue[qtail] = f
      else
        no_form = no_form + 1
      end
    end
    return
  end
  if counted then
    w_posts = w_posts + 1
    count(w_post_status, status)
    count(w_post_hist, bucket(t - sent_at))
    if pending and pending.shown then
      local age = sent_at - pending.shown
      w_age_sum = w_age_sum + age
      if age < w_age_min then w_age_min = age end
    end
    if status == 302 then
      w_signers = w_signers + 1
      if pending and pending.repeated then w_repeats = w_repeats + 1 else w_new = w_new + 1 end
    end
  end
  if status == 302 and mode ~= "replay" and not pending.repeated then
    acked = acked + 1
    acks:write(pending.email, "\n")
    if signed_count < 5000 then
      signed_count = signed_count + 1
      signed[signed_count] = pending.email
    else
      signed[math.random(signed_count)] = pending.email
    end
  end
end

local function merged(name)
  local all = {}
  for _, t in ipairs(threads) do
    for k, v in pairs(t:get(name)) do all[k] = (all[k] or 0) + v end
  end
  return all
end

local function percentile(hist, p)
  local keys, total = {}, 0
  for k, v in pairs(hist) do
    keys[#keys + 1] = k
    total = total + v
  end
  if total == 0 then return 0 end
  table.sort(keys)
  local seen = 0
  for _, k in ipairs(keys) do
    seen = seen + hist[k]
    if seen >= total * p / 100 then return math.floor(math.exp((k + 0.5) / 20)) end
  end
  return 0
end

local function statuses(t)
  local keys, out = {}, {}
  for k in pairs(t) do keys[#keys + 1] = k end
  table.sort(keys)
  for _, k in ipairs(keys) do out[#out + 1] = k .. ":" .. t[k] end
  return #out > 0 and table.concat(out, ",") or "none"
end

local function sum(name)
  local s = 0
  for _, t in ipairs(threads) do s = s + t:get(name) end
  return s
end

function done(summary, latency, requests)
  local age_min = 1e9
  for _, t in ipairs(threads) do
    local m = t:get("w_age_min")
    if m < age_min then age_min = m end
  end
  local posts = sum("w_posts")
  local left = 0
  for _, t in ipairs(threads) do left = left + (t:get("qtail") - t:get("qhead") + 1) end
  local e = summary.errors
  local post_hist, get_hist = merged("w_post_hist"), merged("w_get_hist")
  io.write(string.format(
    "RESULT signers=%d new=%d repeats=%d posts=%d gets=%d post_p50_us=%d post_p99_us=%d get_p50_us=%d get_p99_us=%d "
      .. "post_status=%s get_status=%s socket_errors=%d timeouts=%d acked=%d no_form=%d forms_left=%d "
      .. "age_min_ms=%d age_avg_ms=%d\n",
    sum("w_signers"), sum("w_new"), sum("w_repeats"), posts, sum("w_gets"),
    percentile(post_hist, 50), percentile(post_hist, 99), percentile(get_hist, 50), percentile(get_hist, 99),
    statuses(merged("w_post_status")), statuses(merged("w_get_status")),
    e.connect + e.read + e.write, e.timeout, sum("acked"), sum("no_form"), left,
    posts > 0 and math.floor(age_min * 1000) or 0, posts > 0 and math.floor(sum("w_age_sum") * 1000 / posts) or 0))
end
