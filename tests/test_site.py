"""The rendered site, opened in headless Chromium with every request that leaves the site's folder blocked.

The site is rendered by Quarto, as users render it (`.ci/run` installs Quarto; under CI=true a missing Quarto
is a failure); the fallback renderer's site is compared with it page by page. Needs Debian's chromium at
/usr/bin/chromium (Playwright drives it; no browser download). Skips on a machine without it, except under
CI=true, where a missing browser is a failure."""

import functools
import json
import os
import re
import shutil
import threading
from datetime import date
from html.parser import HTMLParser
from http.server import SimpleHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path
from urllib.parse import quote

import pytest

from analysis.paths import PROJECT_ROOT
from analysis.reports.render import render_site, site_pages

CHROMIUM = Path("/usr/bin/chromium")
CHROMIUM_ARGS = [
    "--headless",
    "--no-sandbox",
    "--disable-gpu",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
    "--no-first-run",
]
SCREENSHOTS = PROJECT_ROOT / "test-artifacts" / "screenshots"
HOSTILE_TITLE = "<img src=x onerror=alert(1)> Injected Title"

pytestmark = pytest.mark.browser


def quarto_available() -> bool:
    if shutil.which("quarto"):
        return True
    if os.environ.get("CI") == "true":
        pytest.fail("CI=true but quarto is not on PATH: .ci/run must install it from ../shared/tools/quarto/")
    return False


@pytest.fixture(scope="module")
def site(seed_db, tmp_path_factory) -> Path:
    """The seed report as `quarto render` makes it (the fallback renderer's on a laptop without Quarto)."""
    out = tmp_path_factory.mktemp("site") / "_site"
    render_site(seed_db, out, use_quarto=quarto_available())
    return out


@pytest.fixture(scope="module")
def fallback_site(seed_db, tmp_path_factory) -> Path:
    """The seed report as the fallback renderer (jupytext + nbclient + pandoc) makes it."""
    out = tmp_path_factory.mktemp("fallback") / "_site"
    render_site(seed_db, out, use_quarto=False)
    return out


@pytest.fixture(scope="module")
def browser():
    if not CHROMIUM.exists():
        if os.environ.get("CI") == "true":
            pytest.fail(
                "CI=true but /usr/bin/chromium is missing: .ci/run must install it (apt-get install -y chromium)"
            )
        pytest.skip("no /usr/bin/chromium on this machine")
    from playwright.sync_api import sync_playwright

    with sync_playwright() as playwright:
        browser = playwright.chromium.launch(executable_path=str(CHROMIUM), args=CHROMIUM_ARGS)
        yield browser
        browser.close()


def test_site_has_every_page_and_an_index(site):
    pages = site_pages(PROJECT_ROOT)
    assert [spec.source.name for spec in pages] == [
        "index.qmd",
        "buzzwords.qmd",
        "claims.qmd",
        "models-datasets.qmd",
        "code.qmd",
        "trends.qmd",
        "benchmarks.qmd",
        "explore.qmd",
        "method.qmd",
    ]
    for spec in pages:
        assert (site / "reports" / spec.source.with_suffix(".html").name).is_file()
    assert "reports/index.html" in (site / "index.html").read_text()


class PageParts(HTMLParser):
    """What a reader gets from a page, whatever renderer made it: headings, figure captions, chart specs, and
    every address the page loads (scripts, stylesheets, images, frames)."""

    def __init__(self):
        super().__init__()
        self.headings, self.captions, self.loads, self.scripts = [], [], [], []
        self._text = None
        self._in_script = False

    def handle_starttag(self, tag, attrs):
        attrs = dict(attrs)
        if tag in ("h1", "h2", "h3", "h4") and attrs.get("id") != "toc-title":
            self._text = [tag]
        elif tag == "figcaption":
            self._text = ["figcaption"]
        elif tag == "script":
            self._in_script = True
            self.scripts.append("")
        if tag in ("script", "img", "iframe", "source") and attrs.get("src"):
            self.loads.append(attrs["src"])
        if (
            tag == "link"
            and attrs.get("href")
            and attrs.get("rel") in ("stylesheet", "preload", "modulepreload", "icon")
        ):
            self.loads.append(attrs["href"])

    def handle_data(self, data):
        if self._text is not None:
            self._text.append(data)
        if self._in_script:
            self.scripts[-1] += data

    def handle_endtag(self, tag):
        if tag == "script":
            self._in_script = False
        if self._text is not None and tag == self._text[0]:
            text = " ".join("".join(self._text[1:]).split())
            (self.captions if tag == "figcaption" else self.headings).append(
                (tag, text) if tag != "figcaption" else text
            )
            self._text = None

    def chart_specs(self) -> list[dict]:
        specs = []
        for script in self.scripts:
            for call in re.finditer(r'vegaEmbed\("#papertrends-chart-\d+", ', script):
                spec, _ = json.JSONDecoder().raw_decode(script, call.end())
                specs.append(spec)
        return specs


