"""The reference pages in docs/ are generated from the code; these tests fail when the two drift apart
(run `make docs` to bring the pages up to date)."""

import re

import duckdb
import typer

from analysis import docs
from analysis.cli import app
from analysis.store.db import create_schema


def test_cli_reference_is_what_the_commands_say():
    committed = (docs.DOCS_DIR / "cli.md").read_text(encoding="utf-8")
    assert committed == docs.cli_markdown(), "docs/cli.md is out of date: run `make docs`"


def test_cli_reference_covers_every_command_and_option():
    page = docs.cli_markdown()
    group = typer.main.get_command(app)
    for name, command in group.commands.items():
        assert f"## `papertrends {name}`" in page
        for param in command.params:
            if param.param_type_name == "option":
                assert f"`{param.opts[0]}`" in page, (name, param.opts)


def test_schema_reference_is_what_the_schema_says():
    committed = (docs.DOCS_DIR / "schema.md").read_text(encoding="utf-8")
    assert committed == docs.schema_markdown(), "docs/schema.md is out of date: run `make docs`"


def test_schema_reference_documents_every_table_view_and_column():
    con = duckdb.connect()
    create_schema(con)
    page = docs.schema_markdown()
    relations = [
        row[0]
        for row in con.execute(
            "select table_name from duckdb_tables() where schema_name = 'main' "
            "union all select view_name from duckdb_views() where schema_name = 'main' and not internal"
        ).fetchall()
    ]
    assert relations
    for name in relations:
        assert re.search(rf"^## `{name}` \((table|view)\)\n\n\S", page, re.M), f"{name} has no COMMENT ON"
    undocumented = con.execute(
        "select table_name || '.' || column_name from duckdb_columns() where schema_name = 'main' "
        "and database_name = current_database() and not internal and (comment is null or comment = '')"
    ).fetchall()
    assert undocumented == []


def test_readme_is_short_and_its_links_resolve():
    readme = (docs.PROJECT_ROOT / "README.md").read_text(encoding="utf-8")
    assert len(readme.encode("utf-8")) <= 10_000
    for target in re.findall(r"\]\(((?!https?://)[^)#]+)\)", readme):
        assert (docs.PROJECT_ROOT / target).exists(), target
    # The README's two commands are the Makefile's.
    makefile = (docs.PROJECT_ROOT / "Makefile").read_text(encoding="utf-8")
    assert "make report" in readme and "make test" in readme
    assert re.search(r"^report:", makefile, re.M) and re.search(r"^test:", makefile, re.M)


def test_components_page_has_every_factory_setting():
    from spacy.language import Language

    committed = (docs.DOCS_DIR / "components.md").read_text(encoding="utf-8")
    assert committed == docs.components_page(committed), "docs/components.md is out of date: run `make docs`"
    for name in docs.COMPONENTS:
        for setting in Language.get_factory_meta(name).default_config:
            assert setting in docs.SETTING_MEANINGS, (name, setting)
