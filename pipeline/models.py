"""The Pydantic records of the output contract (../shared/CONTRACT.md, version 1).

These models are the single source of truth: `schemas/*.json` is generated from them
(`pipeline schemas`) and a test fails when the two drift apart. Field names are fixed by
the contract; new fields may be added, renaming or removing one bumps SCHEMA_VERSION.
"""
from __future__ import annotations

from typing import Annotated, Any, Literal, Optional, Union

from pydantic import BaseModel, ConfigDict, Field, StringConstraints

SCHEMA_VERSION = "1"

PartialDate = Annotated[str, StringConstraints(pattern=r"^\d{4}(-\d{2}(-\d{2})?)?$")]
"""ISO partial date: "1997", "1997-08" or "1997-08-25"; never padded beyond what the text says."""

SourceType = Literal["biography", "profile", "interview", "press_release", "news", "blog", "unknown"]
EntityLabel = Literal["PERSON", "TEAM", "SERIES", "CIRCUIT", "CAR", "ORG", "GPE", "DATE"]
EventType = Literal["birth", "career_start", "series_entry", "team_join", "title", "milestone",
                    "education", "other"]
Scope = Literal["race", "event", "championship", "qualifying", "career"]
Status = Literal["classified", "podium", "retired", "not_classified", "disqualified",
                 "did_not_start", "unknown"]
QuoteKind = Literal["marks", "dash", "qa", "unmarked"]
CheckField = Literal["position", "points", "wins", "podiums", "poles", "fastest_laps", "races",
                     "participation", "best_result"]
Verdict = Literal["confirmed", "contradicted", "partially_confirmed", "unverifiable"]


class _Record(BaseModel):
    """Output records: unknown keys are refused so that a typo never reaches a reader."""
    model_config = ConfigDict(extra="forbid")


class Sidecar(_Record):
    """The known keys of a `raw/<name>.meta.json` sidecar (unknown keys go to source.extra)."""
    url: Optional[str] = None
    source_type: Optional[SourceType] = None
    published: Optional[PartialDate] = None
    title: Optional[str] = None
    subject: Optional[str] = None
    language: Optional[str] = None


class Source(_Record):
    path: str
    sha256: str
    source_type: SourceType = "unknown"
    url: Optional[str] = None
    published: Optional[PartialDate] = None
    title: Optional[str] = None
    extra: dict[str, Any] = Field(default_factory=dict)
    inferred: list[str] = Field(default_factory=list,
                                description="fields the pipeline inferred rather than read from a sidecar")


class Segment(_Record):
    start: int
    end: int
    language: str


class Evidence(_Record):
    start: int
    end: int
    text: str
    language: str


class Entity(_Record):
    text: str
    label: EntityLabel
    start: int
    end: int
    canonical: Optional[str] = None


class _Extracted(_Record):
    id: str = ""
    doc_id: str = ""
    extractor: str
    confidence: float = Field(ge=0.0, le=1.0)
    evidence: Evidence


class Event(_Extracted):
    type: EventType
    person: Optional[str] = None
    date: Optional[PartialDate] = None
    date_end: Optional[PartialDate] = None
    age: Optional[int] = None
    series: Optional[str] = None
    team: Optional[str] = None
    car: Optional[str] = None
    circuit: Optional[str] = None
    category: Optional[str] = None
    title: Optional[str] = None
    place: Optional[str] = None


class Result(_Extracted):
    person: Optional[str] = None
    season: Optional[int] = None
    series: Optional[str] = None
    category: Optional[str] = None
    scope: Optional[Scope] = None
    circuit: Optional[str] = None
    round: Optional[str] = None
    race: Optional[int] = None
    position: Optional[int] = None
    status: Status = "classified"
    points: Optional[int] = None
    wins: Optional[int] = None
    podiums: Optional[int] = None
    poles: Optional[int] = None
    fastest_laps: Optional[int] = None
    races: Optional[int] = None
    team: Optional[str] = None
    car: Optional[str] = None
    best: bool = Field(default=False,
                       description="the text calls this race place the season's best "
                                   "(\"her best result was seventh at Monza\"); "
                                   "reconciled as best_result")