def page_parts(path: Path) -> PageParts:
    parts = PageParts()
    parts.feed(path.read_text(encoding="utf-8"))
    return parts


def test_pages_load_nothing_from_outside_the_site(site):
    for page in sorted((site / "reports").glob("*.html")):
        for address in page_parts(page).loads:
            assert not re.match(r"^[a-z][a-z0-9+.-]*:|^//", address, re.I) or address.startswith("data:"), (
                page.name,
                address,
            )
            assert (page.parent / address).resolve().is_relative_to(site.resolve()), (page.name, address)
            assert (page.parent / address).resolve().is_file(), (page.name, address)


def test_one_copy_of_vega_serves_the_whole_site(site):
    bundle = site / "reports" / "vega-bundle.js"
    assert bundle.stat().st_size > 500_000
    for page in sorted((site / "reports").glob("*.html")):
        parts = page_parts(page)
        assert "vega-bundle.js" in parts.loads, page.name
        assert page.stat().st_size < bundle.stat().st_size or page.name == "explore.html", page.name


def test_both_renderers_give_the_same_pages(site, fallback_site):
    if not quarto_available():
        pytest.skip("no Quarto on this machine: only the fallback renderer can run")
    quarto_pages = sorted(path.name for path in (site / "reports").glob("*.html"))
    assert quarto_pages == sorted(path.name for path in (fallback_site / "reports").glob("*.html"))
    for name in quarto_pages:
        by_quarto, by_fallback = page_parts(site / "reports" / name), page_parts(fallback_site / "reports" / name)
        assert by_quarto.headings == by_fallback.headings, name
        assert by_quarto.captions == by_fallback.captions, name
        assert by_quarto.chart_specs() == by_fallback.chart_specs(), name
    assert sum(len(page_parts(site / "reports" / name).chart_specs()) for name in quarto_pages) >= 10


class SiteServer:
    """Serves rendered sites on loopback, as a reader's web server would: a Quarto site's own scripts are ES
    modules, which browsers refuse to load from file://."""

    def __init__(self):
        self.servers: dict[Path, ThreadingHTTPServer] = {}

    def url(self, site: Path, path: str = "") -> str:
        site = site.resolve()
        if site not in self.servers:
            handler = functools.partial(QuietHandler, directory=str(site))
            server = ThreadingHTTPServer(("127.0.0.1", 0), handler)
            threading.Thread(target=server.serve_forever, daemon=True).start()
            self.servers[site] = server
        return f"http://127.0.0.1:{self.servers[site].server_port}/{path}"

    def close(self):
        for server in self.servers.values():
            server.shutdown()
            server.server_close()


class QuietHandler(SimpleHTTPRequestHandler):
    def log_message(self, *args):
        pass


@pytest.fixture(scope="module")
def served():
    server = SiteServer()
    yield server
    server.close()


def open_offline(browser, served: SiteServer, site: Path, path: str, dialogs: list | None = None):
    """Opens a page of ``site`` with every request outside the site blocked (other files of this machine and the
    network alike); returns page, console errors, blocked URLs. Dialogs are recorded from before the page loads."""
    page = browser.new_page(viewport={"width": 1200, "height": 900})
    errors, blocked = [], []
    page.on("console", lambda message: errors.append(message.text) if message.type == "error" else None)
    page.on("pageerror", lambda error: errors.append(str(error)))
    if dialogs is not None:
        page.on("dialog", lambda dialog: (dialogs.append(dialog.message), dialog.dismiss()))
    inside = served.url(site)

    def route(request_route):
        if request_route.request.url.startswith(inside):
            request_route.continue_()
        else:
            blocked.append(request_route.request.url)
            request_route.abort()

    page.route("**/*", route)
    page.goto(served.url(site, path))
    page.wait_for_load_state("load")
    return page, errors, blocked


