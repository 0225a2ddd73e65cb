/// The default estate compiled into the binary, so `cloudtop` works from any folder.
///
/// Generated from `Config/` by `scripts/embed_config.py`; a test checks that they stay identical.
public enum DefaultConfig {
    public static let estateYAML = """
# The default estate cloudtop opens on. Every entry is created through the same operations the
# command palette uses, then the clock runs `warmup` so instances are up when the dashboard opens.
name: demo-estate
seed: 42
warmup: 60s

instances:
  - name: web
    type: c5.large
    count: 3
    zone: us-east-1a
    workload: daily
  - name: api
    type: m7g.xlarge
    count: 2
    zone: us-east-1b
    workload: bursty
  - name: worker
    type: c7i.2xlarge
    count: 2
    zone: us-east-1c
    workload: steady
  - name: db-primary
    type: r6i.2xlarge
    zone: us-east-1a
    workload: steady
  - name: cache
    type: r7g.large
    zone: us-east-1b
    workload: daily
  - name: bastion
    type: t3.micro
    zone: us-east-1a
    workload: steady
  - name: ml-train
    type: g5.xlarge
    zone: us-east-1c
    workload: bursty

streams:
  - name: clickstream
    shards: 4
  - name: orders
    shards: 2
    retention-hours: 48

producers:
  - name: web-clicks
    stream: clickstream
    rate: 200
    keys: 500
    hot-key-share: 0.3
    template: clickstream
  - name: checkout
    stream: orders
    rate: 50
    keys: 200
    template: orders

consumers:
  - name: sessionizer
    stream: clickstream
    workers: 2
  - name: fulfilment
    stream: orders
    workers: 1

# Stream jobs, one file each in jobs/ (created and started like kinesisanalyticsv2 create-application).
jobs:
  - sessionizer

"""
}
