"""The Brief Data API: `create_app` builds the Flask app (`flask --app api`, gunicorn)."""

from __future__ import annotations

from pathlib import Path

from flask import Flask
from flask_migrate import Migrate

from extract.nlp import model_name

from . import args, auth, cache, cli, contract, dispatch, docs, errors, health, logs, ratelimit, web
from . import db as db_module
from .config import INSTANCE, Config
from .db import db as database

MIGRATIONS = Path(__file__).resolve().parent.parent / "migrations"
migrate = Migrate(directory=str(MIGRATIONS), render_as_batch=True, compare_type=True)


def create_app(overrides: dict | None = None) -> Flask:
    # Ingest needs the English model: without it the service refuses to start (naming the
    # install command) rather than extracting less later. Finding it costs no model load.
    model_name()
    app = Flask(__name__, instance_path=str(INSTANCE))
    app.config.from_object(Config())
    if overrides:
        app.config.update(overrides)
    app.json.sort_keys = False
    app.url_map.converters["id"] = errors.IdConverter
    app.url_map.strict_slashes = False

    from . import job_models, models  # noqa: F401 - the tables must be known before migrations run

    db_module.configure_engine(app)
    database.init_app(app)
    migrate.init_app(app, database)
    logs.init_app(app)
    health.init_app(app)
    docs.init_app(app)
    auth.init_app(app)
    ratelimit.init_app(app)
    api = errors.Api(app)
    api.register_converter(errors.IdConverter, errors.id_schema)
    errors.init_app(app)
    args.init_app(app)
    # Before-request hooks run in this order: a cache hit is answered after authentication
    # and rate limits, before the session is opened for the view.
    cache.init_app(app)
    db_module.init_app(app)
    dispatch.init_app(app)

    from .actors import blp as actors_blp
    from .documents import blp as documents_blp
    from .events import blp as events_blp
    from .jobs import blp as jobs_blp
    from .places import blp as places_blp
    from .quotes import blp as quotes_blp
    from .stats import blp as stats_blp
    from .stats import deletions_blp

    blueprints = (
        documents_blp,
        actors_blp,
        events_blp,
        places_blp,
        quotes_blp,
        stats_blp,
        deletions_blp,
        jobs_blp,
    )
    for blp in blueprints:
        api.register_blueprint(blp, url_prefix=f"/api/v1/{blp.name}")
    contract.finish(api)
    web.init_app(app)
    cli.init_app(app)
    return app