@pytest.fixture(scope="module")
def dated_site(tmp_path_factory) -> Path:
    """A site over listings that span several months, so the time charts appear."""
    from conftest import FIXTURES

    from analysis.build import build

    folder = tmp_path_factory.mktemp("dated")
    db = folder / "dated.duckdb"
    hostile = folder / "hostile.jsonl"
    hostile.write_text(
        json.dumps(
            {
                "id": "9999.00001",
                "title": HOSTILE_TITLE,
                "published": "2025-09-15",
                "abstract": "We propose <b>EvilNet</b><script>window.__pwned = 1</script>, which is 999x faster. "
                'Code: https://github.com/evil/evil"onmouseover="alert(3).',
            }
        )
        + "\n"
    )
    build(
        [FIXTURES / "hf_sample.jsonl", FIXTURES / "2025-06-10.json", FIXTURES / "2025-03-18.jsonl.gz", hostile],
        db,
        progress=False,
    )
    render_site(db, folder / "_site", use_quarto=quarto_available(), title="Weekly <ML> digest")
    return folder / "_site"


def test_every_page_loads_offline_and_draws_every_chart(site, browser, served):
    check_pages(site, browser, served, "seed", undated_pages={"trends", "explore", "method"})


def test_time_charts_draw_when_papers_span_several_months(dated_site, browser, served):
    check_pages(dated_site, browser, served, "dated", undated_pages={"explore", "method"})
    trends_page = (dated_site / "reports" / "trends.html").read_text(encoding="utf-8")
    assert "13 dated papers" in trends_page
    # Two months without papers sit between June and September, and both ends are partial: nothing is compared
    # (no month is whole after the gap), nothing is called rising, and the page says why.
    assert "months without papers" in trends_page and "no period is compared with another" in trends_page
    assert "Rising most" not in trends_page and "Falling most" not in trends_page
    # June and September are covered in part: the charts fade partial months.
    assert "datum.partial" in trends_page


def test_explore_search_filters_the_table(dated_site, browser, served):
    page, errors, blocked = open_offline(browser, served, dated_site, "reports/explore.html")
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
    # An address can fill the search box for a reader.
    page.goto(served.url(dated_site, "reports/explore.html#q=released"))
    assert page.input_value("#papertrends-explore-search") == "released"
    assert 1 <= rows.count() < total
    assert errors == [] and blocked == []
    page.close()


EXPLORE_LINKS = "a[href*='explore.html#']"


def followed_links(page):
    """The page's links into Explore: (address, text, count the link says it opens). Quarto's scripts make
    addresses absolute."""
    return page.eval_on_selector_all(
        EXPLORE_LINKS,
        "links => links.map(a => [a.getAttribute('href'), a.innerText, a.title])",
    )


def shown_count(page) -> int:
    text = page.inner_text("#papertrends-explore-count")
    return int(re.match(r"[\d,]+", text).group().replace(",", ""))


def test_numbers_in_findings_open_explore_on_exactly_their_papers(site, browser, served):
    followed = 0
    for name in ("index", "buzzwords", "claims", "code", "models-datasets", "method"):
        page, errors, blocked = open_offline(browser, served, site, f"reports/{name}.html")
        links = followed_links(page)
        assert links, name
        for index, (href, text, title) in enumerate(links[:4]):
            stated = int(re.match(r"[\d,]+", title).group().replace(",", ""))
            if re.fullmatch(r"[\d,]+ (papers|of them|more)", " ".join(text.split())):
                assert int(text.split()[0].replace(",", "")) == stated, (name, text, title)
            page.locator(EXPLORE_LINKS).nth(index).click()
            page.wait_for_url("**/explore.html#*")
            assert shown_count(page) == stated, (name, text, href[:80])
            rows = page.locator("#papertrends-explore-table tbody tr")
            assert rows.count() == min(stated, 200), (name, text)
            followed += 1
            page.go_back()
            page.wait_for_url(f"**/{name}.html")
        assert errors == [] and blocked == [], (name, errors, blocked)
        page.close()
    assert followed >= 5


FINDING_LINKS = "section#findings li a[href*='explore.html#']"


