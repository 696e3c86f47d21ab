"""Production serving: `make serve-prod` (gunicorn -c gunicorn.conf.py 'api:create_app()').

Sync workers: the work is CPU-bound JSON and SQL, where threads buy nothing on CPython.
"""

import multiprocessing
import os

bind = os.environ.get("BIND", "127.0.0.1:8000")
workers = int(os.environ.get("WEB_CONCURRENCY", max(2, multiprocessing.cpu_count())))
# The sync worker, answering gunicorn's own errors (a request line too long, a bad header, a
# worker stopped past its timeout) as the API's JSON errors, logged without query strings.
worker_class = "api.serving.Worker"
timeout = int(os.environ.get("GUNICORN_TIMEOUT", 60))
# 8 KB, gunicorn's most: 50 ids of a filter fit with room to spare; a longer line (50 long
# source names, say) is a JSON 414. 0, "unlimited", let any single URL into the response cache.
limit_request_line = 8190
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


def post_worker_init(worker):
    """Load what ingest needs (the NLP pipeline) as the worker starts, not in its first
    ingest; before the first request, so no client waits for it."""
    import threading
    import time

    from api.ingest import warm_up

    # Loading takes seconds, more on a busy machine: the worker keeps telling the arbiter it
    # is alive while it loads, so a short worker timeout (meant for requests) never kills a
    # worker that is only starting, and it never serves before it has loaded.
    loaded = threading.Event()

    def heartbeat():
        while not loaded.wait(max(0.2, worker.timeout / 4)):
            worker.notify()

    worker.notify()
    beat = threading.Thread(target=heartbeat, name="warm-up heartbeat", daemon=True)
    beat.start()
    started = time.perf_counter()
    try:
        warm_up()
    finally:
        loaded.set()
        beat.join()
    worker.log.info("NLP pipeline loaded in %.1f s", time.perf_counter() - started)
