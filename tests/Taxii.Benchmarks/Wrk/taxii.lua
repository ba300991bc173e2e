-- The wrk script of `Taxii.Benchmarks wrk` (WrkCommand.cs writes the request bodies and passes their files).
-- It sends one TAXII 1.1 request shape over and over and checks every answer: a non-200 status, a root element other
-- than the expected one, or an inbox Status_Message other than SUCCESS is a bad answer, not throughput.
-- Multi-part polls are followed: an answer with more="true" queues a Poll_Fulfillment for the next part, which the
-- next free connection of the same thread sends before any new Poll_Request.
--
-- Arguments after `--`: mode (discovery|collections|poll|inbox), body file, Authorization value or "-",
-- blocks per inbox message, Poll_Fulfillment template file or "-". In the templates @@ID@@ is the message id,
-- @@RESULT@@ the result id and 987654321 the part number.

local threads = {}

function setup(thread)
   thread:set("thread_id", #threads + 1)
   table.insert(threads, thread)
end

local function read(path)
   local file = assert(io.open(path, "rb"))
   local text = file:read("*a")
   file:close()
   return text
end

-- splits text at each of the markers, in order: "a@@ID@@b" with {"@@ID@@"} gives {"a", "b"}
local function split(text, markers)
   local pieces, from = {}, 1
   for _, marker in ipairs(markers) do
      local at = assert(string.find(text, marker, from, true), "template without " .. marker)
      table.insert(pieces, string.sub(text, from, at - 1))
      from = at + #marker
   end
   table.insert(pieces, string.sub(text, from))
   return pieces
end

local expected_roots = {
   discovery = "Discovery_Response",
   collections = "Collection_Information_Response",
   poll = "Poll_Response",
   inbox = "Status_Message",
}

function init(args)
   mode = args[1]
   expected = assert(expected_roots[mode], "unknown mode " .. tostring(mode))
   body = split(read(args[2]), { "@@ID@@" })
   request_headers = {
      ["Content-Type"] = "application/xml",
      ["Accept"] = "application/xml",
      ["X-TAXII-Content-Type"] = "urn:taxii.mitre.org:message:xml:1.1",
      ["X-TAXII-Accept"] = "urn:taxii.mitre.org:message:xml:1.1",
      ["X-TAXII-Services"] = "urn:taxii.mitre.org:services:1.1",
      ["X-TAXII-Protocol"] = "urn:taxii.mitre.org:protocol:http:1.0",
   }
   if args[3] ~= "-" then
      request_headers["Authorization"] = args[3]
   end
   per_message = tonumber(args[4])
   if args[5] ~= "-" then
      fulfilment = split(read(args[5]), { "@@ID@@", "@@RESULT@@", "987654321" })
   end
   sent, answers, bad, blocks, first_bad = 0, 0, 0, 0, ""
   queue = {}
end

function request()
   sent = sent + 1
   local message_id = thread_id .. "-" .. sent
   local next_part = table.remove(queue)
   if next_part then
      return wrk.format("POST", nil, request_headers,
         fulfilment[1] .. message_id .. fulfilment[2] .. next_part.result .. fulfilment[3] .. next_part.part .. fulfilment[4])
   end
   return wrk.format("POST", nil, request_headers, body[1] .. message_id .. body[2])
end

local function fail(reason)
   bad = bad + 1
   if first_bad == "" then
      first_bad = string.gsub(string.sub(reason, 1, 400), "%s+", " ")
   end
end

local function count(text, needle)
   local n, from = 0, 1
   while true do
      local _, last = string.find(text, needle, from, true)
      if not last then
         return n
      end
      n, from = n + 1, last + 1
   end
end

function response(status, headers, text)
   answers = answers + 1
   if status ~= 200 then
      return fail("HTTP " .. status .. ": " .. text)
   end
   -- the root element's start tag (after the XML declaration, if any)
   local root_name, root = string.match(text, "<taxii_11:([%w_]+)([^>]*)>")
   if root_name ~= expected then
      return fail("expected " .. expected .. ", got: " .. text)
   end
   if mode == "inbox" then
      if not string.find(root, 'status_type="SUCCESS"', 1, true) then
         return fail(text)
      end
      blocks = blocks + per_message
   elseif mode == "poll" then
      blocks = blocks + count(text, "</taxii_11:Content_Block>")
      if string.find(root, 'more="true"', 1, true) then
         local result = string.match(root, 'result_id="([^"]*)"')
         local part = tonumber(string.match(root, 'result_part_number="(%d+)"'))
         if not result or not part then
            return fail("a part with more=\"true\" but no result id or part number: " .. root)
         end
         table.insert(queue, { result = result, part = part + 1 })
      end
   end
end

function done(summary, latency, requests)
   local answers, bad, blocks, first = 0, 0, 0, ""
   for _, thread in ipairs(threads) do
      answers = answers + thread:get("answers")
      bad = bad + thread:get("bad")
      blocks = blocks + thread:get("blocks")
      if first == "" then
         first = thread:get("first_bad")
      end
   end
   local errors = summary.errors
   io.write(string.format(
      "TAXII-WRK requests=%d duration_us=%d bytes=%d connect=%d read=%d write=%d status=%d timeout=%d answers=%d bad=%d blocks=%d p50_us=%d p99_us=%d\n",
      summary.requests, summary.duration, summary.bytes, errors.connect, errors.read, errors.write, errors.status,
      errors.timeout, answers, bad, blocks, latency:percentile(50), latency:percentile(99)))
   io.write("TAXII-WRK-FIRST-BAD " .. first .. "\n")
end
