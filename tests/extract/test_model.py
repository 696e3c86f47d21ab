"""The English model: found by name, and a clear error naming the install command when absent."""

from __future__ import annotations

import pytest

from api import create_app
from extract import nlp


def test_the_installed_model_is_found():
    assert nlp.model_name() in nlp.MODEL_PACKAGES


def test_the_official_package_is_preferred():
    assert nlp.MODEL_PACKAGES[0] == "en_core_web_sm"


def test_a_missing_model_stops_the_app_with_the_install_command(monkeypatch):
    monkeypatch.setattr(nlp, "MODEL_PACKAGES", ("no_such_model_pkg",))
    with pytest.raises(nlp.ModelMissing, match="make install"):
        create_app({"SQLALCHEMY_DATABASE_URI": "sqlite://"})
