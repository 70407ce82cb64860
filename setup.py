"""The one build step of the wheel (pure Python, no compiler): it copies the files the installed package needs
but the repository keeps outside ``analysis/`` into ``analysis/_packaged/`` of the build.

- ``data/lexicons/*`` -> ``analysis/_packaged/lexicons/`` (the default word lists, see ``analysis.paths``);
- ``_quarto.yml``, ``reports/*.qmd``, ``reports/style.css`` and the Quarto hooks ``analysis/reports/quarto_*.py``
  -> ``analysis/_packaged/site/``, a Quarto project that ``papertrends report`` copies and renders when no
  checkout is around.

An editable install (``make install``) copies nothing: it reads data/lexicons/ and reports/ in place, so edits
there take effect at once. Everything else about the package is in pyproject.toml."""

from pathlib import Path

from setuptools import setup
from setuptools.command.build_py import build_py

ROOT = Path(__file__).resolve().parent
PACKAGED = Path("analysis") / "_packaged"
# (folder inside analysis/_packaged/, source files relative to the repository)
BUNDLE = (
    ("lexicons", lambda: [path for path in sorted((ROOT / "data" / "lexicons").iterdir()) if path.is_file()]),
    (
        "site",
        lambda: [
            ROOT / "_quarto.yml",
            *sorted((ROOT / "reports").glob("*.qmd")),
            ROOT / "reports" / "style.css",
            *sorted((ROOT / "analysis" / "reports").glob("quarto_*.py")),
        ],
    ),
)


def bundle_files() -> list[tuple[Path, Path]]:
    """(source, target relative to the build folder) for every file the wheel carries from outside analysis/."""
    pairs = []
    for folder, sources in BUNDLE:
        for source in sources():
            if source.name.startswith("."):
                continue
            relative = source.name if folder == "lexicons" else source.relative_to(ROOT)
            pairs.append((source, PACKAGED / folder / relative))
    return pairs


class BuildWithBundle(build_py):
    def run(self):
        super().run()
        if getattr(self, "editable_mode", False):
            return
        for source, target in bundle_files():
            destination = Path(self.build_lib) / target
            destination.parent.mkdir(parents=True, exist_ok=True)
            self.copy_file(str(source), str(destination))


setup(cmdclass={"build_py": BuildWithBundle})
