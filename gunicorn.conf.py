"""gunicorn's settings: production (Dockerfile) and benchmarks/submissions.py run with exactly these.

A filing spends much of its time waiting on PostgreSQL; with threads a worker serves another
request meanwhile (issue 14.1: measured in benchmarks/submissions.py, README "Benchmarks").
WEB_WORKERS processes x WEB_THREADS threads; WEB_THREADS=1 is gunicorn's plain sync worker.
"""

import os

bind = "0.0.0.0:8000"
workers = int(os.environ.get("WEB_WORKERS") or 2)
threads = int(os.environ.get("WEB_THREADS") or 4)
worker_class = "gthread" if threads > 1 else "sync"
# The TLS proxy in front closes idle connections; ours need not outlive a request by much.
keepalive = 5
accesslog = "-"
# Only the proxy reaches gunicorn (docker-compose.yml), so its X-Forwarded-* headers are trusted.
forwarded_allow_ips = "*"
