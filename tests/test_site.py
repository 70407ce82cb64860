"""The rendered site, opened in headless Chromium with every non-file:// request blocked.

Needs Debian's chromium at /usr/bin/chromium (Playwright drives it; no browser download).
Skips on a machine without it, except under CI=true, where a missing browser is a failure."""

import json
import os
import shutil
from datetime import date
from pathlib import Path

import pytest

from analysis.reports.render import render_site, site_pages
from analysis.paths import PROJECT_ROOT

CHROMIUM = Path("/usr/bin/chromium")
CHROMIUM_ARGS = [
    "--headless", "--no-sandbox", "--disable-gpu", "--disable-background-networking",
    "--disable-component-update", "--disable-sync", "--no-first-run",
]
SCREENSHOTS = PROJECT_ROOT / "test-artifacts" / "screenshots"
HOSTILE_TITLE = "<img src=x onerror=alert(1)> Injected Title"

pytestmark = pytest.mark.browser


@pytest.fixture(scope="module")
def site(seed_db, tmp_path_factory) -> Path:
    """The seed report rendered by the fallback renderer (no Quarto on this machine)."""
    out = tmp_path_factory.mktemp("site") / "_site"
    render_site(seed_db, out, use_quarto=shutil.which("quarto") is not None)
    return out


@pytest.fixture(scope="module")
def browser():
    if not CHROMIUM.exists():
        if os.environ.get("CI") == "true":
            pytest.fail("CI=true but /usr/bin/chromium is missing: .ci/run must install it (apt-get install -y chromium)")
        pytest.skip("no /usr/bin/chromium on this machine")
    from playwright.sync_api import sync_playwright

    with sync_playwright() as playwright:
        browser = playwright.chromium.launch(executable_path=str(CHROMIUM), args=CHROMIUM_ARGS)
        yield browser
        browser.close()


def test_site_has_every_page_and_an_index(site):
    pages = site_pages(PROJECT_ROOT)
    assert [spec.source.name for spec in pages] == [
        "index.qmd", "buzzwords.qmd", "claims.qmd", "models-datasets.qmd", "code.qmd", "trends.qmd", "explore.qmd",
        "method.qmd",
    ]
    for spec in pages:
        assert (site / "reports" / spec.source.with_suffix(".html").name).is_file()
    assert "reports/index.html" in (site / "index.html").read_text()


def test_pages_are_self_contained(site):
    for page in (site / "reports").glob("*.html"):
        text = page.read_text(encoding="utf-8")
        assert "cdn.jsdelivr.net" not in text and "<script src=\"http" not in text, page.name


def open_offline(browser, url):
    """Opens a page with every request that leaves file:// blocked; returns page, console errors, blocked URLs."""
    page = browser.new_page(viewport={"width": 1200, "height": 900})
    errors, blocked = [], []
    page.on("console", lambda message: errors.append(message.text) if message.type == "error" else None)
    page.on("pageerror", lambda error: errors.append(str(error)))

    def route(request_route):
        if request_route.request.url.startswith("file://"):
            request_route.continue_()
        else:
            blocked.append(request_route.request.url)
            request_route.abort()

    page.route("**/*", route)
    page.goto(url)
    page.wait_for_load_state("load")
    return page, errors, blocked


@pytest.fixture(scope="module")
def dated_site(tmp_path_factory) -> Path:
    """A site over listings that span several months, so the time charts appear."""
    from analysis.build import build
    from conftest import FIXTURES

    folder = tmp_path_factory.mktemp("dated")
    db = folder / "dated.duckdb"
    hostile = folder / "hostile.jsonl"
    hostile.write_text(json.dumps({
        "id": "9999.00001", "title": HOSTILE_TITLE, "published": "2025-09-15",
        "abstract": "We propose <b>EvilNet</b><script>window.__pwned = 1</script>, which is 999x faster. "
                    "Code: https://github.com/evil/evil\"onmouseover=\"alert(3).",
    }) + "\n")
    build([FIXTURES / "hf_sample.jsonl", FIXTURES / "2025-06-10.json", FIXTURES / "2025-03-18.jsonl.gz", hostile], db, progress=False)
    render_site(db, folder / "_site", use_quarto=shutil.which("quarto") is not None, title="Weekly <ML> digest")
    return folder / "_site"


def test_every_page_loads_offline_and_draws_every_chart(site, browser):
    check_pages(site, browser, "seed", undated_pages={"trends", "explore", "method"})


def test_time_charts_draw_when_papers_span_several_months(dated_site, browser):
    check_pages(dated_site, browser, "dated", undated_pages={"explore", "method"})
    trends_page = (dated_site / "reports" / "trends.html").read_text(encoding="utf-8")
    assert "13 dated papers" in trends_page
    # Months of a dozen papers are too few to call anything rising or falling, and the page says so.
    assert "Too few papers to say what rose or fell" in trends_page and "Rising most" not in trends_page
    # June and September are covered in part: the charts fade partial months.
    assert "datum.partial" in trends_page


