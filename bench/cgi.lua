-- wrk script of bench/cgi.sh: GETs PREFIX..line for each line of FILE in
-- turn (each thread from its own starting point), and prints one line
--   RESULT requests/s p50_ms p95_ms socket_errors non2xx requests
-- Usage: wrk ... -s bench/cgi.lua URL -- PREFIX FILE
local paths = {}
local i = 0

function init(args)
    for line in io.lines(args[2]) do
        paths[#paths + 1] = args[1] .. line
    end
    i = math.random(#paths)
end

function request()
    i = i % #paths + 1
    return wrk.format("GET", paths[i])
end

function done(summary, latency, requests)
    local e = summary.errors
    io.write(string.format("RESULT %.1f %.2f %.2f %d %d %d\n",
        summary.requests / (summary.duration / 1e6),
        latency:percentile(50) / 1000, latency:percentile(95) / 1000,
        e.connect + e.read + e.write + e.timeout, e.status, summary.requests))
end
