"""Production serving: `make serve-prod` (gunicorn -c gunicorn.conf.py 'api:create_app()').

Sync workers: the work is CPU-bound JSON and SQL, where threads buy nothing on CPython.
"""

import multiprocessing
import os

bind = os.environ.get("BIND", "127.0.0.1:8000")
workers = int(os.environ.get("WEB_CONCURRENCY", max(2, multiprocessing.cpu_count())))
worker_class = "sync"
timeout = int(os.environ.get("GUNICORN_TIMEOUT", 60))
# Long query strings (filters, search, cursors) fit; bodies are bounded by MAX_CONTENT_LENGTH.
limit_request_line = 0  # gunicorn caps any other value at 8190 bytes
graceful_timeout = 30
keepalive = 5
# Workers fork from a master that imported the app once: a recycled worker serves again in
# milliseconds, not the second a fresh import of the app takes. Nothing connects at import.
preload_app = True
# Recycle workers now and then (memory stays flat on long runs), but rarely: a new worker
# starts with an empty response cache, and at 1,000 req/s every 10,000 requests meant every 10 s.
max_requests = 100_000
max_requests_jitter = 10_000
# gunicorn 27 opens one control socket per user at ~/.gunicorn/gunicorn.ctl: several instances
# on one machine (tests, benchmarks, a second service) would fight over it.
control_socket_disable = True
accesslog = None  # the app logs each request as JSON, with its request id
errorlog = "-"
