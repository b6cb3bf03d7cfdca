-- wrk report for benchmarks/web_load.py: one JSON line with the requests, errors and latencies (ms).
done = function(summary, latency, requests)
  local e = summary.errors
  local errors = e.connect + e.read + e.write + e.status + e.timeout
  io.write(string.format(
    '{"requests": %d, "errors": %d, "p50_ms": %.1f, "p95_ms": %.1f, "max_ms": %.1f}\n',
    summary.requests, errors, latency:percentile(50) / 1000, latency:percentile(95) / 1000,
    latency.max / 1000))
end
