#!/usr/bin/env python3
"""Generate a deterministic, synthetic ten-year ops repository for the opslint benchmark.

    bench/gen_repo.py OUTDIR [--years 10] [--seed 1] [--force]

The result is a real git repository at OUTDIR (branch `main`, work tree checked out) laid
out as in SPEC section 2: weekly, monthly and quarterly review folders under
ops/operations/, the improvement backlog and the risk register under docs/operations/, and
a .opslint.yaml. The whole history is written as one `git fast-import` stream with
realistic author/committer timestamps (Europe/Berlin offsets):

  * each review's minutes, actions and new backlog entries are committed together, within
    ~20 hours of the end of the meeting (never late for OPS501);
  * later commits move actions to in-progress / done (with evidence) / dropped, extend due
    dates or reassign owners -- never removing an action or rewriting a verification step;
  * backlog grooming commits touch only the backlog (status changes, standalone entries);
  * the risk register is reviewed after every monthly review.

At HEAD a correct linter run with `--now 2026-11-24` should report (almost) only
overdue-type findings (OPS307 / OPS406) for the few actions and entries still open.

Only the Python 3 standard library and the `git` executable are needed. The output is a
pure function of --years and --seed: the same arguments give the same commit IDs.
"""

import argparse
import datetime as dt
import os
import random
import re
import shutil
import subprocess
import sys
import time

D = dt.date
DAY = dt.timedelta(days=1)

NOW = D(2026, 11, 24)                # the benchmark's --now (Tuesday of 2026-W48)
LAST_WEEK = (2026, 47)               # the newest weekly folder
TZ_NAME = "Europe/Berlin"

BACKLOG_PATH = "docs/operations/IMPROVEMENT_BACKLOG.md"
RISKS_PATH = "docs/operations/RISK_REGISTER.md"
ROOTS = {"weekly": "ops/operations/weekly", "monthly": "ops/operations/monthly",
         "quarterly": "ops/operations/quarterly"}
TITLES = {"weekly": "Weekly Ops Review", "monthly": "Monthly Risk Review",
          "quarterly": "Quarterly Optimization Review"}
TIMEBOX = {"weekly": 45, "monthly": 60, "quarterly": 90}


# --------------------------------------------------------------------------- time zone
# Europe/Berlin without relying on the system tz database: CET (+01:00), CEST (+02:00)
# from 01:00 UTC on the last Sunday of March to 01:00 UTC on the last Sunday of October.

def _last_sunday(year, month):
    nxt = D(year + (month == 12), month % 12 + 1, 1)
    d = nxt - DAY
    return d - dt.timedelta(days=(d.weekday() - 6) % 7)


_DST_CACHE = {}


def berlin_offset(ts):
    """UTC offset in seconds of Europe/Berlin at UTC epoch second ts."""
    year = time.gmtime(ts).tm_year
    rng = _DST_CACHE.get(year)
    if rng is None:
        s = _last_sunday(year, 3)
        e = _last_sunday(year, 10)
        rng = (_utc_epoch(s, 1), _utc_epoch(e, 1))
        _DST_CACHE[year] = rng
    return 7200 if rng[0] <= ts < rng[1] else 3600


def _utc_epoch(d, hh=0, mm=0, ss=0):
    return int(dt.datetime(d.year, d.month, d.day, hh, mm, ss,
                           tzinfo=dt.timezone.utc).timestamp())


def local_ts(d, hh=0, mm=0, ss=0):
    """Europe/Berlin wall-clock time -> UTC epoch seconds (daytime hours only)."""
    naive = _utc_epoch(d, hh, mm, ss)
    return naive - berlin_offset(naive - 3600)


def local_date(ts):
    return dt.datetime.fromtimestamp(ts + berlin_offset(ts), dt.timezone.utc).date()


