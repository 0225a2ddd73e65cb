/// The default estate's job files (`Config/jobs/*.yaml`) compiled into the binary, by name.
///
/// Generated from `Config/jobs/` by `scripts/embed_config.py`; a test checks that they stay identical.
public enum DefaultJobs {
    public static let files: [String: String] = [
        "edge-status": """
# CloudFront's real-time logs, read from the edge-logs stream, counted per minute into the search
# index: the stream -> Flink -> OpenSearch end of the seed's pipeline, running on the default estate.
# The website's traffic is a request every five seconds, so this job costs next to nothing; the
# sessionizer, which reads every click, is opt-in (see estate.yaml).
name: edge-status
parallelism: 1
checkpoint-interval: 60s
source:
  stream: edge-logs
  starting-position: TRIM_HORIZON
  # Real-time log records are tab-separated fields in the order the distribution's log config names them.
  format: tsv
  columns: [timestamp, c-ip, time-taken, sc-status, cs-method, cs-uri-stem, x-edge-result-type, x-edge-request-id, cs-user-agent, c-country]
  event-time: ApproximateArrivalTimestamp
  out-of-orderness: 5s
  allowed-lateness: 30s
operators:
  - map: { status: $.sc-status, result: $.x-edge-result-type, uri: $.cs-uri-stem, country: $.c-country, seconds: $.time-taken }
outputs:
  - name: requests-by-status
    key-by: [status]
    window: { tumbling: 1m }
    aggregate:
      requests: count
      avg_seconds: avg($.seconds)
      max_seconds: max($.seconds)
      top_paths: top(3, $.uri)
    sinks:
      - search: edge-requests
        retention: 24h
  - name: cache-results
    key-by: [result]
    window: { tumbling: 5m }
    aggregate: { requests: count, countries: count-distinct($.country) }
    sinks:
      - search: edge-cache
        retention: 24h

""",
        "sessionizer": """
# The sessionizer: activity per user and per page from the clickstream, in event time.
# Counts go to the search index, which keeps six hours of them; per-minute totals go to the
# warehouse table sink.
name: sessionizer
parallelism: 2
checkpoint-interval: 60s
source:
  stream: clickstream
  starting-position: TRIM_HORIZON
  event-time: $.ts
  out-of-orderness: 5s
  allowed-lateness: 30s
operators:
  - map: { user: $.user_id, page: $.page, event: $.event_type, ts: $.ts }
outputs:
  - name: events-per-user
    key-by: [user]
    window: { tumbling: 1m }
    aggregate: { events: count, pages: count-distinct($.page) }
    late-records: late-clicks
    sinks:
      - search: user-activity
        retention: 6h
  - name: views-per-page
    key-by: [page]
    window: { sliding: 5m, slide: 1m }
    aggregate: { views: count, visitors: count-distinct($.user) }
    sinks:
      - search: page-views
        retention: 6h
  - name: totals-per-minute
    window: { tumbling: 1m }
    aggregate:
      events: count
      users: count-distinct($.user)
      top_pages: top(3, $.page)
    sinks:
      - table: clickstream_minutely

""",
    ]
}
