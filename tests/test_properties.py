"""Properties of the claim parser and the readers, checked on generated inputs (Hypothesis).

`make fuzz` runs the same properties much longer (the "fuzz" profile); the test suite runs the default."""

import math
import os
import tempfile
from pathlib import Path

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from analysis.build import read_inputs
from analysis.extract.claims import find_claims
from analysis.extract.links import find_links

settings.register_profile("fuzz", max_examples=20_000, deadline=None, suppress_health_check=list(HealthCheck))
settings.register_profile("default", max_examples=200, deadline=None)
settings.load_profile(os.environ.get("HYPOTHESIS_PROFILE", "default"))

KINDS = {"percent", "multiplier", "count", "params", "score", "duration", "other"}
QUALIFIERS = {"none", "approx", "more_than", "at_least", "up_to", "less_than", "at_most"}
words = st.text(alphabet=st.characters(codec="utf-8", exclude_categories=("Cs",)), max_size=300)


@given(words)
def test_claims_are_spans_of_the_text(text):
    for claim in find_claims(text):
        assert 0 <= claim.start_char < claim.end_char <= len(text)
        assert text[claim.start_char : claim.end_char] == claim.text
        assert claim.kind in KINDS and claim.qualifier in QUALIFIERS
        assert math.isfinite(claim.value)


@given(
    st.integers(min_value=0, max_value=10**9),
    st.integers(min_value=0, max_value=99),
    st.sampled_from(["", "K", "M", "B"]),
    st.sampled_from(["%", "x", ""]),
    st.sampled_from(["", "+", "-"]),
)
def test_values_round_trip(whole, hundredths, magnitude, unit, sign):
    if whole > 999_999 and magnitude:
        whole //= 1000
    number = f"{whole}.{hundredths:02d}" if hundredths else f"{whole}"
    written = f"{sign}{number}{magnitude}{unit}"
    if not sign and not magnitude and not unit and not hundredths and 1900 <= whole <= 2100:
        return  # a bare four-digit number in this range reads as a year
    claims = find_claims(f"Our model reaches {written} on the held-out split.")
    assert [c.text for c in claims] == [written]
    expected = float(number) * {"": 1, "K": 1e3, "M": 1e6, "B": 1e9}[magnitude] * (-1 if sign == "-" else 1)
    assert math.isclose(claims[0].value, expected, rel_tol=1e-9)


@given(st.from_regex(r"[a-z][a-z0-9_-]{0,15}", fullmatch=True), st.integers(min_value=0, max_value=10**6))
def test_no_claim_inside_a_url(name, number):
    text = f"Code: https://github.com/{name}{number}/v{number}-{number}x and more."
    link_spans = [(link.start_char, link.end_char) for link in find_links(text)]
    assert link_spans
    for claim in find_claims(text):
        assert not any(start < claim.end_char and claim.start_char < end for start, end in link_spans)


@given(st.from_regex(r"[A-Z][A-Za-z]{1,10}", fullmatch=True), st.integers(min_value=0, max_value=999))
def test_no_claim_inside_a_name(name, number):
    assert find_claims(f"We compare {name}-{number} with {name}{number}.") == []


@given(st.binary(max_size=4096), st.sampled_from(["x.jsonl", "x.json", "x.txt", "x.gz", "x.csv", "x.xml"]))
@settings(suppress_health_check=[HealthCheck.function_scoped_fixture])
def test_readers_never_crash_on_arbitrary_bytes(content, name):
    with tempfile.TemporaryDirectory() as folder:
        path = Path(folder) / name
        path.write_bytes(content)
        records = read_inputs([path])  # a ListingError becomes a reject; anything else would raise here
        assert records.read + len(records.rejects) == records.seen_per_file[str(path)]
