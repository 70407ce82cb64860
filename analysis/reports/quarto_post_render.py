"""Quarto's post-render step (see quarto_hooks): the site's index page and its Vega bundle."""

import sys

from quarto_hooks import post_render  # a sibling file: Quarto runs this one as a script, outside the package

if __name__ == "__main__":
    sys.exit(post_render())
