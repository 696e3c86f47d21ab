"""Bearer tokens: writes need a `write` token; reads are public unless READ_TOKEN_REQUIRED.

Tokens are printed once by `flask --app api tokens create NAME` and stored only as hashes.
The CLI itself is the operator's tool on the server and needs none.
"""

from __future__ import annotations

import hashlib
import secrets

import click
from flask import Flask, current_app, g, request
from flask.cli import AppGroup
from flask_smorest import abort
from sqlalchemy import select

from .db import db, utcnow
from .models import ApiToken
from .ratelimit import auth_failed, check_auth_failures
from .web import WRITE_METHODS

PREFIX = "bda_"
SCOPES = ("write", "read", "admin")  # admin: writes, and sees every ingest job
# Reads that answer for one token (its jobs) need one, whatever READ_TOKEN_REQUIRED says.
PRIVATE = ("/api/v1/ingest-jobs",)


def private_path(path: str) -> bool:
    return path.startswith(PRIVATE)


def hash_token(token: str) -> str:
    return hashlib.sha256(token.encode("utf-8")).hexdigest()


def create_token(name: str, scope: str = "write") -> str:
    token = PREFIX + secrets.token_urlsafe(32)
    db.session.add(ApiToken(name=name, token_hash=hash_token(token), scope=scope))
    db.session.commit()
    return token


def _bearer() -> str | None:
    header = request.headers.get("Authorization", "")
    scheme, _, value = header.partition(" ")
    return value.strip() if scheme.lower() == "bearer" and value.strip() else None


def _deny(status: int, message: str, error: str | None = None):
    challenge = 'Bearer realm="brief-data-api"' + (f', error="{error}"' if error else "")
    abort(status, message=message, headers={"WWW-Authenticate": challenge})


def check_request() -> None:
    if not request.path.startswith("/api/") or request.method == "OPTIONS":
        return
    if request.routing_exception is not None:
        return  # no such route or method: its 404 or 405 says more than a 401 would
    writing = request.method in WRITE_METHODS
    if not current_app.config["AUTH_ENABLED"] or not (
        writing or current_app.config["READ_TOKEN_REQUIRED"] or private_path(request.path)
    ):
        return
    token = _bearer()
    if token is None:
        _deny(401, "A bearer token is required: Authorization: Bearer <token>.")
    check_auth_failures()  # an address guessing tokens is refused before any look-up
    row = db.session.scalar(select(ApiToken).where(ApiToken.token_hash == hash_token(token)))
    if row is None or row.revoked_at is not None:
        auth_failed()
        _deny(401, "The token is invalid or revoked.", "invalid_token")
    if writing and row.scope == "read":
        abort(403, message="This token may only read.")
    g.token_id, g.token_scope = row.id, row.scope


tokens_cli = AppGroup("tokens", help="Create, list and revoke API tokens.")


@tokens_cli.command("create")
@click.argument("name")
@click.option("--scope", type=click.Choice(SCOPES), default="write", show_default=True)
def create_command(name: str, scope: str) -> None:
    """Create a token and print it once (only its hash is kept)."""
    if db.session.scalar(select(ApiToken).where(ApiToken.name == name)):
        raise click.ClickException(f"a token named {name!r} exists")
    click.echo(create_token(name, scope))


@tokens_cli.command("list")
def list_command() -> None:
    """List tokens: name, scope, created, revoked."""
    for row in db.session.scalars(select(ApiToken).order_by(ApiToken.id)):
        revoked = row.revoked_at.isoformat() if row.revoked_at else "-"
        click.echo(f"{row.name}\t{row.scope}\t{row.created_at.isoformat()}\trevoked: {revoked}")


@tokens_cli.command("revoke")
@click.argument("name")
def revoke_command(name: str) -> None:
    """Revoke a token by name; requests with it get 401 from now on."""
    row = db.session.scalar(select(ApiToken).where(ApiToken.name == name))
    if row is None:
        raise click.ClickException(f"no token named {name!r}")
    row.revoked_at = row.revoked_at or utcnow()
    db.session.commit()
    click.echo(f"revoked {name}")


def init_app(app: Flask) -> None:
    app.before_request(check_request)
    app.cli.add_command(tokens_cli)
