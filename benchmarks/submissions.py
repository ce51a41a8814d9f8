"""Public complaint submissions per second through gunicorn, every filing checked afterwards (issue 14).

    .venv/bin/python benchmarks/submissions.py --filings 2000

Starts gunicorn exactly as production does (gunicorn.conf.py, DEBUG=false, behind a pretend TLS
proxy) on a scratch database it creates and migrates (``<DATABASE_URL's name>_bench_submissions``,
dropped first), with the cache and the broker on REDIS_URL. Clients (threads, one fresh "browser"
per filing) each GET the form in one of the six public languages, POST it with its CSRF token,
follow the redirect and read the case number and access code shown. Runs at 4 and 16 clients,
then checks in the database that every filing is there once, under the number its filer was shown,
with distinct numbers, history and an intact hash chain. Writes benchmarks/results/submissions.json
(the run before is kept as submissions.previous.json and compared).

The complaint form's per-address limits are raised through their settings (COMPLAINT_RATE_LIMIT,
PUBLIC_UPLOAD_BYTES_PER_HOUR): every client comes from 127.0.0.1.
"""

import argparse
import http.client
import json
import os
import platform
import re
import secrets
import shutil
import socket
import statistics
import subprocess
import sys
import time
import urllib.parse
import uuid
from concurrent.futures import ThreadPoolExecutor
from datetime import UTC, datetime
from http.cookies import SimpleCookie
from pathlib import Path

import environ
import psycopg
import redis

BASE_DIR = Path(__file__).resolve().parent.parent
RESULTS = BASE_DIR / "benchmarks" / "results"
GUNICORN_CONF = BASE_DIR / "gunicorn.conf.py"
LANGUAGES = ["en", "es", "vi", "zh-hans", "ru", "so"]
BOUNDARY = "----oversightbench"
NUMBER = re.compile(r'id="case-number">([^<]+)<')
CODE = re.compile(r'id="access-code"[^>]*>([^<]+)<')
INPUT = re.compile(r'<input[^>]*name="(csrfmiddlewaretoken|submission_key|access_token)"[^>]*value="([^"]*)"')


def database_url_named(url, name):
    parts = urllib.parse.urlsplit(url)
    return urllib.parse.urlunsplit(parts._replace(path=f"/{name}"))


def admin_connection(url, dbname=None):
    """A connection to url's database, or to dbname ("postgres" to create and drop databases)."""
    cfg = environ.Env.db_url_config(url)
    return psycopg.connect(
        host=cfg.get("HOST") or cfg.get("OPTIONS", {}).get("host") or None,
        port=cfg.get("PORT") or None,
        user=cfg.get("USER") or None,
        password=cfg.get("PASSWORD") or None,
        dbname=dbname or cfg["NAME"],
        autocommit=True,
    )


def free_port():
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


class Browser:
    """One filer's browser: plain HTTP as the TLS proxy forwards it, its own cookies (the __Host-
    cookies are Secure, so a cookie jar would not send them over http)."""

    def __init__(self, port, language):
        self.port, self.language, self.cookies = port, language, {}

    def request(self, method, path, body=None, headers=None):
        conn = http.client.HTTPConnection("127.0.0.1", self.port, timeout=60)
        sent = {"X-Forwarded-Proto": "https", "Accept-Language": self.language}
        if self.cookies:
            sent["Cookie"] = "; ".join(f"{k}={v}" for k, v in self.cookies.items())
        sent.update(headers or {})
        started = time.perf_counter()
        try:
            conn.request(method, path, body=body, headers=sent)
            response = conn.getresponse()
            text = response.read().decode("utf-8", "replace")
        finally:
            conn.close()
        elapsed = time.perf_counter() - started
        for header in response.headers.get_all("Set-Cookie") or []:
            for name, morsel in SimpleCookie(header).items():
                self.cookies[name] = morsel.value
        return response.status, response.headers, text, elapsed


def multipart(fields):
    """The body a browser sends for the form: every field, and the empty file control."""
    parts = [
        f'--{BOUNDARY}\r\nContent-Disposition: form-data; name="{name}"\r\n\r\n{value}\r\n'
        for name, value in fields.items()
    ]
    parts.append(
        f'--{BOUNDARY}\r\nContent-Disposition: form-data; name="attachments"; filename=""\r\n'
        "Content-Type: application/octet-stream\r\n\r\n\r\n"
    )
    return ("".join(parts) + f"--{BOUNDARY}--\r\n").encode()


