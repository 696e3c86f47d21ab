"""The Celery worker: `celery -A api.worker worker` (or `flask --app api worker`), with
INGEST_BROKER_URL and DATABASE_URL; any number of them, on any machines, against the same
database and broker. Each task ingests one brief of a job through the one ingest path."""

from __future__ import annotations

import os

from celery.signals import worker_init
from flask import Flask
from sqlalchemy.exc import OperationalError

from .config import Config
from .db import db
from .dispatch import BACKOFF_MAX, RETRIES, TASK, backoff, make_celery

_config = Config()
if not _config.INGEST_BROKER_URL:
    # A worker on a broker the web processes do not use would wait for tasks forever.
    raise RuntimeError("INGEST_BROKER_URL is not set: name the broker the web processes use")
# Named `celery` (not `app`): Celery's -A looks for that name; `app` would be taken for it.
celery = make_celery(
    _config.INGEST_BROKER_URL,
    _config.INGEST_QUEUE,
    _config.INGEST_VISIBILITY_TIMEOUT,
)
_flask: dict[int, Flask] = {}


def flask_app() -> Flask:
    """This process's app (and session, and database connections), made on first use: a
    prefork child builds its own after the fork. The NLP pipeline is loaded with it."""
    pid = os.getpid()
    if pid not in _flask:
        from . import create_app
        from .ingest import warm_up

        _flask.clear()
        _flask[pid] = create_app()
        warm_up()
    return _flask[pid]


@worker_init.connect
def _warm(**_) -> None:
    """Build the app and load the NLP pipeline as the worker starts, not on its first task
    (prefork children inherit both, copy-on-write)."""
    flask_app()


@celery.task(name=TASK, bind=True, max_retries=RETRIES - 1, acks_late=True)
def ingest_item(self, item_id: int) -> str | None:
    from .queue import Transient, run_item

    with flask_app().app_context():
        try:
            return run_item(item_id, final=self.request.retries >= self.max_retries)
        except (Transient, OperationalError) as exc:
            # The database is down or deadlocked (in the brief's transaction or around it):
            # again later, then later still; the brief stays unsettled meanwhile.
            countdown = min(BACKOFF_MAX, backoff(self.request.retries))
            raise self.retry(exc=exc, countdown=countdown) from exc
        finally:
            db.session.remove()
