-- wrk script for bench/load/run.sh: POSTs the JSON body in $BENCH_BODY_FILE (GET when it is empty) (with $BENCH_AUTH as the Authorization
-- header when set) and prints one machine-readable RESULT line. Latencies are wrk's HdrHistogram values in microseconds;
-- err_status counts responses that were not 2xx/3xx.
local path = os.getenv("BENCH_BODY_FILE")
if path and #path > 0 then
  local file = assert(io.open(path, "rb"))
  wrk.method = "POST"
  wrk.body = file:read("*a")
  file:close()
  wrk.headers["Content-Type"] = "application/json"
else
  wrk.method = "GET"
end
local auth = os.getenv("BENCH_AUTH")
if auth and #auth > 0 then
  wrk.headers["Authorization"] = auth
end

function done(summary, latency, requests)
  local e = summary.errors
  io.write(string.format(
    "RESULT requests=%d duration_us=%d p50_us=%.0f p90_us=%.0f p99_us=%.0f p999_us=%.0f max_us=%.0f mean_us=%.1f " ..
    "err_connect=%d err_read=%d err_write=%d err_timeout=%d err_status=%d\n",
    summary.requests, summary.duration, latency:percentile(50), latency:percentile(90), latency:percentile(99),
    latency:percentile(99.9), latency.max, latency.mean, e.connect, e.read, e.write, e.timeout, e.status))
end