def test_every_count_in_the_findings_opens_explore_on_that_many_papers(site, dated_site, browser, served):
    """The findings at the top of the Overview, Models, Claims, Code and Trends pages: every "N papers" is a
    link, and following each link (up to five a page) shows Explore with exactly N papers."""
    followed = {}
    pages = [(site, name) for name in ("index", "models-datasets", "claims", "code")] + [(dated_site, "trends")]
    for folder, name in pages:
        page, errors, blocked = open_offline(browser, served, folder, f"reports/{name}.html")
        items = page.locator("section#findings li")
        assert items.count(), name
        for index in range(items.count()):
            item = items.nth(index)
            unlinked = item.evaluate(
                "li => { const c = li.cloneNode(true); c.querySelectorAll('a').forEach(a => a.remove()); return c.innerText; }"
            )
            assert not re.search(r"(?<!per )(?<!at least )(?<![\d,])[1-9][\d,]* (dated )?papers?\b", unlinked), (
                name,
                item.inner_text(),
            )
        links = page.eval_on_selector_all(FINDING_LINKS, "links => links.map(a => [a.innerText, a.title])")
        for index, (text, title) in enumerate(links[:5]):
            stated = int(re.match(r"[\d,]+", title).group().replace(",", ""))
            if re.match(r"[\d,]+( |$)", text.strip()):
                assert int(re.match(r"[\d,]+", text.strip()).group().replace(",", "")) == stated, (name, text, title)
            page.locator(FINDING_LINKS).nth(index).click()
            page.wait_for_url("**/explore.html#*")
            assert shown_count(page) == stated, (name, text)
            assert page.locator("#papertrends-explore-table tbody tr").count() == min(stated, 200), (name, text)
            followed[name] = followed.get(name, 0) + 1
            page.go_back()
            page.wait_for_url(f"**/{name}.html")
        assert errors == [] and blocked == [], (name, errors, blocked)
        page.close()
    assert set(followed) == {name for _, name in pages}, followed
    assert sum(followed.values()) >= 5


def test_explore_opens_on_a_set_of_ids_or_a_named_set_and_still_searches(site, browser, served, seed_db):

    import duckdb

    with duckdb.connect(str(seed_db), read_only=True) as con:
        every_id = [row[0] for row in con.execute("SELECT paper_id FROM papers ORDER BY paper_id").fetchall()]
        released = con.execute("SELECT count(*) FROM code_status WHERE status = 'released'").fetchone()[0]
    # Every paper's id in the address (about 4 kB): a long set still opens whole.
    page, errors, blocked = open_offline(
        browser,
        served,
        site,
        "reports/explore.html#ids=" + ",".join(quote(paper_id, safe="") for paper_id in every_id[:150]),
    )
    assert shown_count(page) == 150
    # The search box searches within the set; emptying it gives the set back.
    page.fill("#papertrends-explore-search", "language")
    rows = page.locator("#papertrends-explore-table tbody tr")
    assert 0 < rows.count() < 150
    page.fill("#papertrends-explore-search", "")
    assert rows.count() == 150
    # A set named by a field of Explore's data (how sets too large for an address are linked).
    page.goto(served.url(site, "reports/explore.html#set=status:released&n=" + str(released)))
    assert shown_count(page) == released == rows.count()
    page.click("#papertrends-explore-set a")
    page.wait_for_function("() => !document.querySelector('#papertrends-explore-count').textContent.includes('behind')")
    assert rows.count() == len(every_id)
    # A set too large for an address, as findings link it: by where the code evidence is.
    with duckdb.connect(str(seed_db), read_only=True) as con:
        text_code = con.execute("SELECT count(DISTINCT paper_id) FROM links WHERE repo IS NOT NULL").fetchone()[0]
    assert 0 < text_code <= released
    page.goto(served.url(site, f"reports/explore.html#set=code:text&n={text_code}"))
    page.wait_for_function(
        f"() => document.querySelectorAll('#papertrends-explore-table tbody tr').length === {text_code}"
    )
    assert shown_count(page) == text_code
    assert errors == [] and blocked == []
    page.close()


