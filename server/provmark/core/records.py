"""The shape of a sidecar and its records (format in docs/sidecar-format.md), typed, so
that the editor, the scan and the pipeline read the same fields. Pure: no I/O here;
reading and writing sidecars is sidecar.py's job."""

from __future__ import annotations

from typing import Literal, TypedDict

OriginKind = Literal["ai", "human", "mixed", "unknown"]
Training = Literal["exclude", "include"]
Status = Literal["tagged", "unreviewed"]
SCHEMA = "provmark/2"  # what writers write
READABLE = ("provmark/1", "provmark/2")  # what readers accept; anything else fails closed


class Origin(TypedDict):
    kind: OriginKind
    tool: str | None
    model: str | None
    session: str | None


class RecordEvidence(TypedDict):
    signal: str
    weight: float


class _RecordFields(TypedDict):
    id: str
    start_line: int  # 1-based, inclusive, when the record was written
    end_line: int
    origin: Origin
    training: Training
    content_hash: str
    line_hashes: list[str]
    squeezed_hashes: list[str]
    evidence: list[RecordEvidence]
    created: str
    tagged_by: str


class Record(_RecordFields, total=False):
    """A record. provmark/2 adds `status` (absent in provmark/1: "tagged"), the score of
    an unreviewed record, and who resolved it and when."""

    status: Status  # "unreviewed": Provmark flagged the lines and nobody has decided yet
    score: float
    reviewed_by: str
    reviewed_at: str


def status_of(rec: Record) -> Status:
    return rec.get("status", "tagged")


class SidecarData(TypedDict):
    schema: str
    path: str
    records: list[Record]