def complaint_fields(index, token):
    fields = {
        "filer_type": "complainant",
        "narrative": f"An officer pushed me at the bus stop and would not give a badge number. Ref {token}.",
        "incident_on": "2026-11-01",
        "incident_place": "SE Hawthorne & 39th",
        "neighbourhood": "",
        "website": "",
    }
    kind = index % 3
    if kind == 1:  # wants e-mail: an acknowledgement is queued for the worker
        fields.update(contact_name=f"Filer {index}", contact_email=f"filer{index}@example.org", contact_method="email")
    elif kind == 2:  # wants letters: a postal notice is logged
        fields.update(contact_name=f"Filer {index}", contact_address="1 Main St\nPortland, OR", contact_method="mail")
    return fields  # kind 0: anonymous


def file_one(port, index, run_tag):
    """Files one complaint as a browser would; returns what happened and what the filer was shown."""
    token = f"{run_tag}-{index}"
    browser = Browser(port, LANGUAGES[index % len(LANGUAGES)])
    outcome = {"token": token, "statuses": []}
    status, _headers, page, form_seconds = browser.request("GET", "/complaints/new/")
    outcome["statuses"].append(status)
    outcome["get_seconds"] = form_seconds
    if status != 200:
        return outcome
    hidden = dict(INPUT.findall(page))
    body = multipart({**hidden, **complaint_fields(index, token)})
    referer = f"https://127.0.0.1:{port}/complaints/new/"
    headers = {"Content-Type": f"multipart/form-data; boundary={BOUNDARY}", "Referer": referer}
    status, headers, page, post_seconds = browser.request("POST", "/complaints/new/", body=body, headers=headers)
    outcome["statuses"].append(status)
    outcome["post_seconds"] = post_seconds
    if status != 302:
        outcome["error"] = page[:500]
        return outcome
    status, _headers, page, _seconds = browser.request("GET", urllib.parse.urlsplit(headers["Location"]).path)
    outcome["statuses"].append(status)
    number, code = NUMBER.search(page), CODE.search(page)
    outcome["number"] = number.group(1) if number else None
    outcome["code"] = code.group(1) if code else None
    return outcome


def run_level(port, clients, filings, run_tag, start_index):
    started = time.perf_counter()
    with ThreadPoolExecutor(max_workers=clients) as pool:
        outcomes = list(pool.map(lambda i: file_one(port, i, run_tag), range(start_index, start_index + filings)))
    seconds = time.perf_counter() - started
    posts = sorted(o["post_seconds"] for o in outcomes if "post_seconds" in o)
    gets = sorted(o["get_seconds"] for o in outcomes if "get_seconds" in o)
    filed = [o for o in outcomes if o.get("number") and o.get("code")]
    return outcomes, {
        "clients": clients,
        "filings": filings,
        "filed": len(filed),
        "seconds": round(seconds, 2),
        "per_second": round(len(filed) / seconds, 1),
        "post_p50_ms": round(_percentile(posts, 50) * 1000, 1),
        "post_p95_ms": round(_percentile(posts, 95) * 1000, 1),
        "form_get_p50_ms": round(_percentile(gets, 50) * 1000, 1),
        "errors_5xx": sum(1 for o in outcomes for s in o["statuses"] if s >= 500),
        "failures": len(outcomes) - len(filed),
    }


def _percentile(values, pct):
    if not values:
        return 0.0
    return statistics.quantiles(values, n=100, method="inclusive")[pct - 1] if len(values) > 1 else values[0]


def verify(database_url, outcomes):
    """Every filing once, under the number its filer saw; distinct numbers; history and chain intact."""
    with admin_connection(database_url) as conn:
        rows = conn.execute(
            "SELECT c.number, co.narrative, co.access_code_hash <> '' FROM intake_case c "
            "JOIN intake_complaint co ON co.case_id = c.id"
        ).fetchall()
        history = conn.execute("SELECT count(*) FROM intake_historicalcase").fetchone()[0]
        notices = conn.execute("SELECT count(*) FROM notices_notice").fetchone()[0]
    by_token = {}
    for number, narrative, has_code in rows:
        match = re.search(r"Ref (\S+)\.", narrative)
        by_token.setdefault(match.group(1) if match else None, []).append((number, has_code))
    numbers = [number for number, _narrative, _code in rows]
    mismatched = [
        o["token"] for o in outcomes if by_token.get(o["token"]) != [(o.get("number"), True)] or not o.get("code")
    ]
    return {
        "complaints_in_db": len(rows),
        "filings_sent": len(outcomes),
        "distinct_numbers": len(set(numbers)) == len(numbers),
        "shown_number_matches_db": not mismatched,
        "mismatched": mismatched[:20],
        "case_history_rows": history,
        "notices": notices,
        "numbers_look_like": sorted(numbers)[:1] + sorted(numbers)[-1:],
    }