def test_explore_opens_on_the_papers_of_a_period(dated_site, browser, served):
    """How a trend's period too large to carry by ids is linked: by its date field ("to" is the day after the
    last), alone or with an item."""
    import duckdb

    with duckdb.connect(str(dated_site.parent / "dated.duckdb"), read_only=True) as con:
        days = [
            row[0]
            for row in con.execute(
                "SELECT DISTINCT published FROM papers WHERE published IS NOT NULL ORDER BY 1"
            ).fetchall()
        ]
        start, end = days[1], days[-1]
        in_dates = con.execute(
            "SELECT count(*) FROM papers WHERE published >= ? AND published < ?", [start, end]
        ).fetchone()[0]
        buzzword, with_it = con.execute(
            "SELECT buzzword, count(DISTINCT paper_id) FROM buzzword_mentions JOIN papers USING (paper_id) "
            "WHERE published >= ? GROUP BY 1 ORDER BY 2 DESC, 1 LIMIT 1",
            [start],
        ).fetchone()
        every = con.execute("SELECT count(*) FROM papers").fetchone()[0]
    assert 0 < in_dates < every and 0 < with_it < every
    page, errors, blocked = open_offline(browser, served, dated_site, "reports/explore.html")
    for fragment, expected in (
        (f"by=published&from={start}&to={end}&n={in_dates}", in_dates),
        (f"set=buzzwords:{quote(buzzword)}&by=published&from={start}&n={with_it}", with_it),
    ):
        page.goto(served.url(dated_site, "reports/explore.html#" + fragment))
        page.wait_for_function(
            f"() => document.querySelectorAll('#papertrends-explore-table tbody tr').length === {expected}"
        )
        assert shown_count(page) == expected, fragment
    assert errors == [] and blocked == []
    page.close()


def sql_blocks_and_charts(html_file: Path) -> list[tuple[str, dict | None]]:
    """Every "SQL behind this figure" of a page (HTML-unescaped) with the chart spec just before it."""
    import html as html_lib

    text = html_file.read_text(encoding="utf-8")
    found = []
    for block in re.finditer(r'<details class="papertrends-sql">.*?<pre><code>(.*?)</code></pre>', text, re.S):
        before = text[: block.start()]
        calls = list(re.finditer(r'vegaEmbed\("#papertrends-chart-\d+", ', before))
        spec = json.JSONDecoder().raw_decode(before, calls[-1].end())[0] if calls else None
        found.append((html_lib.unescape(block.group(1)), spec))
    return found


def normal(value):
    if isinstance(value, float):
        return round(value, 6)
    if isinstance(value, date):
        return value.isoformat()[:10]
    if isinstance(value, str) and re.match(r"\d{4}-\d\d-\d\dT", value):
        return value[:10]
    return value


def check_sql_blocks(site: Path, db: Path) -> int:
    """Runs every SQL block of the site read-only on ``db``; where a chart draws the query's rows as they are,
    the rows must be the chart's. Returns how many charts were compared."""
    import duckdb

    compared = blocks = 0
    with duckdb.connect(str(db), read_only=True) as con:
        for html_file in sorted((site / "reports").glob("*.html")):
            for sql, spec in sql_blocks_and_charts(html_file):
                blocks += 1
                result = con.execute(sql).pl()
                if not spec or not spec.get("datasets"):
                    continue
                drawn = next(iter(spec["datasets"].values()))
                if not drawn or not set(drawn[0]) <= set(result.columns):
                    continue  # the page reshaped the rows before drawing them
                columns = sorted(drawn[0])
                expected = sorted((tuple(normal(row.get(c)) for c in columns) for row in drawn), key=repr)
                got = sorted((tuple(normal(v) for v in row) for row in result.select(columns).iter_rows()), key=repr)
                assert got == expected, (html_file.name, sql[:300])
                compared += 1
    assert blocks >= 10
    return compared


def test_every_sql_block_runs_as_shown_and_gives_the_figure(fallback_site, seed_db):
    assert check_sql_blocks(fallback_site, seed_db) >= 8


