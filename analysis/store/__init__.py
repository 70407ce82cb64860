"""DuckDB storage: the documented schema, and writes that replace a paper's rows in one transaction."""

from .db import TABLE_COLUMNS, connect, create_schema, write_build

__all__ = ["TABLE_COLUMNS", "connect", "create_schema", "write_build"]
