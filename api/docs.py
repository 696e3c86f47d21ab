"""The API's documentation page: Swagger UI at /docs, its assets from the swagger-ui-bundle
package and served here, so the docs work with no internet."""

from __future__ import annotations

from flask import Blueprint, Flask, Response, send_from_directory
from swagger_ui_bundle import swagger_ui_path

bp = Blueprint("docs", __name__)

DOCS_CSP = (
    "default-src 'none'; script-src 'self'; style-src 'self' 'unsafe-inline'; "
    "img-src 'self' data:; connect-src 'self'; font-src 'self' data:; frame-ancestors 'none'"
)
PAGE = """<!doctype html>
<html lang="en">
<head>
<meta charset="utf-8">
<title>Brief Data API</title>
<link rel="stylesheet" href="/docs/static/swagger-ui.css">
<link rel="icon" href="/docs/static/favicon-32x32.png">
</head>
<body>
<div id="swagger-ui"></div>
<script src="/docs/static/swagger-ui-bundle.js"></script>
<script src="/docs/static/swagger-ui-standalone-preset.js"></script>
<script src="/docs/init.js"></script>
</body>
</html>
"""
INIT = """window.addEventListener("load", function () {
  window.ui = SwaggerUIBundle({
    url: "/openapi.json",
    dom_id: "#swagger-ui",
    deepLinking: true,
    presets: [SwaggerUIBundle.presets.apis, SwaggerUIStandalonePreset],
    layout: "StandaloneLayout"
  });
});
"""


def _docs(resp: Response) -> Response:
    resp.headers["Content-Security-Policy"] = DOCS_CSP
    return resp


@bp.get("/docs")
def page():
    return _docs(Response(PAGE, mimetype="text/html"))


@bp.get("/docs/init.js")
def init():
    return _docs(Response(INIT, mimetype="text/javascript"))


@bp.get("/docs/static/<path:name>")
def static(name: str):
    return _docs(send_from_directory(str(swagger_ui_path), name, max_age=86400))


def init_app(app: Flask) -> None:
    app.register_blueprint(bp)
