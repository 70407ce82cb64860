"""papertrends: turn listings of machine-learning papers into trend reports.

The package reads in one direction: ``sources`` (read listings) -> ``extract`` (spaCy components)
-> ``store`` (DuckDB schema and writes) -> ``trends`` (queries) -> ``reports`` (pages).
"""

__version__ = "0.1.0"
