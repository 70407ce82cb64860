"""DuckDB storage: the documented schema, and the writes of a build (see analysis.build)."""

from .db import (
    TABLE_COLUMNS,
    ExtractedBatch,
    connect,
    create_schema,
    drop_unsighted_papers,
    files_showing_papers_whose_text_left,
    finish_build,
    forget_files,
    known_files,
    next_build_id,
    restamp_papers,
    stale_papers,
    stored_papers,
    write_chunk,
    write_extracted,
)

__all__ = [
    "TABLE_COLUMNS",
    "ExtractedBatch",
    "connect",
    "create_schema",
    "drop_unsighted_papers",
    "files_showing_papers_whose_text_left",
    "finish_build",
    "forget_files",
    "known_files",
    "next_build_id",
    "restamp_papers",
    "stale_papers",
    "stored_papers",
    "write_chunk",
    "write_extracted",
]