def test_explore_search_filters_the_table(dated_site, browser):
    page, errors, blocked = open_offline(browser, (dated_site / "reports" / "explore.html").as_uri())
    rows = page.locator("#papertrends-explore-table tbody tr")
    total = rows.count()
    assert total >= 13
    page.fill("#papertrends-explore-search", "Reinforcement Pre-Training")
    assert 1 <= rows.count() < total
    assert all("reinforcement pre-training" in text.lower() for text in rows.all_inner_texts())
    page.fill("#papertrends-explore-search", "")
    assert rows.count() == total
    page.locator("#papertrends-explore-table thead th", has_text="Date").click()
    dates = [row.split("\t")[1] for row in rows.all_inner_texts() if row.count("\t") > 1]
    assert dates == sorted(dates)
    # A number's link opens Explore filtered to its evidence.
    page.goto((dated_site / "reports" / "explore.html").as_uri() + "#q=released")
    assert 1 <= rows.count() < total
    assert errors == [] and blocked == []
    page.close()


def test_table_numbers_link_to_their_evidence(site, browser):
    page, errors, blocked = open_offline(browser, (site / "reports" / "buzzwords.html").as_uri())
    link = page.locator("table.papertrends-table a").first
    buzzword = link.inner_text()
    link.click()
    page.wait_for_url("**/explore.html#q=*")
    rows = page.locator("#papertrends-explore-table tbody tr")
    assert page.input_value("#papertrends-explore-search") == buzzword
    assert 0 < rows.count() < 161
    assert errors == [] and blocked == []
    page.close()


def test_paper_text_is_shown_as_text_and_runs_nothing(dated_site, browser):
    dialogs = []
    for html_file in sorted((dated_site / "reports").glob("*.html")):
        page, errors, blocked = open_offline(browser, html_file.as_uri())
        page.on("dialog", lambda dialog: (dialogs.append(dialog.message), dialog.dismiss()))
        page.wait_for_timeout(300)
        assert page.evaluate("() => window.__pwned === undefined"), html_file.name
        assert page.locator("img[src='x']").count() == 0, html_file.name
        assert page.locator("b", has_text="EvilNet").count() == 0, html_file.name
        assert errors == [], (html_file.name, errors)
        page.close()
    assert dialogs == []
    page, _, _ = open_offline(browser, (dated_site / "reports" / "explore.html").as_uri())
    page.fill("#papertrends-explore-search", "onerror")
    assert HOSTILE_TITLE in page.locator("#papertrends-explore-table tbody").inner_text()
    page.close()


def test_report_parameters_title_and_window(dated_site, seed_db, tmp_path):
    overview = (dated_site / "reports" / "index.html").read_text(encoding="utf-8")
    assert "Weekly &lt;ML&gt; digest" in overview and "Weekly <ML> digest" not in overview
    from analysis.build import build
    from conftest import FIXTURES

    db = tmp_path / "window.duckdb"
    build([FIXTURES / "hf_sample.jsonl"], db, progress=False)
    out = render_site(db, tmp_path / "_site", use_quarto=False, since=date(2025, 9, 1), until=date(2025, 9, 30))
    assert "6 papers" in out.parent.joinpath("reports", "index.html").read_text(encoding="utf-8")


def check_pages(site, browser, name, undated_pages):
    SCREENSHOTS.mkdir(parents=True, exist_ok=True)
    for html_file in sorted((site / "reports").glob("*.html")):
        page, errors, blocked = open_offline(browser, html_file.as_uri())
        charts = page.locator(".papertrends-chart > div[id]")
        if html_file.stem not in undated_pages:
            assert charts.count() >= 1, html_file.name
        # vegaEmbed renders asynchronously: wait until every chart has its SVG.
        page.wait_for_function(
            "() => Array.from(document.querySelectorAll('.papertrends-chart > div[id]')).every(d => d.querySelector('svg'))",
            timeout=15000,
        )
        marks = page.evaluate(
            "() => Array.from(document.querySelectorAll('.papertrends-chart > div[id]'))"
            ".map(d => d.querySelectorAll('g.role-mark > path, g.role-mark > rect, g.role-mark > circle').length)"
        )
        page.screenshot(path=str(SCREENSHOTS / f"{name}-{html_file.stem}.png"), full_page=True)
        assert errors == [], (html_file.name, errors)
        assert blocked == [], (html_file.name, blocked)
        assert all(count > 0 for count in marks), (html_file.name, marks)
        page.close()


def test_site_index_leads_to_the_overview(site, browser):
    page, errors, blocked = open_offline(browser, (site / "index.html").as_uri())
    page.wait_for_url("**/reports/index.html")
    assert page.locator("h1").first.inner_text() == "Overview"
    assert "161 papers" in page.content()
    assert errors == [] and blocked == []
    page.close()


def test_a_config_cannot_send_pages_outside_the_site(tmp_path):
    from analysis.reports.render import RenderError

    project = tmp_path / "project"
    (project / "reports").mkdir(parents=True)
    (project / "_quarto.yml").write_text(
        "website:\n  navbar:\n    left:\n      - href: ../../outside.qmd\n        text: Escape\n"
    )
    with pytest.raises(RenderError, match="is not a .qmd file inside"):
        site_pages(project)
