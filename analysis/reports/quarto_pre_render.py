"""Quarto's pre-render step (see quarto_hooks): the incremental build of data/raw/ before a plain `quarto render`."""

import sys

from quarto_hooks import pre_render  # a sibling file: Quarto runs this one as a script, outside the package

if __name__ == "__main__":
    sys.exit(pre_render())