def tz_string(ts):
    off = berlin_offset(ts)
    return "+%02d%02d" % (off // 3600, (off % 3600) // 60)


# --------------------------------------------------------------------------- people

PEOPLE = [  # handle, name, active from, active until
    ("dana", "Dana Fischer", D(2000, 1, 1), D(2100, 1, 1)),
    ("sam", "Sam Okafor", D(2000, 1, 1), D(2100, 1, 1)),
    ("ravi", "Ravi Menon", D(2000, 1, 1), D(2100, 1, 1)),
    ("jonas", "Jonas Berg", D(2000, 1, 1), D(2100, 1, 1)),
    ("mateo", "Mateo Rossi", D(2000, 1, 1), D(2021, 8, 31)),
    ("li", "Li Wei", D(2017, 5, 2), D(2100, 1, 1)),
    ("noor", "Noor Haddad", D(2018, 2, 12), D(2100, 1, 1)),
    ("aisha", "Aisha Bello", D(2021, 4, 6), D(2100, 1, 1)),
]
NAMES = {h: n for h, n, _, _ in PEOPLE}


def active_people(d):
    return [h for h, _, a, b in PEOPLE if a <= d <= b]


def chair_for(d):
    if d < D(2020, 1, 1):
        return "dana"
    if d < D(2022, 7, 1):
        return "sam"
    if d < D(2025, 1, 1):
        return "ravi"
    return "dana"


# --------------------------------------------------------------------------- vocabulary

SERVICES = ["checkout", "payments", "search", "auth", "catalog", "notifications", "billing",
            "inventory", "ledger", "api-gateway", "ingestion", "reporting", "recommendations",
            "shipping", "identity", "media", "pricing", "fraud-scoring", "messaging",
            "warehouse-sync"]
SLOTS = {
    "endpoint": ["login", "search", "cart", "refund", "webhook", "export", "upload", "status",
                 "token", "graphql", "order history", "invoice"],
    "secret": ["database password", "API signing key", "TLS private key", "service account token",
               "webhook secret", "SMTP credentials"],
    "infra": ["general-purpose", "memory-optimised", "spot", "batch", "GPU", "ARM"],
    "task": ["failover drill", "certificate renewal", "index rebuild", "cache warm-up",
             "schema migration check", "log export", "capacity report", "replica promotion"],
    "runbook": ["failover", "rollback", "cache flush", "queue drain", "hot-shard", "degraded-mode",
                "credential leak", "partial outage"],
    "metric": ["queue depth", "cache hit ratio", "p99 latency", "saturation", "error ratio",
               "GC pause", "connection pool", "consumer lag", "retry rate"],
    "thing": ["cron jobs", "config", "secrets", "TLS termination", "DNS records", "dashboards",
              "alert rules", "feature flags"],
    "target": ["Kubernetes CronJobs", "the config service", "Vault", "the service mesh", "Terraform",
               "Grafana as code", "the new alert router", "the shared CI templates"],
    "resource": ["load balancers", "snapshots", "buckets", "IP addresses", "queues", "replicas",
                 "volumes", "container images"],
    "failure": ["zone loss", "database failover", "cache outage", "dependency timeout", "DNS failure",
                "certificate expiry", "broker restart"],
    "symptom": ["elevated 5xx", "timeouts", "queue backlog", "memory leak", "slow queries",
                "pod restarts", "stale cache", "connection resets"],
    "component": ["ingress controller", "base image", "JVM", "OpenSSL library", "Node runtime",
                  "PostgreSQL client", "nginx sidecar"],
    "control": ["break-glass access logging", "deploy approvals", "secrets scanning",
                "privileged access reviews", "WAF rules", "dependency pinning", "egress filtering"],
    "team": ["the platform team", "the SRE guild", "the security team", "product engineering",
             "the data team", "customer support"],
    "window": ["the nightly batch", "sale events", "the end-of-month run", "marketing campaigns",
               "the weekly reindex"],
    "alert": ["latency", "saturation", "error-rate", "disk", "queue-depth", "heartbeat"],
    "job": ["report export", "index build", "image resize", "invoice run", "ETL", "sitemap build"],
    "feature": ["HTTP/2", "TLS 1.3", "connection draining", "request hedging", "zone-aware routing",
                "autoscaling on queue depth", "circuit breaking"],
    "region": ["eu-central", "eu-west", "us-east", "ap-south"],
    "dependency": ["database", "cache", "message queue", "identity provider", "object store",
                   "feature-flag service"],
    "store": ["PostgreSQL", "Redis", "Elasticsearch", "object store", "Kafka", "MySQL"],
    "weekday": ["Monday", "Tuesday", "Wednesday", "Thursday", "Friday"],
    "month": ["January", "February", "March", "April", "May", "June", "July", "August",
              "September", "October", "November", "December"],
}

# (action text, verification steps, evidence kind)
ACTIONS = [
    ("Raise the {svc} p95 latency alert to {ms} ms",
     ["Chaos test in staging fires the {svc} latency alert", "Alert history shows no false pages for 14 days"], "ci"),
    ("Lower the {svc} error-budget burn alert window to {min} minutes",
     ["Burn-rate alert fires in the staging drill", "Alert rule change deployed and visible in the router"], "pr"),
    ("Add a synthetic probe for the {svc} {endpoint} endpoint",
     ["Probe shows green for 48 hours", "Probe failure pages the {svc} on-call in staging"], "grafana"),
    ("Rotate the {svc} {secret}",
     ["Vault audit log shows the rotation", "Old credential rejected in staging"], "ci"),
    ("Right-size the {svc} {infra} node pool",
     ["Cost report shows the {infra} pool {pct}% smaller", "p95 latency unchanged for a week after the resize"], "cost"),
    ("Automate the {svc} {task}",
     ["Runbook step replaced by a pipeline job", "Last three runs completed without manual steps"], "ci"),
    ("Document the {svc} {runbook} runbook",
     ["Runbook reviewed by the {svc} on-call", "Runbook linked from the alert annotation"], "wiki"),
    ("Backfill missing {svc} {metric} metrics for {month}",
     ["Dashboard shows no gaps for {month}", "Recording rule evaluated without errors"], "grafana"),
    ("Migrate {svc} {thing} to {target}",
     ["Old {thing} removed and the service healthy for 7 days", "Migration checklist signed off by {team}"], "pr"),
    ("Re-enable canary analysis for {svc} deploys",
     ["Canary blocks a deliberately bad {svc} deploy", "Last ten deploys went through canary analysis"], "ci"),
    ("Remove unused {svc} {resource}",
     ["Inventory report lists no orphaned {resource}", "Cost report shows the saving"], "cost"),
    ("Add a {metric} panel to the {svc} dashboard",
     ["Panel reviewed in the weekly review", "Panel links to the runbook"], "grafana"),
    ("Run a game day for {svc} {failure}",
     ["Game day report merged with findings", "Recovery met the documented RTO"], "wiki"),
    ("Write the postmortem for INC-{inc} on {svc} {symptom}",
     ["Postmortem merged and linked from the incident", "Postmortem reviewed by {team}"], "wiki"),
    ("Tag {svc} {resource} with cost-center labels",
     ["Cost explorer attributes all {svc} spend", "Untagged resource report is empty for {svc}"], "cost"),
    ("Patch CVE-{year}-{cve} in the {svc} {component}",
     ["Scanner reports no open finding for the CVE", "All {svc} pods run the patched build"], "ci"),
    ("Tighten {control} for {svc}",
     ["Quarterly control test passes", "Audit sample of ten changes shows the control applied"], "wiki"),
    ("Review the {svc} on-call escalation policy with {team}",
     ["Escalation policy updated in the paging tool", "Test page reaches the secondary within 5 minutes"], "pager"),
    ("Cap {svc} autoscaling at {n} replicas during {window}",
     ["Autoscaler config shows the cap", "No throttling alerts during the next {window}"], "pr"),
    ("Add rate limiting to the {svc} {endpoint} endpoint",
     ["Load test shows 429s above the limit", "No customer complaints about throttling for 14 days"], "ci"),
    ("Split the {svc} {alert} alert into warning and page tiers",
     ["Warning tier routes to chat only", "Page volume for {svc} down week over week"], "pr"),
    ("Move the {svc} {job} off the shared {infra} pool",
     ["Shared pool saturation below 70% during the job", "Job runs on its own pool for a week"], "grafana"),
    ("Reduce {svc} log retention to {days} days",
     ["Storage report shows the reduced footprint", "Compliance owner signed off"], "cost"),
    ("Enable {feature} on {svc} in {region}",
     ["Feature visible in the {region} config", "Error ratio unchanged after rollout"], "pr"),
    ("Add a readiness check for the {svc} {dependency}",
     ["Pods stay unready while the {dependency} is down in staging", "Deploy with a broken {dependency} is rolled back"], "ci"),
    ("Restore-test the {svc} {store} backup",
     ["Restore completed within the RTO", "Checksums of the restored data match"], "ci"),
    ("Pin the {svc} base image to a patched digest",
     ["Image scan clean for the pinned digest", "Renovate opens updates for the digest"], "pr"),
    ("Add an SLO for {svc} {endpoint} latency",
     ["SLO visible in the SLO dashboard", "Burn-rate alert configured for the new SLO"], "grafana"),
    ("Investigate {svc} {symptom} after the {weekday} deploy",
     ["Root cause written up in the incident ticket", "Fix deployed and the symptom gone for 7 days"], "jira"),
    ("Clean up stale {svc} feature flags",
     ["Flag report lists no flags older than 90 days for {svc}", "Cleanup change merged"], "pr"),
    ("Schedule {svc} {store} maintenance outside peak hours",
     ["Maintenance window visible in the change calendar", "No latency alerts during the next window"], "jira"),
    ("Train the on-call rotation on {svc} {failure}",
     ["Every on-call engineer completed the drill", "Drill notes added to the runbook"], "wiki"),
    ("Alert on {svc} certificate expiry {days} days ahead",
     ["Alert fires for a test certificate in staging", "Certificate inventory lists every {svc} endpoint"], "pr"),
    ("Review {svc} IAM roles for unused permissions",
     ["Access analyzer shows no unused permissions", "Role changes approved by the security team"], "jira"),
    ("Set a budget alert for {svc} {resource} spend",
     ["Budget alert fires at 80% in the test account", "Alert routed to the {svc} owner"], "cost"),
    ("Add {svc} {metric} to the capacity forecast",
     ["Forecast sheet includes the metric", "Forecast reviewed in the monthly review"], "wiki"),
    ("Shorten the {svc} deploy rollback time below {min} minutes",
     ["Rollback drill finished within the target", "Rollback runbook updated with timings"], "ci"),
    ("Replace the {svc} {dependency} client retries with backoff and jitter",
     ["Retry storm test in staging stays below the limit", "Retry rate panel flat after the change"], "pr"),
]

URLS = {
    "ci": "https://ci.example.com/runs/{n}",
    "pr": "https://git.example.com/platform/{svc}/pull/{n}",
    "grafana": "https://grafana.example.com/d/{svc}-{n}",
    "wiki": "https://wiki.example.com/ops/{svc}/{n}",
    "cost": "https://cost.example.com/reports/{svc}/{n}",
    "pager": "https://pager.example.com/policies/{svc}-{n}",
    "jira": "https://jira.example.com/browse/OPS-{n}",
}

TUNING = [
    ("Lower the {svc} disk alert threshold to {pct}%", "two near-misses started above that level"),
    ("Raise the {svc} p95 page threshold to {ms} ms", "the old threshold paged on harmless batch spikes"),
    ("Require two approvers for {svc} production deploys", "the near-miss on {svc} shipped with a single review"),
    ("Shorten the {svc} certificate renewal lead time to {days} days", "the last renewal finished with two days to spare"),
    ("Move the {svc} {alert} alert from page to ticket", "it paged {n} times this month without a customer impact"),
    ("Add a weekly restore test for the {svc} {store} backup", "the monthly test missed a broken snapshot for three weeks"),
    ("Extend break-glass logging to {svc}", "the access review could not reconstruct two sessions"),
    ("Drop the {svc} synthetic probe in {region}", "it duplicates the regional probe and costs alert noise"),
    ("Tighten the {svc} WAF rate rule to {n} requests per minute", "the scraping near-miss peaked above the old limit"),
    ("Run {svc} chaos experiments monthly instead of quarterly", "two regressions slipped through between game days"),
]
COMMITMENTS = [
    ("Cut {svc} p95 latency by {pct}%", "p95 under {ms} ms for 28 consecutive days"),
    ("Bring {svc} availability to 99.95%", "28-day availability at or above 99.95% at quarter end"),
    ("Reduce {svc} compute spend by {pct}%", "monthly {svc} spend at least {pct}% below the quarter baseline"),
    ("Halve out-of-hours pages for {svc}", "fewer than {n} out-of-hours pages in the last month of the quarter"),
    ("Close every {svc} high-severity finding within 14 days", "no high-severity finding older than 14 days at quarter end"),
    ("Automate the {svc} {task}", "zero manual runs of the {task} in the last six weeks"),
    ("Keep the action closure rate above 85%", "closure rate from the cadence report at or above 0.85"),
    ("Restore-test every tier-one {store} backup", "restore report for each tier-one store dated this quarter"),
    ("Shorten the {svc} deploy lead time to under a day", "median lead time below 24 hours for the last 30 deploys"),
]
LOCKS = [
    "Action closure rate stays at or above 0.8 ({opslint} lock)",
    "Missed reviews stay at zero ({opslint} lock)",
    "{svc} p95 latency may not exceed {ms} ms for more than 3 days without an incident",
    "{svc} availability stays at or above 99.9% over 28 days",
    "Monthly cloud spend stays within 5% of forecast",
    "No high-severity security finding older than 30 days",
    "Every tier-one backup restore-tested in the last 90 days",
    "Canary analysis enabled for every {svc} deploy",
]
PREREAD = {
    "weekly": ["SLO dashboards updated with 7-day and 28-day baselines",
               "Security findings triaged with severity and ownership",
               "Cost report refreshed with week-over-week deltas",
               "Autonomy log exported (autoscaler and auto-remediation runs)",
               "Open actions from last week updated in place",
               "Incident timelines drafted for every SEV2 or worse",
               "On-call handover notes read"],
    "monthly": ["Monthly SLA report attached", "Budget burn exported from the cost tool",
                "Postmortems of the month linked", "Control test results collected",
                "Backlog sorted by risk reduction", "Risk register owners pinged for updates"],
    "quarterly": ["Quarter scorecard drafted", "Regression list compiled from the monthly reviews",
                  "Last quarter's commitments scored", "Cadence health report exported",
                  "Budget variance for the quarter attached"],
}
RISK_TITLES = [
    "Payments DB credential leak", "Single-region dependency for checkout", "Certificate expiry on edge proxies",
    "Untested backup restore for the ledger", "Key-person dependency on the billing pipeline",
    "CDN vendor outage", "Kafka cluster disk exhaustion", "DNS provider single point of failure",
    "Unpatched base images in production", "Alert fatigue in the on-call rotation",
    "Runaway autoscaling cost", "Secrets committed to repositories", "Stale privileged access",
    "Identity provider outage", "Data loss in the ingestion queue", "Search index corruption",
    "Third-party payment API rate limits", "Insufficient capacity for sale events",
    "Unowned legacy cron jobs", "Log pipeline dropping security events", "Cross-region latency for EU users",
    "Failover never exercised for inventory", "Vendor lock-in on the managed queue",
    "Expired support contract for the load balancers", "Schema migrations without rollback",
    "Shadow IT SaaS with customer data", "Insider misuse of break-glass accounts",
    "Regulatory retention gaps in the ledger", "Dependency confusion in the build pipeline",
    "GPU quota exhaustion for recommendations", "Observability vendor price increase",
    "Clock skew breaking token validation", "Unbounded queue growth in messaging",
    "Customer data in debug logs", "Single on-call engineer for the data platform",
    "End-of-life Kubernetes version", "Stale runbooks for partial outages",
    "Ransomware on build agents", "Quota limits on the object store", "Feature flag drift between regions",
    "Missing rate limits on public APIs", "Email deliverability for notifications",
    "Manual steps in the release process", "Cost anomaly detection blind spots",
    "Dependency on a deprecated TLS cipher suite",
]
RISK_CONTROLS = [
    "quarterly rotation and vault audit alerts", "documented failover runbook and yearly drill",
    "expiry alerts 30 days ahead", "monthly restore test", "pairing rota and written runbooks",
    "multi-CDN DNS steering", "disk alerts at 80% and retention caps", "secondary DNS provider",
    "weekly image rebuilds and scanner gates", "alert review in the weekly ops review",
    "autoscaling ceilings and budget alerts", "pre-commit secret scanning", "quarterly access reviews",
    "cached sessions and status page runbook", "dead-letter queue with alerting",
    "nightly index snapshot", "client-side rate limiting and backoff", "load tests before each sale",
]

WEEKLY_HEADS = ["SLO & reliability signals", "Cost deltas", "Security events", "Autonomy actions",
                "Actions & owners"]
WEEKLY_BOX = [10, 10, 10, 5, 10]
MONTHLY_HEADS = ["SLA/SLO trends and exceptions", "Budget burn vs forecast",
                 "Near-miss and incident postmortem synthesis", "Control effectiveness review",
                 "Prioritized improvement backlog updates", "Control tuning decisions", "Actions"]
MONTHLY_BOX = [10, 10, 10, 10, 5, 10, 5]
QUARTERLY_HEADS = ["What improved", "What regressed", "Tuning decisions",
                   "Commitments for next quarter", "Regression locks", "Actions"]
QUARTERLY_BOX = [15, 15, 15, 20, 10, 15]

WORD_RE = re.compile(r"[a-z]+")


def wordset(text):
    return frozenset(WORD_RE.findall(text.lower()))


def capfirst(s):
    return s[:1].upper() + s[1:]


def jaccard(a, b):
    if not a and not b:
        return 1.0
    return len(a & b) / len(a | b)


# --------------------------------------------------------------------------- model

class Counter:
    def __init__(self, start):
        self.v = start

    def next(self, rng, lo=1, hi=3):
        self.v += rng.randint(lo, hi)
        return self.v


class Action:
    __slots__ = ("period", "index", "aid", "text", "owner", "due", "verify", "ev_kind", "svc",
                 "status", "evidence", "entry", "link_backlog")

    def __init__(self, period, index, text, owner, due, verify, ev_kind, svc):
        self.period = period
        self.index = index
        self.aid = "A%d" % index
        self.text = text
        self.owner = owner
        self.due = due
        self.verify = verify
        self.ev_kind = ev_kind
        self.svc = svc
        self.status = "open"
        self.evidence = ""
        self.entry = None
        self.link_backlog = False


class Entry:
    __slots__ = ("num", "title", "status", "owner", "source", "due", "verify",
                 "evidence", "closed", "text")

    def __init__(self, num, title, owner, source, due, verify):
        self.num = num
        self.title = title
        self.status = "open"
        self.owner = owner
        self.source = source
        self.due = due
        self.verify = verify
        self.evidence = ""
        self.closed = None
        self.text = None

    def render(self):
        if self.text is None:
            lines = ["## IB-%d %s" % (self.num, self.title),
                     "- Status: %s" % self.status,
                     "- Owner: @%s" % self.owner,
                     "- Source: %s" % self.source]
            if self.due:
                lines.append("- Due: %s" % self.due.isoformat())
            lines.append("- Verification: %s" % self.verify)
            if self.evidence:
                lines.append("- Evidence: %s" % self.evidence)
            if self.closed:
                lines.append("- Closed: %s" % self.closed.isoformat())
            self.text = ("\n".join(lines) + "\n\n").encode()
        return self.text

    def closed_state(self):
        return self.status in ("done", "wont-do")


class Period:
    def __init__(self, kind, name, date):
        self.kind = kind
        self.name = name
        self.date = date
        self.folder = "%s/%s" % (ROOTS[kind], name)
        self.skipped = False
        self.actions = []
        self.minutes = None
        self.prev = None        # previous period of the same kind (weekly only)


# --------------------------------------------------------------------------- generator

class Generator:
    def __init__(self, years, seed):
        self.rng = random.Random("sched-%d" % seed)
        self.trng = random.Random("text-%d" % seed)
        self.incident = Counter(1000)
        self.run_id = Counter(20000)
        self.cutoff = local_ts(NOW - DAY, 20, 0)
        end_monday = D.fromisocalendar(LAST_WEEK[0], LAST_WEEK[1], 1)
        first = end_monday + 7 * DAY - dt.timedelta(days=round(years * 365.2425))
        first += dt.timedelta(days=(7 - first.weekday()) % 7)      # next Monday
        self.start = first
        self.end_monday = end_monday
        self.events = []
        self.seq = 0
        self.recent = []        # (date, wordset) of recent action texts
        # repository state
        self.files = {}
        self.entries = []       # Entry, ordered by num
        self.entry_bytes = []
        self.next_ib = 1
        self.pending = {}       # entry num -> (entry, changes)
        self.blocked = []
        self.standalone = []    # (entry, close date)
        self.risks = []
        self.risk_titles = list(RISK_TITLES)
        self.rng.shuffle(self.risk_titles)
        self.last_weekly = None

    # ---------------------------------------------------------------- helpers
    def ev(self, ts, kind, author, *payload):
        self.seq += 1
        self.events.append((ts, self.seq, kind, author, payload))

    def url(self, kind, svc):
        return URLS[kind].format(svc=svc, n=self.run_id.next(self.trng, 1, 40))

    def fill(self, template, svc, date, rng, vals=None):
        """Fill a template's slots; pass the same vals dict to reuse choices across templates."""
        if vals is None:
            vals = {}
        if "{month}" in template and "month" not in vals:    # backfills are for the last month
            vals["month"] = SLOTS["month"][(date - 20 * DAY).month - 1]
        for k, v in SLOTS.items():
            if k not in vals and "{" + k + "}" in template:
                vals[k] = rng.choice(v)
        if "svc" not in vals:
            vals.update(svc=svc, ms=rng.choice([250, 300, 400, 500, 600, 800, 1200]),
                        min=rng.choice([5, 10, 15, 30, 60]), pct=rng.choice([10, 15, 20, 25, 30, 40]),
                        n=rng.choice([3, 4, 6, 8, 12, 20, 40, 200]), days=rng.choice([7, 14, 21, 30, 45]),
                        year=date.year - rng.randint(0, 1), cve=rng.randint(1000, 49999),
                        inc=1000 + int((date - self.start).days * 0.7) + rng.randint(0, 9),
                        opslint="opslint")
        return template.format(**vals)

    # ---------------------------------------------------------------- schedule
    def build(self):
        rng = self.rng
        periods = []
        # weekly
        d = self.start
        prev = None
        while d <= self.end_monday:
            y, w, _ = d.isocalendar()
            p = Period("weekly", "%d-%02d" % (y, w), d + DAY)   # Tuesday
            p.prev = prev
            christmas = D(p.date.year, 12, 23) <= p.date <= D(p.date.year, 12, 29)
            if prev is not None and (christmas or rng.random() < 0.002):
                p.skipped = True
            periods.append(p)
            prev = p
            d += 7 * DAY
        last_tuesday = periods[-1].date
        # monthly: second Thursday of each month starting on or after the cadence start
        y, m = self.start.year, self.start.month
        if self.start.day > 1:
            y, m = (y + 1, 1) if m == 12 else (y, m + 1)
        while True:
            first = D(y, m, 1)
            thu = first + dt.timedelta(days=(3 - first.weekday()) % 7) + 7 * DAY
            if thu > last_tuesday:
                break
            periods.append(Period("monthly", "%d-%02d" % (y, m), thu))
            y, m = (y + 1, 1) if m == 12 else (y, m + 1)
        # quarterly: third Wednesday of the quarter's last month
        q0 = (self.start.month - 1) // 3
        y, q = self.start.year, q0 + 1
        if D(y, 3 * q0 + 1, 1) < self.start:
            y, q = (y + 1, 1) if q == 4 else (y, q + 1)
        while True:
            first = D(y, 3 * q, 1)
            wed = first + dt.timedelta(days=(2 - first.weekday()) % 7) + 14 * DAY
            if wed > last_tuesday:
                break
            periods.append(Period("quarterly", "%d-Q%d" % (y, q), wed))
            y, q = (y + 1, 1) if q == 4 else (y, q + 1)
        periods.sort(key=lambda p: (p.date, p.kind))
        self.periods = periods

        init_ts = local_ts(self.start - 7 * DAY, 10, 12)
        self.ev(init_ts, "init", "dana")
        for p in periods:
            self.schedule_period(p)
        # backlog grooming: about two sessions a week
        d = self.start
        while d <= NOW:
            for _ in range(2 if rng.random() < 0.8 else 1):
                day = d + rng.randint(0, 4) * DAY
                ts = local_ts(day, rng.randint(9, 17), rng.randint(0, 59), rng.randint(0, 59))
                self.ev(ts, "groom", rng.choice(active_people(day)))
            d += 7 * DAY
        self.events = [e for e in self.events if e[0] <= self.cutoff]
        self.events.sort(key=lambda e: (e[0], e[1]))

    def schedule_period(self, p):
        rng = self.rng
        people = active_people(p.date)
        p.chair = chair_for(p.date)
        others = [h for h in people if h != p.chair]
        rng.shuffle(others)
        p.participants = [p.chair] + others[:rng.randint(3, min(5, len(others)))]
        box = TIMEBOX[p.kind]
        p.duration = rng.choice([box - 15, box - 10, box - 5, box, box, box])
        start = local_ts(p.date, 15, 0)
        p.end_ts = start + 60 * p.duration
        if p.skipped:
            ts = local_ts(p.date, rng.randint(8, 11), rng.randint(0, 59))
            self.ev(ts, "skip", p.chair, p)
            return
        # publication: mostly the same evening, otherwise the next morning, always < 20 h
        if rng.random() < 0.7:
            pub = p.end_ts + rng.randint(15 * 60, 3 * 3600)
        else:
            pub = min(local_ts(p.date + DAY, rng.randint(8, 10), rng.randint(0, 59)),
                      p.end_ts + 20 * 3600 - 600)
        p.pub_ts = pub
        p.scribe = rng.choice(p.participants[:3])
        self.ev(pub, "minutes", p.scribe, p)
        if rng.random() < 0.55:     # small amendment within the amend window
            self.ev(pub + rng.randint(2 * 3600, 6 * 86400), "amend", p.scribe, p)
        if p.kind == "monthly":
            self.ev(pub + rng.randint(3600, 36 * 3600), "risk", p.chair, p)

        # actions
        n = rng.choice([3, 3, 4, 4, 4, 5, 5, 6]) if p.kind == "weekly" else rng.randint(4, 6)
        p.form = "table" if rng.random() < (0.75 if p.date.year < 2021 else 0.4) else "tasks"
        p.sep = rng.choice([";", ","])
        p.dash = rng.choice([" — ", " — ", " -- "])
        p.verify_key = rng.choice(["verify", "verify", "verification"])
        p.explicit_status = rng.random() < 0.5
        p.intro = rng.random() < 0.5
        p.explicit_ids = p.form == "table" or rng.random() < 0.8
        p.headers = (rng.choice(["Due", "Due", "Due date"]),
                     rng.choice(["Verification", "Verification", "Verify", "Verification step"]))
        horizon = {"weekly": (3, 14), "monthly": (7, 35), "quarterly": (14, 60)}[p.kind]
        for i in range(1, n + 1):
            a = self.make_action(p, i, horizon)
            p.actions.append(a)
            self.schedule_action(p, a)

    def make_action(self, p, i, horizon):
        rng = self.rng
        self.recent = [(d, w) for d, w in self.recent if (p.date - d).days <= 100]
        for _ in range(60):
            tmpl, verifs, ev_kind = rng.choice(ACTIONS)
            svc = rng.choice(SERVICES)
            vals = {}
            text = self.fill(tmpl, svc, p.date, rng, vals)
            ws = wordset(text)
            if all(jaccard(ws, w) < 0.7 for _, w in self.recent):
                break
        self.recent.append((p.date, ws))
        verify = self.fill(rng.choice(verifs), svc, p.date, rng, vals)
        owner = rng.choice(p.participants)
        due = p.date + rng.randint(*horizon) * DAY
        a = Action(p, i, text, owner, due, verify, ev_kind, svc)
        a.link_backlog = p.form == "table" and rng.random() < 0.1
        return a

    def work_ts(self, day, earliest):
        rng = self.rng
        if day.weekday() >= 5 and rng.random() < 0.85:
            day += (7 - day.weekday()) * DAY
        ts = local_ts(day, rng.randint(9, 18), rng.randint(0, 59), rng.randint(0, 59))
        return max(ts, earliest + rng.randint(1800, 4 * 3600))

    def between(self, lo, hi):
        """A time strictly between lo and hi, in office hours when the span allows it."""
        rng = self.rng
        ts = rng.randint(lo + 1800, hi - 1800)
        d = local_date(ts)
        w = local_ts(d, rng.randint(8, 18), rng.randint(0, 59), rng.randint(0, 59))
        return w if lo + 1800 <= w <= hi - 1800 else ts

    def schedule_action(self, p, a):
        rng = self.rng
        pub = p.pub_ts
        due = a.due
        r = rng.random()
        outcome = "straggler" if r < 0.006 else "dropped" if r < 0.036 else "done"
        final_due = due
        extend = rng.random() < 0.2
        if extend:
            final_due = due + rng.randint(5, 14) * DAY
        if rng.random() < 0.85:
            close_day = p.date + rng.randint(1, max(1, (final_due - p.date).days)) * DAY
        else:
            close_day = final_due + rng.randint(1, 14) * DAY
        close_ts = self.work_ts(close_day, pub)
        if outcome == "straggler":
            close_ts = None
        span_end = close_ts if close_ts else pub + 30 * 86400
        if extend:
            lim = min(span_end, local_ts(due, 18))
            if lim - pub > 7200:
                ts = self.between(pub, lim)
                self.ev(ts, "act", a.owner, a, {"due": final_due}, rng.random() < 0.4)
            else:
                a.due = final_due   # extended before the meeting notes went out
        if rng.random() < 0.9 and span_end - pub > 7200:
            ts = self.between(pub, span_end)
            # backlog follows in the same commit (True), at the next grooming (False) or never (None)
            sync = True if rng.random() < 0.12 else (None if rng.random() < 0.7 else False)
            self.ev(ts, "act", a.owner, a, {"status": "in-progress"}, sync)
        if rng.random() < 0.15 and span_end - pub > 7200:
            ts = self.between(pub, span_end)
            new_owner = rng.choice([h for h in active_people(p.date) if h != a.owner])
            self.ev(ts, "act", new_owner, a, {"owner": new_owner}, rng.random() < 0.5)
        if close_ts is None:
            return
        if outcome == "done":
            self.ev(close_ts, "act", None, a, {"status": "done"}, rng.random() < 0.27)
            if rng.random() < 0.2:
                self.ev(self.work_ts(local_date(close_ts) + rng.randint(1, 10) * DAY, close_ts), "act", None, a,
                        {"evidence": "refresh"}, False)
        else:
            self.ev(close_ts, "act", None, a, {"status": "dropped"}, rng.random() < 0.27)

    # ---------------------------------------------------------------- content
    def render_minutes(self, p):
        r = self.trng
        out = ["---", "review: %s" % p.kind, "date: %s" % p.date.isoformat(), 'time: "15:00"',
               "timezone: %s" % TZ_NAME, 'chair: "@%s"' % p.chair,
               "participants: [%s]" % ", ".join('"@%s"' % h for h in p.participants),
               "duration: %d" % p.duration, "---",
               "# %s %s" % (TITLES[p.kind], p.name), "", "## Pre-read checklist"]
        items = PREREAD[p.kind]
        k = r.randint(2, 4)
        for it in sorted(r.sample(range(len(items)), k)):
            out.append("- [x] " + items[it])
        out.append("")
        style = r.choice(["numbered", "numbered", "plain", "paren"]) if p.date.year >= 2019 else \
            r.choice(["plain", "plain", "numbered"])
        heads, boxes = {"weekly": (WEEKLY_HEADS, WEEKLY_BOX), "monthly": (MONTHLY_HEADS, MONTHLY_BOX),
                        "quarterly": (QUARTERLY_HEADS, QUARTERLY_BOX)}[p.kind]
        bodies = getattr(self, "body_" + p.kind)(p)
        for i, (h, b) in enumerate(zip(heads, boxes)):
            if style == "plain":
                title = h.replace("&", "and") if r.random() < 0.3 else h
                out.append("## %s" % title)
            elif style == "paren":
                out.append("## %d) %s" % (i + 1, h))
            else:
                out.append("## %d. %s (%d min)" % (i + 1, h, b))
            out.extend(bodies[i])
            out.append("")
        if r.random() < 0.2:
            out.append("## Notes")
            out.append(self.note_line(p))
            out.append("")
        out.append("## Evidence")
        out.extend(self.evidence_lines(p))
        return "\n".join(out) + "\n"

    def svc_pick(self, k):
        return self.trng.sample(SERVICES, k)

    def inc(self):
        return "INC-%d" % self.incident.next(self.trng, 1, 3)

    def note_line(self, p):
        r = self.trng
        return r.choice([
            "Next review chaired by @%s while @%s is on leave." % (r.choice(p.participants), p.chair),
            "The on-call handover moves to Monday mornings from next week.",
            "Dashboards were slow during the review; tracked with the observability team.",
            "Reminder: every new action needs a backlog entry before the notes are merged.",
            "Guests from %s joined for the %s item." % (r.choice(SLOTS["team"]), r.choice(SERVICES)),
            "The review ran short; the autonomy item was discussed asynchronously in chat.",
        ])

    def body_weekly(self, p):
        r = self.trng
        s1, s2, s3 = self.svc_pick(3)
        slo = [
            "%s availability %.2f%% against a 99.9%% objective over 28 days; %d%% of the error budget left." %
            (s1.capitalize(), r.uniform(99.86, 99.99), r.randint(20, 95)),
            "p95 latency for %s at %d ms, %d ms %s week over week%s." %
            (s2, r.randint(90, 900), r.randint(2, 80), r.choice(["up", "down"]),
             r.choice(["", " after the %s deploy" % r.choice(SLOTS["weekday"]), " with the cache change"])),
            "%d pages this week (%d out of hours); the noisiest was the %s %s alert." %
            (r.randint(2, 30), r.randint(0, 9), s3, r.choice(SLOTS["alert"])),
            "%s error ratio peaked at %.1f%% on %s and recovered after rollback (%s)." %
            (s3.capitalize(), r.uniform(0.5, 9), r.choice(SLOTS["weekday"]), self.inc()),
            "Synthetic checks for %s failed %d times from %s; traced to a %s." %
            (s1, r.randint(2, 12), r.choice(SLOTS["region"]), r.choice(["DNS hiccup", "probe bug", "certificate chain change", "slow dependency"])),
            "No SLO breaches; every burn-rate alert stayed below the page threshold.",
        ]
        cost = [
            "Compute spend EUR %dk, %d%% %s forecast; %s." %
            (r.randint(40, 400), r.randint(1, 12), r.choice(["above", "below"]),
             r.choice(["driven by %s batch jobs" % s2, "the load-test cluster is still up",
                       "savings from the %s right-sizing landed" % s1, "spot interruptions pushed work to on-demand"])),
            "Storage grew %d%% week over week, mostly %s %s." % (r.randint(1, 9), s2, r.choice(SLOTS["resource"])),
            "Reserved-instance coverage at %d%%; the savings plan renewal is due in %d weeks." %
            (r.randint(55, 92), r.randint(2, 20)),
            "Data transfer cost %s EUR %.1fk after %s." % (r.choice(["up", "down"]), r.uniform(0.5, 9),
                                                             r.choice(["the CDN change", "moving %s to %s" % (s3, r.choice(SLOTS['region']))])),
            "No material cost deltas this week.",
        ]
        sec = [
            "%d new scanner findings triaged; %d high severity, assigned to @%s." %
            (r.randint(2, 40), r.randint(0, 4), r.choice(p.participants)),
            "CVE-%d-%d affects the %s %s; the patch is rolled out to %d%% of pods." %
            (p.date.year, r.randint(1000, 40000), s1, r.choice(SLOTS["component"]), r.randint(30, 100)),
            "Phishing report from %s contained; no customer impact (%s)." % (r.choice(SLOTS["team"]), self.inc()),
            "No security incidents this week.",
            "Access review for %s production found %d stale accounts; all removed." % (s2, r.randint(1, 6)),
        ]
        auto = [
            "The autoscaler made %d scale-out and %d scale-in decisions, all within policy." %
            (r.randint(5, 200), r.randint(5, 200)),
            "Auto-remediation `%s` ran %d times; %s escalated to on-call." %
            (r.choice(SLOTS["runbook"]).replace(" ", "-"), r.randint(2, 30),
             r.choice(["none", "one run", "two runs", "three runs"])),
            "The deploy bot promoted %d canaries and halted %d (%s)." % (r.randint(10, 90), r.randint(0, 4), s3),
            "Self-healing restarted %d pods on %s; the root cause is tracked as an action." % (r.randint(3, 60), s1),
        ]
        n_open = len(p.actions)
        acts = ["See [actions](actions.md)."]
        if r.random() < 0.3:
            acts.append("%d new actions agreed; owners confirmed them before the end of the review." % n_open)
        return [self.items(slo, 1, 2), self.items(cost, 1, 2), self.items(sec, 1, 2),
                self.items(auto, 1, 2), acts]

    def items(self, pool, lo, hi):
        r = self.trng
        chosen = r.sample(pool, r.randint(lo, hi))
        if r.random() < 0.75:
            return ["- " + c for c in chosen]
        return [" ".join(chosen)]

    def body_monthly(self, p):
        r = self.trng
        s = self.svc_pick(4)
        trends = [
            "All SLAs met; %s missed its latency SLO on %d days (%s)." % (s[0], r.randint(1, 5), self.inc()),
            "%s availability %.2f%% for the month against 99.9%%; %s %.2f%%." %
            (s[1].capitalize(), r.uniform(99.85, 99.99), s[2], r.uniform(99.9, 99.999)),
            "Error budget consumption highest for %s (%d%%), lowest for %s (%d%%)." %
            (s[3], r.randint(40, 95), s[0], r.randint(1, 20)),
            "One SLA exception agreed with customer support for the %s outage window." % s[2],
        ]
        budget = [
            "Burn at %d%% of forecast; %s." % (r.randint(88, 112), r.choice([
                "the variance is the %s migration" % s[1], "reserved capacity covers the growth",
                "spot savings offset the storage growth"])),
            "Forecast for next month raised by EUR %dk for %s." % (r.randint(3, 40), r.choice(SLOTS["window"])),
            "Unallocated spend down to %d%% after tagging." % r.randint(1, 12),
        ]
        nearmiss = [
            "%d near-misses this month, %d caught by canaries and %d by synthetic probes." %
            (r.randint(1, 6), r.randint(0, 3), r.randint(0, 3)),
            "Postmortems for %s and %s share a theme: %s." %
            (self.inc(), self.inc(), r.choice(["missing readiness checks", "retry storms against a slow dependency",
                                               "alerts routed to an unowned channel", "manual steps during failover"])),
            "The %s near-miss on %s would have breached the SLA within %d minutes." %
            (r.choice(SLOTS["symptom"]), s[3], r.randint(5, 60)),
        ]
        controls = [
            "Access reviews completed on time for %d of %d systems." % (r.randint(10, 14), 14),
            "Backup restore tests passed for %s; %s restore took %d minutes longer than the RTO." %
            (s[0], s[1], r.randint(5, 40)),
            "Deploy approvals enforced on %d%% of production changes." % r.randint(92, 100),
            "Secrets scanning blocked %d commits; no leaked credential reached main." % r.randint(0, 9),
        ]
        recent = [e for e in self.entries[-60:] if not e.closed_state()]
        ids = ", ".join("IB-%d" % e.num for e in r.sample(recent, min(len(recent), 3))) if recent else "none"
        backlog = [
            "Promoted %s to the top of the backlog." % ids,
            "%d entries closed this month; median age of open entries %d days." % (r.randint(5, 25), r.randint(10, 60)),
        ]
        tuning = []
        for tmpl, why in r.sample(TUNING, r.randint(1, 3)):
            svc = r.choice(SERVICES)
            vals = {}
            tuning.append("- %s — rationale: %s." % (self.fill(tmpl, svc, p.date, r, vals),
                                                      self.fill(why, svc, p.date, r, vals)))
        acts = ["See [actions](actions.md)."]
        return [self.items(trends, 1, 3), self.items(budget, 1, 2), self.items(nearmiss, 1, 2),
                self.items(controls, 1, 3), self.items(backlog, 1, 2), tuning, acts]

    def body_quarterly(self, p):
        r = self.trng
        s = self.svc_pick(4)
        improved = [
            "Deploy frequency up %d%% with no rise in change failure rate." % r.randint(10, 120),
            "%s p95 latency down from %d ms to %d ms." % (s[0].capitalize(), r.randint(400, 900), r.randint(150, 390)),
            "Action closure rate %d%% (last quarter %d%%)." % (r.randint(82, 97), r.randint(70, 90)),
            "Out-of-hours pages down %d%% after the alert tiering work." % r.randint(10, 60),
        ]
        regressed = [
            "%s availability slipped to %.2f%% (%s)." % (s[1].capitalize(), r.uniform(99.7, 99.9), self.inc()),
            "Cloud spend %d%% over forecast, mostly %s." % (r.randint(2, 15), s[2]),
            "Median time to close high-severity findings grew to %d days." % r.randint(10, 30),
        ]
        tuning = [
            "Canary thresholds tightened for %s and %s." % (s[0], s[3]),
            "Error-budget policy now freezes %s feature deploys at 10%% budget left." % s[1],
            "The weekly review drops the autonomy item to 5 minutes unless a run escalated.",
        ]
        commits = []
        for tmpl, measure in r.sample(COMMITMENTS, r.randint(2, 4)):
            svc = r.choice(SERVICES)
            vals = {}
            commits.append("- %s — measure: %s." % (self.fill(tmpl, svc, p.date, r, vals),
                                                     self.fill(measure, svc, p.date, r, vals)))
        locks = ["- " + capfirst(self.fill(l, r.choice(SERVICES), p.date, r)) + "."
                 for l in r.sample(LOCKS, r.randint(1, 3))]
        acts = ["See [actions](actions.md)."]
        return [self.items(improved, 2, 3), self.items(regressed, 1, 2), self.items(tuning, 1, 2),
                commits, locks, acts]

    def evidence_lines(self, p):
        r = self.trng
        svc = r.choice(SERVICES)
        lines = ["- SLO dashboard: https://grafana.example.com/d/slo-%s?to=%s" % (svc, p.date.isoformat()),
                 "- Incident %s" % self.inc()]
        if r.random() < 0.4:
            lines.append("- Cost report: https://cost.example.com/reports/%s/%s" % (p.kind, p.name))
        if r.random() < 0.25:
            lines.append("- Security triage: https://security.example.com/triage/%s" % p.name)
        return lines

    def render_actions(self, p):
        out = ["# Actions %s" % p.name, ""]
        if p.intro:
            out += ["Agreed on %s; updated in place." % p.date.isoformat(), ""]
        if p.form == "table":
            out.append("| ID | Action | Owner | %s | %s | Backlog | Status | Evidence |" % p.headers)
            out.append("|----|--------|-------|-----|--------------|---------|--------|----------|")
            for a in p.actions:
                bl = "IB-%d" % a.entry.num
                if a.link_backlog:
                    bl = "[%s](../../../../%s#ib-%d)" % (bl, BACKLOG_PATH, a.entry.num)
                out.append("| %s | %s | @%s | %s | %s | %s | %s | %s |" %
                           (a.aid, a.text, a.owner, a.due.isoformat(), a.verify, bl, a.status, a.evidence))
        else:
            sep = p.sep + " "
            for a in p.actions:
                box = "x" if a.status in ("done", "dropped") else " "
                fields = ["owner: @%s" % a.owner, "due: %s" % a.due.isoformat(),
                          "%s: %s" % (p.verify_key, a.verify), "backlog: IB-%d" % a.entry.num]
                if a.status in ("in-progress", "dropped") or p.explicit_status:
                    fields.append("status: %s" % a.status)
                if a.evidence:
                    fields.append("evidence: %s" % a.evidence)
                ident = (a.aid + " ") if p.explicit_ids else ""
                out.append("- [%s] %s%s%s%s" % (box, ident, a.text, p.dash, sep.join(fields)))
        prev = p.prev
        if prev is not None and not prev.skipped and prev.actions:
            still = sum(1 for a in prev.actions if a.status in ("open", "in-progress"))
            if still:
                out.append("")
                out.append("Carried over: %d open action%s from [%s](../%s/actions.md)." %
                           (still, "s" if still > 1 else "", prev.name, prev.name))
        return "\n".join(out) + "\n"

    def render_backlog(self):
        head = (b"# Improvement backlog\n\n"
                b"Every action agreed in the operating cadence has an entry here. Entries are never\n"
                b"deleted: finished work is marked done with its evidence, abandoned work wont-do.\n\n")
        return head + b"".join(self.entry_bytes)

    def render_risks(self):
        out = ["# Risk register", "",
               "Reviewed at every Monthly Risk Review; likelihood and impact on a 1-5 scale or low..critical.", ""]
        for k in self.risks:
            out += ["## R-%d %s" % (k["num"], k["title"]), "- Owner: @%s" % k["owner"],
                    "- Likelihood: %s" % k["likelihood"], "- Impact: %s" % k["impact"],
                    "- Status: %s" % k["status"], "- Reviewed: %s" % k["reviewed"].isoformat(),
                    "- Controls: %s" % k["controls"], ""]
        return "\n".join(out)

    def new_risk(self, d):
        r = self.trng
        words = r.random() < 0.5
        lik = r.choice(["low", "medium", "high"]) if words else str(r.randint(1, 4))
        imp = r.choice(["medium", "high", "critical"]) if words else str(r.randint(2, 5))
        ctl = r.choice(RISK_CONTROLS)
        if self.entries:
            ctl += " (IB-%d)" % r.choice(self.entries[-50:]).num
        self.risks.append({"num": len(self.risks) + 1, "title": self.risk_titles[len(self.risks) % len(self.risk_titles)],
                           "owner": r.choice(active_people(d)), "likelihood": lik, "impact": imp,
                           "status": "open", "reviewed": d, "controls": ctl})

    # ---------------------------------------------------------------- entries
    def add_entry(self, title, owner, source, due, verify):
        e = Entry(self.next_ib, title, owner, source, due, verify)
        self.next_ib += 1
        self.entries.append(e)
        self.entry_bytes.append(e.render())
        return e

    def touch(self, e):
        e.text = None
        self.entry_bytes[e.num - 1] = e.render()

    def apply_entry(self, e, ch):
        if e.closed_state():
            return False
        changed = False
        for k, v in ch.items():
            if k == "status" and v == "in-progress" and e.status not in ("open", "blocked"):
                continue
            if getattr(e, k) != v:
                setattr(e, k, v)
                changed = True
        if changed:
            self.touch(e)
        return changed

    @staticmethod
    def entry_changes(a, ch, d):
        out = {}
        if "status" in ch:
            if ch["status"] == "done":
                out.update(status="done", evidence=a.evidence, closed=d)
            elif ch["status"] == "dropped":
                out.update(status="wont-do", closed=d)
            else:
                out["status"] = "in-progress"
        if "due" in ch:
            out["due"] = ch["due"]
        if "owner" in ch:
            out["owner"] = ch["owner"]
        return out

    # ---------------------------------------------------------------- events
    def run(self, sink):
        emitted = {}    # path -> content last committed; a commit only lists real changes
        for ts, _, kind, author, payload in self.events:
            paths, msg, author = getattr(self, "do_" + kind)(ts, author, *payload)
            changed = []
            for path in paths or ():
                data = self.render_backlog() if path == BACKLOG_PATH else self.files[path]
                if emitted.get(path) != data:
                    emitted[path] = data
                    changed.append((path, data))
            if changed:
                sink.commit(ts, author, msg, changed)

    def do_init(self, ts, author):
        self.files[".opslint.yaml"] = (
            "# opslint configuration for the ops repo (SPEC section 6)\n"
            "cadence:\n  start: %s\n  timezone: %s\n"
            "publish_within_hours: 24\namend_window_days: 7\n"
            "owners: [%s]\n" % (self.start.isoformat(), TZ_NAME, ", ".join('"@%s"' % h for h, _, _, _ in PEOPLE)))
        self.files["README.md"] = (
            "# Operations\n\n"
            "Records of the operating cadence: the weekly Ops Review, the monthly Risk Review and\n"
            "the quarterly Optimization Review, kept under `ops/operations/`. Every action has an\n"
            "owner, a due date, a verification step and an entry in the\n"
            "[improvement backlog](docs/operations/IMPROVEMENT_BACKLOG.md). Risks live in the\n"
            "[risk register](docs/operations/RISK_REGISTER.md).\n\n"
            "Notes are published within 24 hours of the meeting. Skipped reviews get a `SKIPPED.md`\n"
            "with a rationale and a recovery plan. Nothing is deleted.\n")
        d = local_date(ts)
        for _ in range(5):
            self.new_risk(d)
        self.files[RISKS_PATH] = self.render_risks()
        self.files[BACKLOG_PATH] = None   # written from entry_bytes
        return ([".opslint.yaml", "README.md", RISKS_PATH, BACKLOG_PATH],
                "Start the ops repo: config, backlog and risk register", author)

    def do_skip(self, ts, author, p):
        r = self.trng
        why = r.choice(["Company holiday; no quorum.", "Company holiday week; most of the team is off.",
                        "Office closed between the holidays; no quorum for the review.",
                        "Team offsite; the review could not be held."])
        nxt = p.date + 7 * DAY
        text = ("---\nreview: weekly\ndate: %s\n---\n## Rationale\n%s\n\n## Recovery plan\n"
                "Signals reviewed asynchronously on %s by @%s; open actions carried to the next review on %s.\n"
                % (p.date.isoformat(), why, (p.date + DAY).isoformat(), p.chair, nxt.isoformat()))
        path = p.folder + "/SKIPPED.md"
        self.files[path] = text
        return [path], "weekly %s: skipped (%s)" % (p.name, why.rstrip(".").split(";")[0].lower()), author

    def do_minutes(self, ts, author, p):
        for a in p.actions:
            if p.kind == "monthly":
                src = "[%s/%s](../../%s/actions.md)" % (p.name, a.aid, p.folder)
            else:
                src = "%s/%s" % (p.name, a.aid)
            a.entry = self.add_entry(a.text, a.owner, src, a.due, a.verify)
        p.minutes = self.render_minutes(p)
        mp, ap = p.folder + "/minutes.md", p.folder + "/actions.md"
        self.files[mp] = p.minutes
        self.files[ap] = self.render_actions(p)
        if p.kind == "weekly":
            self.last_weekly = p
        msg = self.trng.choice(["%s %s: minutes and actions", "Publish %s review %s",
                                "%s review %s notes", "Add %s %s minutes, actions and backlog entries"])
        return [mp, ap, BACKLOG_PATH], msg % (p.kind, p.name), author

    def do_amend(self, ts, author, p):
        r = self.trng
        mp = p.folder + "/minutes.md"
        paths = [mp]
        if r.random() < 0.3:
            chart = "error-budget.svg"
            line = "- Error budget chart: [burn-down](%s)" % chart
            self.files[p.folder + "/" + chart] = (
                '<svg xmlns="http://www.w3.org/2000/svg" width="320" height="120">'
                '<polyline fill="none" stroke="black" points="%s"/></svg>\n' %
                " ".join("%d,%d" % (i * 32, r.randint(10, 110)) for i in range(11)))
            paths.append(p.folder + "/" + chart)
            msg = "%s: attach error budget chart" % p.name
        else:
            line = r.choice(["- Postmortem draft: https://wiki.example.com/postmortems/%s" % self.inc(),
                             "- Deploy log: https://ci.example.com/deploys/%d" % self.run_id.next(r),
                             "- Alert history: https://grafana.example.com/d/alerts?week=%s" % p.name])
            msg = "%s minutes: add missing evidence link" % p.name
        p.minutes = p.minutes + line + "\n"
        self.files[mp] = p.minutes
        return paths, msg, author

    def do_risk(self, ts, author, p):
        r = self.trng
        for k in self.risks:
            if k["status"] == "closed":
                continue
            k["reviewed"] = p.date
            x = r.random()
            if x < 0.04 and k["status"] == "open":
                k["status"] = "mitigating"
            elif x < 0.06 and k["status"] == "mitigating":
                k["status"] = r.choice(["closed", "accepted", "mitigating"])
            elif x < 0.10 and k["likelihood"].isdigit():
                k["likelihood"] = str(min(5, max(1, int(k["likelihood"]) + r.choice([-1, 1]))))
        if r.random() < 0.33 and len(self.risks) < 40:
            self.new_risk(p.date)
        self.files[RISKS_PATH] = self.render_risks()
        return [RISKS_PATH], "risk register: monthly review %s" % p.name, author

    def do_act(self, ts, author, a, ch, sync):
        p = a.period
        d = local_date(ts)
        if a.status in ("done", "dropped") and "evidence" not in ch:
            return None, None, None
        msg = None
        if "status" in ch:
            st = ch["status"]
            if st == "in-progress" and a.status != "open":
                return None, None, None
            a.status = st
            if st == "done":
                a.evidence = self.url(a.ev_kind, a.svc)
                msg = self.trng.choice(["%s/%s done", "Close %s/%s", "%s/%s: done, evidence attached",
                                        "Mark %s/%s done"]) % (p.name, a.aid)
            elif st == "dropped":
                msg = "%s/%s dropped: superseded" % (p.name, a.aid)
            else:
                msg = self.trng.choice(["%s/%s in progress", "Start %s/%s"]) % (p.name, a.aid)
        elif "due" in ch:
            a.due = ch["due"]
            msg = "%s/%s: move due date to %s" % (p.name, a.aid, a.due.isoformat())
        elif "owner" in ch:
            a.owner = ch["owner"]
            msg = "%s/%s: hand over to @%s" % (p.name, a.aid, a.owner)
        elif "evidence" in ch:
            if a.status != "done":
                return None, None, None
            a.evidence = self.url(a.ev_kind, a.svc)
            msg = "%s/%s: link the final verification run" % (p.name, a.aid)
        if author is None:
            author = a.owner
        ap = p.folder + "/actions.md"
        self.files[ap] = self.render_actions(p)
        paths = [ap]
        e = a.entry
        ech = self.entry_changes(a, ch, d)
        if ech:
            if sync:
                self.pending.pop(e.num, None)
                if self.apply_entry(e, ech):
                    paths.append(BACKLOG_PATH)
            elif sync is False:
                if e.num in self.pending:
                    self.pending[e.num][1].update(ech)
                else:
                    self.pending[e.num] = (e, ech)
        return paths, msg, author

    def do_groom(self, ts, author):
        r = self.trng
        d = local_date(ts)
        n = 0
        for e, ch in self.pending.values():
            n += self.apply_entry(e, ch)
        self.pending.clear()
        # unblock / block
        still = []
        for e in self.blocked:
            if e.status == "blocked" and r.random() < 0.5:
                n += self.apply_entry(e, {"status": "in-progress"})
            elif e.status == "blocked":
                still.append(e)
        self.blocked = still
        if r.random() < 0.2:
            cands = [e for e in self.entries[-150:] if e.status == "in-progress"]
            if cands:
                e = r.choice(cands)
                e.status = "blocked"
                self.touch(e)
                self.blocked.append(e)
                n += 1
        # standalone entries
        keep = []
        for e, close in self.standalone:
            if close <= d and not e.closed_state():
                n += self.apply_entry(e, {"status": "done", "evidence": self.url("wiki", "platform"), "closed": d})
            elif not e.closed_state():
                keep.append((e, close))
        self.standalone = keep
        if self.last_weekly is not None and r.random() < 0.05:
            tmpl, verifs, _ = r.choice(ACTIONS)
            svc = r.choice(SERVICES)
            vals = {}
            title = self.fill(tmpl, svc, d, r, vals)
            due = d + r.randint(30, 90) * DAY
            e = self.add_entry(title, author, self.last_weekly.name, due,
                               self.fill(r.choice(verifs), svc, d, r, vals))
            self.standalone.append((e, d + r.randint(10, 80) * DAY))
            n += 1
        if not n:
            return None, None, None
        return [BACKLOG_PATH], "backlog: grooming (%d update%s)" % (n, "s" if n > 1 else ""), author


# --------------------------------------------------------------------------- fast-import

class FastImport:
    """Backlog versions go straight to fast-import as consecutive blobs (so each is stored as
    a delta against the previous version); commits are buffered and written afterwards."""

    def __init__(self, repo):
        self.proc = subprocess.Popen(["git", "-C", repo, "fast-import", "--quiet", "--done",
                                      "--date-format=raw"], stdin=subprocess.PIPE)
        self.out = self.proc.stdin
        self.commits = []
        self.mark = 0
        self.count = 0
        self.backlog_commits = 0

    def blob(self, data):
        self.mark += 1
        self.out.write(b"blob\nmark :%d\ndata %d\n" % (self.mark, len(data)))
        self.out.write(data)
        self.out.write(b"\n")
        return self.mark

    def commit(self, ts, author, msg, changes):
        who = ("%s <%s@example.com> %d %s" % (NAMES[author], author, ts, tz_string(ts))).encode()
        msgb = msg.encode() + b"\n"
        buf = [b"commit refs/heads/main\nauthor ", who, b"\ncommitter ", who,
               b"\ndata %d\n" % len(msgb), msgb]
        for path, data in changes:
            if path == BACKLOG_PATH:
                m = self.blob(data)
                buf.append(b"M 100644 :%d %s\n" % (m, path.encode()))
                self.backlog_commits += 1
            else:
                data = data.encode()
                buf.append(b"M 100644 inline %s\ndata %d\n" % (path.encode(), len(data)))
                buf.append(data)
                buf.append(b"\n")
        buf.append(b"\n")
        self.commits.append(b"".join(buf))
        self.count += 1

    def finish(self):
        for c in self.commits:
            self.out.write(c)
        self.out.write(b"done\n")
        self.out.close()
        if self.proc.wait() != 0:
            raise SystemExit("gen_repo: git fast-import failed")


def main():
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("outdir")
    ap.add_argument("--years", type=float, default=10)
    ap.add_argument("--seed", type=int, default=1)
    ap.add_argument("--force", action="store_true", help="replace OUTDIR if it exists")
    args = ap.parse_args()
    t0 = time.time()
    out = os.path.abspath(args.outdir)
    if os.path.exists(out) and os.listdir(out):
        if not args.force:
            sys.exit("gen_repo: %s exists and is not empty (use --force)" % out)
        shutil.rmtree(out)
    os.makedirs(out, exist_ok=True)
    env_git = ["git", "-C", out]
    subprocess.run(env_git + ["init", "-q", "-b", "main"], check=True)

    gen = Generator(args.years, args.seed)
    gen.build()
    fi = FastImport(out)
    gen.run(fi)
    fi.finish()
    subprocess.run(env_git + ["reset", "-q", "--hard", "main"], check=True)

    md = {p: v for p, v in gen.files.items() if p.endswith(".md") and p != BACKLOG_PATH}
    md_bytes = sum(len(v.encode()) for v in md.values()) + len(gen.render_backlog())
    held = [p for p in gen.periods if not p.skipped]
    kinds = {k: sum(1 for p in gen.periods if p.kind == k) for k in ROOTS}
    skipped = sum(1 for p in gen.periods if p.skipped)
    statuses = {}
    for e in gen.entries:
        statuses[e.status] = statuses.get(e.status, 0) + 1
    open_actions = sum(1 for p in held for a in p.actions if a.status in ("open", "in-progress"))
    overdue = sum(1 for p in held for a in p.actions if a.status in ("open", "in-progress") and a.due < NOW)
    n_actions = sum(len(p.actions) for p in held)
    print("gen_repo: %s" % out)
    weekly = [p.name for p in gen.periods if p.kind == "weekly"]
    print("  weeks              %s..%s, cadence start %s, seed %d" % (weekly[0], weekly[-1], gen.start, args.seed))
    print("  commits            %d (%d touch the backlog)" % (fi.count, fi.backlog_commits))
    print("  folders            %d weekly (%d skipped), %d monthly, %d quarterly" %
          (kinds["weekly"], skipped, kinds["monthly"], kinds["quarterly"]))
    print("  actions            %d (%d still open, %d of them overdue at %s)" % (n_actions, open_actions, overdue, NOW))
    print("  backlog entries    %d (%s)" % (len(gen.entries), ", ".join("%s %d" % kv for kv in sorted(statuses.items()))))
    print("  risks              %d" % len(gen.risks))
    print("  markdown at HEAD   %d files, %d bytes (%.2f MB; backlog %d bytes)" %
          (len(md) + 1, md_bytes, md_bytes / 1e6, len(gen.render_backlog())))
    print("  elapsed            %.1f s" % (time.time() - t0))


if __name__ == "__main__":
    main()