def verify_history(env):
    result = subprocess.run(
        [sys.executable, "manage.py", "verify_history"], cwd=BASE_DIR, env=env, capture_output=True, text=True
    )
    return result.returncode == 0, (result.stdout + result.stderr).strip()[-400:]


def manage(env, *args):
    command = [sys.executable, "manage.py", *args]
    result = subprocess.run(command, cwd=BASE_DIR, env=env, capture_output=True, text=True)  # noqa: S603 - our own
    if result.returncode != 0:
        raise SystemExit(f"manage.py {' '.join(args)} failed:\n{result.stdout}\n{result.stderr}")


def server_env(database_url, redis_url, static_root, media_root, port):
    env = {k: v for k, v in os.environ.items() if not k.startswith(("DJANGO_", "PYTEST_"))}
    for name in ("SECRET_KEY_FILE", "SECURE_SSL_REDIRECT", "SECURE_COOKIES", "STATICFILES_BACKEND", "DEBUG"):
        env.pop(name, None)
    env.update(
        DJANGO_SETTINGS_MODULE="oversight.settings",
        DEBUG="false",
        SECRET_KEY=secrets.token_urlsafe(50),
        ALLOWED_HOSTS="127.0.0.1",
        BEHIND_TLS_PROXY="true",
        DATABASE_URL=database_url,
        REDIS_URL=redis_url,
        CELERY_BROKER_URL=redis_url,
        STATIC_ROOT=str(static_root),
        MEDIA_ROOT=str(media_root),
        SITE_URL=f"https://127.0.0.1:{port}",
        LOG_LEVEL="WARNING",
        # Every client is 127.0.0.1: the per-address limits are raised through their settings.
        COMPLAINT_RATE_LIMIT=str(10**9),
        PUBLIC_UPLOAD_BYTES_PER_HOUR=str(2**60),
    )
    return env


def gunicorn_command(port):
    """Production's command: the project's gunicorn.conf.py, bound to a local port."""
    command = [sys.executable, "-m", "gunicorn", "oversight.wsgi:application", "-b", f"127.0.0.1:{port}"]
    if GUNICORN_CONF.exists():
        return [*command, "-c", str(GUNICORN_CONF)]
    return [*command, "-w", "2", "--access-logfile", "-"]  # the configuration before gunicorn.conf.py


def wait_until_serving(port, proc, timeout=120):
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        if proc.poll() is not None:
            raise SystemExit(f"gunicorn exited with status {proc.returncode}")
        try:
            if Browser(port, "en").request("GET", "/complaints/new/")[0] == 200:
                return
        except OSError:
            pass
        time.sleep(0.25)
    raise SystemExit("gunicorn did not serve the form in time")


def machine():
    model = ""
    cpuinfo = Path("/proc/cpuinfo")
    if cpuinfo.exists():
        found = re.search(r"model name\s*:\s*(.+)", cpuinfo.read_text())
        model = found.group(1).strip() if found else ""
    return {"cpus": os.cpu_count(), "cpu": model, "python": platform.python_version(), "system": platform.platform()}


def compare(previous, current):
    """Lines saying how each level moved since the run before."""
    before = {run["clients"]: run for run in previous.get("runs", [])}
    lines = []
    for run in current["runs"]:
        old = before.get(run["clients"])
        if not old:
            continue
        change = (run["per_second"] / old["per_second"] - 1) * 100 if old["per_second"] else 0
        lines.append(
            f"{run['clients']} clients: {old['per_second']}/s -> {run['per_second']}/s ({change:+.0f}%), "
            f"POST p50 {old['post_p50_ms']} -> {run['post_p50_ms']} ms, "
            f"p95 {old['post_p95_ms']} -> {run['post_p95_ms']} ms"
        )
    return lines


def write_results(results):
    RESULTS.mkdir(parents=True, exist_ok=True)
    latest, previous_path = RESULTS / "submissions.json", RESULTS / "submissions.previous.json"
    previous = json.loads(latest.read_text()) if latest.exists() else None
    if previous:
        shutil.copyfile(latest, previous_path)
    latest.write_text(json.dumps(results, indent=2) + "\n")
    return previous


