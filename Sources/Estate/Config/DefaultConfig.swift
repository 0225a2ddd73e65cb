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

# The estate's AWS resources are CloudFormation stacks, one template each in stacks/, created at
# first start so you watch them form in the Stacks view (key 8): the instances (stacks/fleet.yaml:
# web and API servers, workers, database, cache, bastion, a training box), the streams with their
# producers and consumers (stacks/streams.yaml), the warehouse with its sample tables and loaders
# (stacks/warehouse.yaml), and the website (stacks/website.yaml): a CloudFront distribution with
# five Lambda@Edge functions, Deployed a couple of minutes after it is created. What the
# simulation attaches to a resource - an instance's CPU profile, a stream's producers, a
# cluster's loaders, a function's rule file, an origin's simulated site - is in its
# `Metadata: cloudtop:`.
stacks:
  - fleet
  - streams
  - warehouse
  - website

# CloudFront with Lambda@Edge: the website's distribution and functions are the website stack's.
# The secret signs the session cookies its account-gate function checks (`edge sign-session`).
edge:
  session-secret: demo-estate-session-secret-change-me
  # Seeded visitors, bots and scanners, one every five seconds: enough to keep the Edge view's
  # log moving while a day's fast-forward stays cheap (in a release build one request a second
  # added about 0.3 s of CPU per virtual hour, twice the rest of the estate). They start once the
  # website stack's distribution is Deployed; until then nothing is sent or counted. Each
  # request's CloudFront real-time log record goes to the `edge-logs` stream
  # (stacks/streams.yaml), where the Streams view's tail shows it and the edge-status job reads
  # it; until the stack has made the stream ACTIVE, the records are counted as failed.
  traffic:
    distribution: website
    rate: 0.2
    log-stream: edge-logs
# Stream jobs, one file each in jobs/ (created and started like kinesisanalyticsv2 create-application,
# once the stream they read is ACTIVE). edge-status (jobs/edge-status.yaml) counts the website's
# real-time log records per status and per cache result into the search index.
# The sessionizer (jobs/sessionizer.yaml) counts clicks per user and per page into the search index
# and per-minute totals into a warehouse table. It is created but left READY (`start: false`), as
# an application waits on AWS until someone starts it: it reads every click (200 a second)
# through three windowed outputs and indexes a document per active user and per viewed page each
# minute, which costs many times the CPU of the rest of the estate together (a virtual hour took
# about 24 s of CPU with it running against 1.2 s without, in a release build), so a day's
# fast-forward would take minutes. Start it with S on its row in the Jobs view (key 7), or
# `kinesisanalyticsv2 start-application --application-name sessionizer`; drop `start: false` to
# have it start with the estate.
jobs:
  - edge-status
  - { name: sessionizer, start: false }

# Rare seeded faults keep a long-running estate alive: the mean time between two of each kind,
# drawn from the seed. An instance fails its system status check and is replaced a minute later;
# a hot partition key floods one of a stream's shards past its write limit for a minute; a
# running job loses a task manager and restores its last checkpoint. Each shows in the Events
# view. Remove a line (or the section) to turn that kind off.
faults:
  status-check: 12h
  hot-key: 6h
  job-restart: 8h

"""
}
