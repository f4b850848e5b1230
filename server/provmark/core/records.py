"""The shape of a sidecar and its records (format in docs/sidecar-format.md), typed, so
that the editor, the scan and the pipeline read the same fields. Pure: no I/O here;
reading and writing sidecars is sidecar.py's job."""

from __future__ import annotations

from typing import Literal, TypedDict

OriginKind = Literal["ai", "human", "mixed", "unknown"]
Training = Literal["exclude", "include"]


class Origin(TypedDict):
    kind: OriginKind
    tool: str | None
    model: str | None
    session: str | None


class RecordEvidence(TypedDict):
    signal: str
    weight: float


class Record(TypedDict):
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


class SidecarData(TypedDict):
    schema: str
    path: str
    records: list[Record]
