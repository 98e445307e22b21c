"""One settings model for a run (unknown keys are refused, so a typo is an error, not a no-op)."""
from __future__ import annotations

from pathlib import Path

from pydantic import BaseModel, ConfigDict, Field

SUPPORTED_LANGUAGES = ("en", "sv")


class Settings(BaseModel):
    model_config = ConfigDict(extra="forbid", frozen=True)

    raw: Path = Path("raw")
    out: Path = Path("extracted")
    force: bool = False
    jobs: int = Field(default=1, ge=1, le=64)
    quiet: bool = False
    max_bytes: int = Field(default=10 * 1024 * 1024, ge=1,
                           description="documents larger than this are skipped, not read")
    lock_timeout: float = Field(default=10.0, ge=0,
                                description="seconds to wait for another run on the same --out")
