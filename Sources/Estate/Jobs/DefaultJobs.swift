/// The default estate's job files (`Config/jobs/*.yaml`) compiled into the binary, by name.
///
/// Generated from `Config/jobs/` by `scripts/embed_config.py`; a test checks that they stay identical.
public enum DefaultJobs {
    public static let files: [String: String] = [
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
