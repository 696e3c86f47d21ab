"""Where a job's briefs run: Celery workers behind a broker (INGEST_BROKER_URL), or, with no
broker configured, a small pool of threads inside this process (the embedded default: `make
run` on SQLite answers the same endpoints)."""

from __future__ import annotations

import logging
import os
import threading
import time
from concurrent.futures import Future, ThreadPoolExecutor, wait

from celery import Celery
from flask import Flask, current_app
from sqlalchemy.exc import OperationalError

from .db import db

log = logging.getLogger(__name__)
TASK = "api.ingest_item"
RETRIES = 8  # attempts at a brief whose database errors look transient
BACKOFF_MAX = 60.0  # seconds


class BrokerUnavailable(Exception):
    """The broker cannot take tasks now (a 503 with Retry-After)."""


def backoff(attempt: int) -> float:
    """Seconds before retry `attempt` (from 0): 1, 2, 4, ... up to a minute."""
    return min(BACKOFF_MAX, 2.0**attempt)


def make_celery(broker_url: str, queue: str, visibility_timeout: float) -> Celery:
    celery = Celery("api", broker=broker_url, set_as_current=False)
    celery.conf.update(
        task_default_queue=queue,
        # Acknowledged after the brief is settled: a worker killed mid-task leaves the message
        # to be delivered again (after the visibility timeout), not lost.
        task_acks_late=True,
        task_reject_on_worker_lost=True,
        worker_prefetch_multiplier=1,  # a worker holds only the brief it is working on
        task_ignore_result=True,  # outcomes live in the database, on the job's items
        broker_transport_options={
            "visibility_timeout": visibility_timeout,
            # Every worker looks for overdue unacknowledged tasks this often (kombu's default
            # looks every ~100 s, past the timeout itself): one sorted-set range query.
            "unacked_restore_interval": max(1.0, min(10.0, visibility_timeout / 2)),
            "unacked_restore_throttle": 1,
        },
        broker_connection_retry_on_startup=True,
        broker_connection_timeout=2,
        # A broker that is down is a quick 503, not a request held for retries.
        task_publish_retry_policy={
            "max_retries": 2,
            "interval_start": 0,
            "interval_step": 0.2,
            "interval_max": 0.5,
        },
        worker_hijack_root_logger=False,
        worker_enable_remote_control=False,
    )
    return celery


class Embedded:
    """Jobs in this process, on INGEST_THREADS threads (made on first use in each process:
    gunicorn forks after the app is built, and threads do not survive a fork)."""

    name = "embedded"

    def __init__(self, app: Flask) -> None:
        self.app, self.threads = app, app.config["INGEST_THREADS"]
        self.pool: ThreadPoolExecutor | None = None
        self.pid = 0
        self.pending: set[Future] = set()
        self.lock = threading.Lock()

    def send(self, item_ids: list[int]) -> None:
        with self.lock:
            if self.pool is None or self.pid != os.getpid():
                self.pool = ThreadPoolExecutor(self.threads, thread_name_prefix="ingest-job")
                self.pid, self.pending = os.getpid(), set()
            for item_id in item_ids:
                future = self.pool.submit(self._run, item_id)
                self.pending.add(future)
                future.add_done_callback(self._done)

    def _done(self, future: Future) -> None:
        with self.lock:
            self.pending.discard(future)

    def _run(self, item_id: int) -> None:
        from .queue import Transient, run_item

        with self.app.app_context():
            try:
                for attempt in range(RETRIES):
                    try:
                        run_item(item_id, final=attempt == RETRIES - 1)
                        return
                    except (Transient, OperationalError):
                        db.session.rollback()
                        time.sleep(backoff(attempt))
            except Exception:  # noqa: BLE001 - logged; the brief stays queued for a retry
                log.exception("embedded ingest of item %s failed", item_id)
            finally:
                db.session.remove()

    def drain(self, timeout: float | None = 60) -> None:
        """Wait for every brief sent so far (tests, and the CLI before it exits)."""
        with self.lock:
            pending = list(self.pending)
        wait(pending, timeout=timeout)

    def check(self) -> None:
        """Nothing to reach: the pool is this process."""


class Broker:
    """Tasks sent to Celery workers through the broker."""

    name = "celery"

    def __init__(self, app: Flask) -> None:
        self.config = app.config
        self.celery: Celery | None = None
        self.pid = 0

    def _celery(self) -> Celery:
        if self.celery is None or self.pid != os.getpid():  # a broker connection per process
            cfg = self.config
            self.celery = make_celery(
                cfg["INGEST_BROKER_URL"], cfg["INGEST_QUEUE"], cfg["INGEST_VISIBILITY_TIMEOUT"]
            )
            self.pid = os.getpid()
        return self.celery

    def send(self, item_ids: list[int]) -> None:
        celery = self._celery()
        try:
            with celery.producer_or_acquire() as producer:
                for item_id in item_ids:
                    celery.send_task(TASK, args=[item_id], producer=producer)
        except Exception as exc:  # kombu's OperationalError, redis-py's, OSError alike
            raise BrokerUnavailable(f"{type(exc).__name__}: {exc}") from exc

    def check(self) -> None:
        """Raise BrokerUnavailable unless the broker answers now."""
        try:
            with self._celery().connection_for_write() as conn:
                conn.ensure_connection(max_retries=1, interval_start=0, timeout=2)
        except Exception as exc:
            raise BrokerUnavailable(f"{type(exc).__name__}: {exc}") from exc

    def drain(self, timeout: float | None = 60) -> None:
        """Workers elsewhere settle the briefs; there is nothing here to wait for."""


def init_app(app: Flask) -> None:
    backend = Broker(app) if app.config["INGEST_BROKER_URL"] else Embedded(app)
    app.extensions["ingest_queue"] = backend


def queue() -> Embedded | Broker:
    return current_app.extensions["ingest_queue"]
