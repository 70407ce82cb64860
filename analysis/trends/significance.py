"""When does a term's share of papers change between two periods by more than chance? The test is the
log-likelihood G² of a 2x2 table (Dunning 1993; Rayson and Garside 2000):

                     earlier period      later period
    term papers      term_before         term_after
    other papers     n_before - t_b      n_after - t_a

G² = 2 Σ O ln(O / E) over the four cells, E being each cell's count expected when the share did not change
(row total x column total / all papers; an empty cell adds nothing). Under no change G² follows a chi-square
distribution with 1 degree of freedom, whose survival function is erfc(sqrt(G² / 2)): that is the p-value.

The size of a change is Hardie's log ratio, log2(share after / share before): +1 means the share doubled,
-1 that it halved. A period in which the term has no paper counts it as ``ZERO_SMOOTHING`` (half a paper) so
the ratio stays finite; only the log ratio is smoothed, never G².

A term is called rising or falling only when p < ``SIGNIFICANCE_LEVEL`` (equivalently G² ≥ ``G2_CRITICAL``),
it is in at least ``MIN_TERM_PAPERS`` papers of the two periods together, and each period holds at least
``MIN_PERIOD_PAPERS`` papers; otherwise its change is "no significant change".
"""

from __future__ import annotations

import math
from dataclasses import dataclass

SIGNIFICANCE_LEVEL = 0.01
# Chi-square with 1 degree of freedom at p = 0.01 is 6.6349 (Rayson's tables print 6.63): G² at or above
# this constant has p < 0.01.
G2_CRITICAL = 6.635
MIN_TERM_PAPERS = 5
MIN_PERIOD_PAPERS = 20
ZERO_SMOOTHING = 0.5

RISING, FALLING, NO_CHANGE = "rising", "falling", "no significant change"


@dataclass(frozen=True)
class Change:
    """One term's change between two periods: signed G² (positive when its share rose), its p-value, the
    log ratio of its shares, and the direction a report may state."""

    g2: float
    p_value: float
    log_ratio: float
    direction: str


def log_likelihood_g2(term_before: int, papers_before: int, term_after: int, papers_after: int) -> float:
    """G² of the 2x2 table [term papers, other papers] x [earlier, later] (unsigned)."""
    if not (0 <= term_before <= papers_before and 0 <= term_after <= papers_after):
        raise ValueError("a term cannot be in more papers than its period holds, nor in fewer than none")
    total = papers_before + papers_after
    term_total = term_before + term_after
    cells = (
        (term_before, term_total, papers_before),
        (papers_before - term_before, total - term_total, papers_before),
        (term_after, term_total, papers_after),
        (papers_after - term_after, total - term_total, papers_after),
    )
    g2 = 0.0
    for observed, row_total, column_total in cells:
        if observed:
            g2 += observed * math.log(observed * total / (row_total * column_total))
    # Rounding can leave a tiny negative sum when the shares are equal.
    return max(0.0, 2.0 * g2)


def chi2_1df_p_value(g2: float) -> float:
    """Probability that a chi-square variable with 1 degree of freedom is at least ``g2``."""
    return math.erfc(math.sqrt(max(g2, 0.0) / 2.0))


def log_ratio(term_before: int, papers_before: int, term_after: int, papers_after: int) -> float:
    """Hardie's log ratio, log2 of (share of papers after / share before); a zero count is taken as
    ``ZERO_SMOOTHING`` papers."""
    before = (term_before or ZERO_SMOOTHING) / papers_before
    after = (term_after or ZERO_SMOOTHING) / papers_after
    return math.log2(after / before)


def compare(
    term_before: int,
    papers_before: int,
    term_after: int,
    papers_after: int,
    min_term_papers: int = MIN_TERM_PAPERS,
    min_period_papers: int = MIN_PERIOD_PAPERS,
) -> Change:
    """The change of one term between two periods, with the direction stated only when it is significant
    and the term and periods have the minimum support."""
    g2 = log_likelihood_g2(term_before, papers_before, term_after, papers_after)
    p_value = chi2_1df_p_value(g2)
    rose = term_after * papers_before > term_before * papers_after
    supported = term_before + term_after >= min_term_papers and min(papers_before, papers_after) >= min_period_papers
    direction = NO_CHANGE
    if supported and p_value < SIGNIFICANCE_LEVEL:
        direction = RISING if rose else FALLING
    signed = g2 if rose else -g2 if g2 else 0.0
    return Change(signed, p_value, log_ratio(term_before, papers_before, term_after, papers_after), direction)
