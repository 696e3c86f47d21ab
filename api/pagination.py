"""Page through a SQLAlchemy select with one COUNT and one LIMIT/OFFSET query."""

from __future__ import annotations

from flask_smorest import Page
from sqlalchemy import func, select

from .db import db


class SelectPage(Page):
    @property
    def item_count(self) -> int:
        count = select(func.count()).select_from(self.collection.order_by(None).subquery())
        return db.session.scalar(count)

    @property
    def items(self) -> list:
        p = self.page_params
        return list(db.session.scalars(self.collection.offset(p.first_item).limit(p.page_size)))