class Quote(_Extracted):
    text: str
    speaker: Optional[str] = None
    cue: Optional[str] = None
    kind: QuoteKind
    language: str


class TableSource(_Record):
    doc_id: Optional[str] = None
    csv: Optional[str] = None
    table: Optional[str] = None
    line: Optional[int] = None


class TableRow(_Record):
    id: str = ""
    kind: Literal["season"] = "season"
    person: Optional[str] = None
    season: Optional[int] = None
    series: Optional[str] = None
    category: Optional[str] = Field(default=None,
                                    description="class or cup within the series (`Silver Cup`, `VT2`)")
    team: Optional[str] = None
    races: Optional[int] = None
    wins: Optional[int] = None
    poles: Optional[int] = None
    fastest_laps: Optional[int] = None
    podiums: Optional[int] = None
    points: Optional[int] = None
    position: Optional[int] = None
    position_text: Optional[str] = None
    points_text: Optional[str] = None
    footnotes: list[str] = Field(default_factory=list)
    source: TableSource


class RaceRow(_Record):
    id: str = ""
    kind: Literal["race"] = "race"
    person: Optional[str] = None
    season: Optional[int] = None
    series: Optional[str] = None
    team: Optional[str] = None
    car: Optional[str] = None
    round: Optional[str] = None
    race: Optional[int] = None
    position: Optional[int] = None
    status: Status = "classified"
    note: Optional[str] = None
    source: TableSource


AnyTableRow = Annotated[Union[TableRow, RaceRow], Field(discriminator="kind")]


class DocumentExtraction(_Record):
    schema_version: Literal["1"] = SCHEMA_VERSION
    doc_id: str
    source: Source
    language: Optional[str] = None
    language_confidence: float = 0.0
    segments: list[Segment] = Field(default_factory=list)
    supported: bool = True
    subject: Optional[str] = None
    document_date: Optional[PartialDate] = None
    entities: list[Entity] = Field(default_factory=list)
    events: list[Event] = Field(default_factory=list)
    results: list[Result] = Field(default_factory=list)
    quotes: list[Quote] = Field(default_factory=list)
    table_rows: list[AnyTableRow] = Field(default_factory=list)
    warnings: list[str] = Field(default_factory=list)


class Claim(_Record):
    kind: Literal["result", "event"]
    id: str
    doc_id: str
    person: Optional[str] = None
    season: Optional[int] = None
    series: Optional[str] = None


class Check(_Record):
    field: CheckField
    claimed: Any = None
    table: Any = None
    agrees: bool


class Reconciliation(_Record):
    id: str = ""
    claim: Claim
    status: Verdict
    checks: list[Check] = Field(default_factory=list)
    table_refs: list[str] = Field(default_factory=list)
    explanation: str


class ManifestEntry(_Record):
    path: str
    sha256: Optional[str] = None
    content_hash: Optional[str] = Field(default=None, description="sha256 of text + sidecar: what incremental runs compare")
    status: Literal["ok", "skipped", "failed"]
    reason: Optional[str] = None
    language: Optional[str] = None
    counts: dict[str, int] = Field(default_factory=dict)
    seconds: float = 0.0
    warnings: list[str] = Field(default_factory=list)


class Manifest(_Record):
    schema_version: Literal["1"] = SCHEMA_VERSION
    pipeline_version: str
    rules_hash: str
    documents: dict[str, ManifestEntry] = Field(default_factory=dict)
    tables: dict[str, ManifestEntry] = Field(default_factory=dict)
    counts: dict[str, int] = Field(default_factory=dict)


RECORD_MODELS: dict[str, type[BaseModel]] = {
    "DocumentExtraction": DocumentExtraction, "Event": Event, "Result": Result, "Quote": Quote,
    "Entity": Entity, "TableRow": TableRow, "RaceRow": RaceRow, "Reconciliation": Reconciliation,
    "Manifest": Manifest, "Sidecar": Sidecar,
}
