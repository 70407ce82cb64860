"""Saved pipelines carry their lexicons (issue 18 item 1): a component that reads lexicon files keeps the bytes
it read, ``nlp.to_disk()`` writes them into the component's folder of the saved pipeline, and ``spacy.load()`` of
that folder reads them back from there (``from_disk``), so a saved pipeline finds the same names on another
machine or after the checkout's lexicons changed. ``to_bytes`` / ``from_bytes`` carry the same files in memory.

The component is first made from its config (its ``*_path`` settings, or the package's lexicons for null), as
spaCy makes every component, and then takes the saved files: a path named in the config must still be readable
where the pipeline is loaded."""

from __future__ import annotations

import tempfile
from collections.abc import Iterable, Mapping
from pathlib import Path

import srsly


class SavesLexicons:
    """Mixin of the components that read lexicon files. A component defines ``read_lexicons(paths)`` (setting ->
    file: build its matchers and word sets from them) and calls ``use_lexicons`` from its ``__init__``."""

    lexicon_files: dict[str, tuple[str, bytes]]  # setting -> (file name in a saved pipeline, bytes read)

    def read_lexicons(self, paths: Mapping[str, Path]) -> None:
        raise NotImplementedError

    def use_lexicons(self, paths: Mapping[str, str | Path]) -> None:
        """Reads the lexicons at ``paths`` (a LexiconError names a bad file) and keeps their bytes for saving."""
        files = {setting: Path(path) for setting, path in paths.items()}
        self.read_lexicons(files)
        self.lexicon_files = {
            setting: (setting.removesuffix("_path") + path.suffix, path.read_bytes()) for setting, path in files.items()
        }

    def to_disk(self, path: str | Path, *, exclude: Iterable[str] = ()) -> None:
        folder = Path(path)
        folder.mkdir(parents=True, exist_ok=True)
        for name, data in self.lexicon_files.values():
            (folder / name).write_bytes(data)

    def from_disk(self, path: str | Path, *, exclude: Iterable[str] = ()):
        folder = Path(path)
        if all((folder / name).is_file() for name, _ in self.lexicon_files.values()):
            self.use_lexicons({setting: folder / name for setting, (name, _) in self.lexicon_files.items()})
        else:  # a folder saved before a lexicon was added: the saved files, the others as they are
            self._use_contents(
                {
                    setting: (name, (folder / name).read_bytes() if (folder / name).is_file() else data)
                    for setting, (name, data) in self.lexicon_files.items()
                }
            )
        return self

    def to_bytes(self, *, exclude: Iterable[str] = ()) -> bytes:
        return srsly.msgpack_dumps({setting: [name, data] for setting, (name, data) in self.lexicon_files.items()})

    def from_bytes(self, data: bytes, *, exclude: Iterable[str] = ()):
        self._use_contents({setting: (name, content) for setting, (name, content) in srsly.msgpack_loads(data).items()})
        return self

    def _use_contents(self, files: Mapping[str, tuple[str, bytes]]) -> None:
        with tempfile.TemporaryDirectory(prefix="papertrends-lexicons-") as folder:
            paths = {}
            for setting, (name, content) in files.items():
                paths[setting] = Path(folder) / name
                paths[setting].write_bytes(content)
            self.use_lexicons(paths)