def test_a_windowed_reports_sql_gives_the_windows_numbers(tmp_path):
    import duckdb
    from conftest import FIXTURES

    from analysis.build import build

    db = tmp_path / "dated.duckdb"
    build(
        [FIXTURES / "hf_sample.jsonl", FIXTURES / "2025-06-10.json", FIXTURES / "2025-03-18.jsonl.gz"],
        db,
        progress=False,
    )
    since, until = date(2025, 6, 1), date(2025, 9, 30)
    site = render_site(db, tmp_path / "_site", use_quarto=False, since=since, until=until).parent
    assert check_sql_blocks(site, db) >= 8
    with duckdb.connect(str(db), read_only=True) as con:
        in_window = con.execute(
            "SELECT count(*) FROM papers WHERE coalesce(listed, published) BETWEEN ? AND ?", [since, until]
        ).fetchone()[0]
        assert 0 < in_window < con.execute("SELECT count(*) FROM papers").fetchone()[0]
        # The monthly papers chart's SQL, run as shown, counts the window's papers only.
        trends_blocks = sql_blocks_and_charts(site / "reports" / "trends.html")
        assert trends_blocks and con.execute(trends_blocks[0][0]).pl()["papers"].sum() == in_window
    method = " ".join((site / "reports" / "method.html").read_text(encoding="utf-8").split())
    assert str(db) in method and "2025-06-01 to 2025-09-30" in method and f"{in_window} papers" in method
    for html_file in (site / "reports").glob("*.html"):
        text = html_file.read_text(encoding="utf-8")
        assert "../shared/" not in text and "data/papertrends.duckdb" not in text, html_file.name


def test_paper_text_is_shown_as_text_and_runs_nothing(dated_site, browser, served):
    dialogs = []
    for html_file in sorted((dated_site / "reports").glob("*.html")):
        page, errors, blocked = open_offline(browser, served, dated_site, f"reports/{html_file.name}", dialogs)
        page.wait_for_timeout(300)
        assert page.evaluate("() => window.__pwned === undefined"), html_file.name
        assert page.locator("img[src='x']").count() == 0, html_file.name
        assert page.locator("b", has_text="EvilNet").count() == 0, html_file.name
        assert errors == [], (html_file.name, errors)
        page.close()
    assert dialogs == []
    page, _, _ = open_offline(browser, served, dated_site, "reports/explore.html")
    page.fill("#papertrends-explore-search", "onerror")
    assert HOSTILE_TITLE in page.locator("#papertrends-explore-table tbody").inner_text()
    page.close()


def test_report_parameters_title_and_window(dated_site, seed_db, tmp_path):
    overview = (dated_site / "reports" / "index.html").read_text(encoding="utf-8")
    assert "Weekly &lt;ML&gt; digest" in overview and "Weekly <ML> digest" not in overview
    from conftest import FIXTURES

    from analysis.build import build

    db = tmp_path / "window.duckdb"
    build([FIXTURES / "hf_sample.jsonl"], db, progress=False)
    out = render_site(db, tmp_path / "_site", use_quarto=False, since=date(2025, 9, 1), until=date(2025, 9, 30))
    assert "6 papers" in out.parent.joinpath("reports", "index.html").read_text(encoding="utf-8")


def check_pages(site, browser, served, name, undated_pages):
    SCREENSHOTS.mkdir(parents=True, exist_ok=True)
    for html_file in sorted((site / "reports").glob("*.html")):
        page, errors, blocked = open_offline(browser, served, site, f"reports/{html_file.name}")
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


def test_site_index_leads_to_the_overview(site, browser, served):
    page, errors, blocked = open_offline(browser, served, site, "index.html")
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


def test_charts_take_the_width_of_the_text_and_boxes_keep_words_whole(site, browser, served):
    page, errors, blocked = open_offline(browser, served, site, "reports/index.html")
    page.wait_for_function(
        "() => Array.from(document.querySelectorAll('.papertrends-chart > div[id]')).every(d => d.querySelector('svg'))",
        timeout=15000,
    )
    ratios = page.evaluate(
        "() => Array.from(document.querySelectorAll('figure.papertrends-chart')).map(f => "
        "f.querySelector('svg').getBoundingClientRect().width / f.getBoundingClientRect().width)"
    )
    assert ratios and all(ratio > 0.8 for ratio in ratios), ratios
    # A value box never breaks inside a word: each word of a value sits on one line.
    broken = page.evaluate(
        """() => Array.from(document.querySelectorAll('.papertrends-box-value')).filter(box => {
            const range = document.createRange();
            return box.textContent.split(' ').some((word, i, words) => {
                const start = words.slice(0, i).join(' ').length + (i ? 1 : 0);
                const text = box.firstChild;
                if (!text || !word) return false;
                range.setStart(text, start); range.setEnd(text, start + word.length);
                return range.getClientRects().length > 1;
            });
        }).map(box => box.textContent)"""
    )
    assert broken == []
    assert errors == [] and blocked == []
    page.close()
