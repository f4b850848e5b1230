"""HTTP routes for the inventory service."""

from __future__ import annotations

from datetime import datetime, timezone
from typing import Annotated

from fastapi import APIRouter, Depends, HTTPException, Query, Response, status
from pydantic import BaseModel, Field, field_validator
from sqlalchemy import func, select
from sqlalchemy.exc import IntegrityError
from sqlalchemy.orm import Session

from .db import get_session
from .models import Item, StockMovement

router = APIRouter(prefix="/items", tags=["inventory"])

SessionDep = Annotated[Session, Depends(get_session)]


class ItemIn(BaseModel):
    sku: str = Field(min_length=3, max_length=32)
    name: str = Field(min_length=1, max_length=200)
    location: str | None = None
    reorder_level: int = Field(default=0, ge=0)

    @field_validator("sku")
    @classmethod
    def normalize_sku(cls, v: str) -> str:
        return v.strip().upper()


class ItemOut(BaseModel):
    id: int
    sku: str
    name: str
    location: str | None
    quantity: int
    reorder_level: int
    needs_reorder: bool

    @classmethod
    def from_model(cls, item: Item) -> "ItemOut":
        return cls(
            id=item.id,
            sku=item.sku,
            name=item.name,
            location=item.location,
            quantity=item.quantity,
            reorder_level=item.reorder_level,
            needs_reorder=item.quantity <= item.reorder_level,
        )


class AdjustIn(BaseModel):
    delta: int = Field(description="positive to receive stock, negative to ship")
    reason: str = Field(min_length=1, max_length=120)

    @field_validator("delta")
    @classmethod
    def non_zero(cls, v: int) -> int:
        if v == 0:
            raise ValueError("delta must not be zero")
        return v


class Page(BaseModel):
    items: list[ItemOut]
    total: int
    offset: int
    limit: int


def _get_or_404(db: Session, item_id: int) -> Item:
    item = db.get(Item, item_id)
    if item is None:
        raise HTTPException(status.HTTP_404_NOT_FOUND, detail=f"item {item_id} not found")
    return item


@router.get("", response_model=Page)
def list_items(
    db: SessionDep,
    q: str | None = None,
    low_stock: bool = False,
    offset: int = Query(0, ge=0),
    limit: int = Query(50, ge=1, le=200),
) -> Page:
    stmt = select(Item)
    if q:
        pattern = f"%{q.lower()}%"
        stmt = stmt.where(func.lower(Item.name).like(pattern) | func.lower(Item.sku).like(pattern))
    if low_stock:
        stmt = stmt.where(Item.quantity <= Item.reorder_level)

    total = db.scalar(select(func.count()).select_from(stmt.subquery())) or 0
    rows = db.scalars(stmt.order_by(Item.sku).offset(offset).limit(limit)).all()
    return Page(items=[ItemOut.from_model(r) for r in rows], total=total, offset=offset, limit=limit)


@router.post("", response_model=ItemOut, status_code=status.HTTP_201_CREATED)
def create_item(body: ItemIn, db: SessionDep, response: Response) -> ItemOut:
    item = Item(**body.model_dump(), quantity=0)
    db.add(item)
    try:
        db.commit()
    except IntegrityError:
        db.rollback()
        raise HTTPException(status.HTTP_409_CONFLICT, detail=f"sku {body.sku} already exists")
    db.refresh(item)
    response.headers["Location"] = f"/items/{item.id}"
    return ItemOut.from_model(item)


@router.get("/{item_id}", response_model=ItemOut)
def get_item(item_id: int, db: SessionDep) -> ItemOut:
    return ItemOut.from_model(_get_or_404(db, item_id))


@router.post("/{item_id}/adjust", response_model=ItemOut)
def adjust_stock(item_id: int, body: AdjustIn, db: SessionDep) -> ItemOut:
    # Lock the row so concurrent adjustments can't both read the same quantity.
    item = db.scalars(select(Item).where(Item.id == item_id).with_for_update()).first()
    if item is None:
        raise HTTPException(status.HTTP_404_NOT_FOUND, detail=f"item {item_id} not found")

    new_qty = item.quantity + body.delta
    if new_qty < 0:
        raise HTTPException(
            status.HTTP_409_CONFLICT,
            detail=f"insufficient stock: have {item.quantity}, requested {-body.delta}",
        )

    item.quantity = new_qty
    db.add(
        StockMovement(
            item_id=item.id,
            delta=body.delta,
            reason=body.reason,
            created_at=datetime.now(timezone.utc),
        )
    )
    db.commit()
    db.refresh(item)
    return ItemOut.from_model(item)


@router.delete("/{item_id}", status_code=status.HTTP_204_NO_CONTENT)
def delete_item(item_id: int, db: SessionDep) -> None:
    item = _get_or_404(db, item_id)
    if item.quantity > 0:
        raise HTTPException(status.HTTP_409_CONFLICT, detail="cannot delete an item that is still in stock")
    db.delete(item)
    db.commit()