def print_table(results):
    print("\n| clients | filings | submissions/s | POST p50 ms | POST p95 ms | form GET p50 ms | 5xx | failed |")
    print("|---|---|---|---|---|---|---|---|")
    for run in results["runs"]:
        print(
            f"| {run['clients']} | {run['filings']} | {run['per_second']} | {run['post_p50_ms']} | "
            f"{run['post_p95_ms']} | {run['form_get_p50_ms']} | {run['errors_5xx']} | {run['failures']} |"
        )


def main():
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--filings", type=int, default=2000, help="complaints filed at each client count")
    parser.add_argument("--clients", default="4,16", help="comma-separated concurrent clients")
    parser.add_argument("--warmup", type=int, default=24, help="filings before timing (checked too)")
    parser.add_argument("--keep-db", action="store_true", help="leave the scratch database in place")
    args = parser.parse_args()

    base_url = os.environ.get("DATABASE_URL", "postgres://postgres@127.0.0.1:5432/oversight")
    base_name = environ.Env.db_url_config(base_url)["NAME"]
    scratch = f"{base_name}_bench_submissions"
    database_url = database_url_named(base_url, scratch)
    redis_url = os.environ.get("REDIS_URL", "redis://127.0.0.1:6379/0")
    work = BASE_DIR / ".local" / "bench-submissions"
    media = work / "media"
    shutil.rmtree(media, ignore_errors=True)
    port = free_port()
    env = server_env(database_url, redis_url, work / "static", media, port)

    sys.path.insert(0, str(BASE_DIR))
    from oversight.launcher import compile_messages

    compile_messages()
    print(f"scratch database {scratch}; migrating and collecting static files ...", flush=True)
    with admin_connection(base_url, "postgres") as conn:
        conn.execute(f'DROP DATABASE IF EXISTS "{scratch}" WITH (FORCE)')
        conn.execute(f'CREATE DATABASE "{scratch}"')
    manage(env, "collectstatic", "--noinput", "-v", "0")
    manage(env, "migrate", "--noinput", "-v", "0")

    work.mkdir(parents=True, exist_ok=True)
    log = open(work / "gunicorn.log", "w")  # noqa: SIM115 - closed below
    command = gunicorn_command(port)
    server = subprocess.Popen(command, cwd=BASE_DIR, env=env, stdout=log, stderr=subprocess.STDOUT)  # noqa: S603
    run_tag = uuid.uuid4().hex[:8]
    outcomes, runs = [], []
    try:
        wait_until_serving(port, server)
        warm, _ = run_level(port, 4, args.warmup, run_tag, 0)
        outcomes += warm
        start = args.warmup
        for clients in [int(c) for c in args.clients.split(",")]:
            print(f"filing {args.filings} complaints with {clients} clients ...", flush=True)
            level_outcomes, summary = run_level(port, clients, args.filings, run_tag, start)
            start += args.filings
            outcomes += level_outcomes
            runs.append(summary)
    finally:
        server.terminate()
        server.wait(30)
        log.close()
        redis.Redis.from_url(redis_url).delete("celery")  # the doorbells no worker will answer

    results = {
        "when": datetime.now(UTC).isoformat(timespec="seconds"),
        "machine": machine(),
        "server": " ".join(gunicorn_command(port)[2:]),
        "server_env": {name: os.environ.get(name, "") for name in ("WEB_WORKERS", "WEB_THREADS")},
        "load_average_after": os.getloadavg(),
        "runs": runs,
        "verified": verify(database_url, outcomes),
    }
    history_ok, history_output = verify_history(env)
    results["verified"]["history_chain_intact"] = history_ok
    results["verified"]["verify_history"] = history_output
    if not args.keep_db:
        with admin_connection(base_url, "postgres") as conn:
            conn.execute(f'DROP DATABASE IF EXISTS "{scratch}" WITH (FORCE)')
    print_table(results)
    print("\nverified:", json.dumps(results["verified"], indent=2))
    previous = write_results(results)
    if previous:
        print("\nchange since the previous run (" + previous["when"] + "):")
        print("\n".join(compare(previous, results)) or "(no common client counts)")
    verified = results["verified"]
    ok = verified["distinct_numbers"] and verified["shown_number_matches_db"] and history_ok
    ok = ok and verified["complaints_in_db"] == verified["filings_sent"] and not any(r["errors_5xx"] for r in runs)
    return 0 if ok else 1


if __name__ == "__main__":
    sys.exit(main())
