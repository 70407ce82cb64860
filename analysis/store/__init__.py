"""DuckDB storage: the documented schema, and writes that replace a paper's rows in one transaction."""

from .db import (
    TABLE_COLUMNS, BuildWrite, connect, create_schema, known_files, next_build_id, stored_papers, write_build,
    write_extraction,
)

__all__ = [
    "TABLE_COLUMNS", "BuildWrite", "connect", "create_schema", "known_files", "next_build_id", "stored_papers",
    "write_build", "write_extraction",
]
