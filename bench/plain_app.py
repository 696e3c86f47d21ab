"""The ceiling: a plain Flask JSON route, served with the same gunicorn settings as the API."""

from flask import Flask, jsonify

app = Flask(__name__)
ROWS = [{"id": i, "type": "ASSAULT", "trigger": "bombed", "date": "2016-10-03"} for i in range(20)]


@app.get("/plain")
def plain():
    return jsonify(ROWS)
