"""The chat UI end to end: the real app.py server, driven in headless Chromium with Playwright."""

from __future__ import annotations

import json
import os
import re
import signal
import time
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path

import pytest
from playwright.sync_api import Browser, Page, expect, sync_playwright

from qa import Settings
from qa.ingestion.index import chunk_article
from qa.text import MAX_SENTENCE_CHARS
from qa.types import Article
from tests import newsserver
from tests.conftest import ROOT, SEED, app_command, free_port, model_workers, serving, unread_input

CHROMIUM = Path("/usr/bin/chromium")
CHROMIUM_FLAGS = [
    "--no-sandbox",
    "--disable-gpu",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
    "--no-first-run",
]
OUTPUT = ROOT / "tests" / "output" / "ui"  # screenshots and timings of the last run
BOT = "#chat [data-testid=bot]"

HARBOR = (
    "Harbor Bridge Reopens\n\n"
    "The Harbor Bridge in Portsmouth reopened on Friday after a two-year repair that cost 40 million "
    "dollars. Mayor Linda Ortiz told reporters the bridge would carry 30,000 cars a day. She said tolls "
    "would not rise this year.\n"
)
HOSTILE_TITLE = '<script>window.__pwned = 1</script>Pier <img src=x onerror="window.__pwned = 2">'
HOSTILE_BODY = (
    'The harbour council voted on Monday to build a lighthouse <img src=x onerror="window.__pwned = 3"> '
    "on the north pier. <script>window.__pwned = 4</script> Work starts in spring."
)


@dataclass(frozen=True)
class App:
    url: str
    pid: int


@pytest.fixture(scope="module")
def site() -> Iterator[newsserver.NewsSite]:
    """A news site with feeds on loopback (tests/newsserver.py)."""
    news, server = newsserver.start(internal_url=f"http://127.0.0.1:{free_port()}/admin")
    yield news
    server.shutdown()


@pytest.fixture(scope="module")
def app(tmp_path_factory: pytest.TempPathFactory, site: newsserver.NewsSite) -> Iterator[App]:
    """`python app.py` on a free port over an empty store, which it fills from corpus/; it may fetch
    from the news site on loopback, and from nothing else there."""
    port = free_port()
    url = f"http://127.0.0.1:{port}/"
    store, logs = tmp_path_factory.mktemp("ui-store"), tmp_path_factory.mktemp("ui-log")
    env = {"QA_FETCH_PRIVATE_HOSTS": f"127.0.0.1:{site.port}"}
    with serving(app_command(store, port), url, log=logs / "app.log", env=env) as process:
        yield App(url, process.pid)


@pytest.fixture(scope="module")
def server(app: App) -> str:
    return app.url


@pytest.fixture(scope="module")
def browser() -> Iterator[Browser]:
    if not CHROMIUM.exists():
        pytest.fail("Debian's chromium is needed: `make test` installs it (apt-get install chromium)")
    with sync_playwright() as playwright:
        launched = playwright.chromium.launch(executable_path=str(CHROMIUM), args=CHROMIUM_FLAGS)
        yield launched
        launched.close()


def open_page(browser: Browser, url: str) -> Page:
    """The chat in a browser context of its own (a separate user), ready for a question."""
    context = browser.new_context(viewport={"width": 1400, "height": 950})
    opened = context.new_page()
    opened.goto(url)
    expect(opened.locator("#question textarea")).to_be_visible(timeout=60_000)
    return opened


@pytest.fixture
def page(browser: Browser, server: str) -> Iterator[Page]:
    opened = open_page(browser, server)
    yield opened
    opened.context.close()


def shot(page: Page, name: str) -> None:
    OUTPUT.mkdir(parents=True, exist_ok=True)
    page.screenshot(path=str(OUTPUT / f"{name}.png"), full_page=True)


def ask(page: Page, question: str) -> dict[str, float]:
    """Type a question, press Enter, wait for the whole answer; return the seconds it took."""
    bots = page.locator(BOT)
    before = bots.count()
    status = page.locator("#answer-status")
    old_status = status.inner_text()
    page.fill("#question textarea", question)
    started = time.perf_counter()
    page.press("#question textarea", "Enter")
    while not (bots.count() > before and bots.nth(before).inner_text().strip()):
        if time.perf_counter() - started > 120:
            pytest.fail(f"no answer to {question!r} within 120 s")
        time.sleep(0.005)
    first = time.perf_counter() - started
    expect(status).not_to_have_text(old_status, timeout=60_000)
    return {"first_token_s": first, "full_answer_s": time.perf_counter() - started}


def upload(page: Page, files: list[Path]) -> str:
    """Add files through the upload panel; return the ingest report shown."""
    panel = page.locator("#add-articles")
    if not page.locator("#upload").is_visible():
        panel.get_by_text("Add articles").first.click()
    page.locator("#upload input[type=file]").set_input_files([str(f) for f in files])
    expect(page.locator("#upload")).to_contain_text(files[-1].stem, timeout=30_000)  # ".txt" renders apart
    page.click("#add")
    report = page.locator("#ingest-report")
    expect(report).to_contain_text("Added", timeout=120_000)
    return report.inner_text()


def seed_passages() -> int:
    """How many passages the seed article makes with the default chunking."""
    settings = Settings()
    seed = Article(title="", text=SEED.read_text(encoding="utf-8"))
    return len(chunk_article(seed, size=settings.chunk_sentences, overlap=settings.chunk_overlap))


def test_chat_cites_follows_up_and_answers_from_uploads(page: Page, tmp_path: Path) -> None:
    expect(page.locator("#chat")).to_contain_text("Who is the Pentagon press secretary?")  # examples
    expect(page.locator("#corpus-size")).to_contain_text(f"1 article, {seed_passages()} passages")
    shot(page, "1-start")

    timings = ask(page, "Who is the Pentagon press secretary?")
    answer = page.locator(BOT).last
    expect(answer).to_contain_text("Peter Cook")
    # The direct answer first, in bold; inside the highlighted source sentence, its words marked.
    expect(answer.locator("strong").first).to_have_text("Peter Cook")
    cited = page.locator("#sources mark.qa-cited").first
    expect(cited).to_contain_text("Pentagon press secretary Peter Cook")
    expect(cited.locator("strong.qa-short")).to_have_text("Peter Cook")
    page.locator("#sources .qa-body").first.evaluate("body => { body.scrollTop = body.scrollHeight; }")
    expect(cited).not_to_be_in_viewport()
    links = answer.locator('a[href="#cite-0-1"]')
    expect(links).to_have_count(2)  # after the short answer, and after the sentence that holds it
    links.last.click()
    expect(cited).to_be_in_viewport()
    shot(page, "2-answer-with-highlight")

    # A second article that also "told reporters": only the conversation says who "he" is.
    harbor = tmp_path / "harbor.txt"
    harbor.write_text(HARBOR, encoding="utf-8")
    report = upload(page, [harbor])
    assert "Added 1" in report and "Harbor Bridge Reopens" in report
    expect(page.locator("#corpus-size")).to_contain_text(f"2 articles, {seed_passages() + 1} passages")

    ask(page, "What did he tell reporters?")
    follow_up = page.locator(BOT).last
    expect(follow_up).not_to_contain_text("don't say")
    expect(follow_up).not_to_contain_text("Ortiz")
    expect(page.locator("#sources .qa-title").first).to_contain_text("Despite a ban")
    shot(page, "3-follow-up")

    page.click("#new-conversation")
    expect(page.locator(BOT)).to_have_count(0)
    ask(page, "How much did the Harbor Bridge repair cost?")
    expect(page.locator(BOT).last).to_contain_text("40 million")
    expect(page.locator("#sources .qa-title").first).to_have_text("Harbor Bridge Reopens")
    shot(page, "4-uploaded-article")

    OUTPUT.mkdir(parents=True, exist_ok=True)
    (OUTPUT / "timings-extractive.json").write_text(json.dumps(timings, indent=2))
    print(f"browser timings: {timings}")


def test_article_markup_is_shown_as_text_and_never_runs(page: Page, tmp_path: Path) -> None:
    dialogs: list[str] = []
    page.on("dialog", lambda dialog: (dialogs.append(dialog.message), dialog.dismiss()))
    hostile = tmp_path / "hostile.json"
    hostile.write_text(json.dumps({"title": HOSTILE_TITLE, "body": HOSTILE_BODY}), encoding="utf-8")
    report = upload(page, [hostile])
    assert "<script>" in report

    ask(page, "What did the harbour council vote to build on the north pier?")
    expect(page.locator(BOT).last).to_contain_text('lighthouse <img src=x onerror="window.__pwned = 3">')
    sources = page.locator("#sources")
    expect(sources.locator(".qa-title").first).to_have_text(HOSTILE_TITLE)
    expect(sources.locator("mark.qa-cited").first).to_contain_text("<img src=x onerror=")
    shot(page, "5-hostile-article")

    assert page.evaluate("window.__pwned") is None
    assert dialogs == []
    assert page.locator("#sources img, #sources script, #chat img[src=x], #ingest-report img").count() == 0


def test_an_abstention_offers_related_passages_not_citations(page: Page) -> None:
    ask(page, "Who won the 2022 FIFA World Cup?")
    expect(page.locator(BOT).last).to_contain_text("The articles don't say")
    expect(page.locator("#sources")).to_contain_text("Related passages, not citations")
    expect(page.locator("#sources .qa-related").first).to_be_visible()
    assert page.locator("#sources mark, " + BOT + " a").count() == 0
    expect(page.locator("#answer-status")).to_contain_text("No answer in the articles")


def test_two_people_chat_at_once_each_in_their_own_conversation(browser: Browser, server: str) -> None:
    pages = [open_page(browser, server) for _ in range(2)]
    first, second = pages
    for page, question in zip(
        pages, ["Who is the Pentagon press secretary?", "Who is the White House spokesman?"]
    ):
        page.fill("#question textarea", question)
    for page in pages:  # both in flight together
        page.press("#question textarea", "Enter")
    expect(first.locator(BOT).last).to_contain_text("Peter Cook", timeout=60_000)
    expect(second.locator(BOT).last).to_contain_text("Josh Earnest", timeout=60_000)
    expect(first.locator("#chat")).not_to_contain_text("Josh Earnest")
    for page in pages:
        page.context.close()


def test_the_passages_setting_is_offered_and_limits_retrieval(page: Page, server: str) -> None:
    from gradio_client import Client

    page.get_by_text("Settings").first.click()
    expect(page.locator("#k input[type=range]")).to_be_visible()
    expect(page.locator("#k input[type=number]")).to_have_value(str(Settings().k))
    # The slider's value reaches the server with the question; the same parameter of the JSON API
    # shows what it does, without racing the page's event loop (moving the slider in headless
    # Chromium and reading its number box back raced Gradio's sync in CI).
    answer = Client(server, verbose=False).predict(
        "Who did John Kerry speak with on Tuesday?", 1, "", api_name="/answer"
    )
    assert "Lavrov" in answer["text"] and len(answer["citations"]) == 1
    # The direct answer comes with where it is marked: words of the sentence its citation holds.
    (cited,) = answer["citations"]
    span = answer["short_span"]
    assert "Lavrov" in answer["short"] and span["n"] == cited["n"]
    assert cited["sentence"][span["start"] - cited["start"] : span["end"] - cited["start"]] == answer["short"]


def test_an_article_is_found_in_the_list_and_removed(page: Page, tmp_path: Path) -> None:
    ferry = tmp_path / "ferry.txt"
    ferry.write_text(
        "Ferry fares rise in Dunmore\n\nFerry fares in Dunmore rose by twelve percent on Monday, "
        "the harbour board said.\n",
        encoding="utf-8",
    )
    upload(page, [ferry])
    page.locator("#articles").get_by_text("Articles in the store").first.click()
    search = page.locator("#article-search").get_by_role("textbox")
    expect(search).to_be_visible(timeout=30_000)
    search.fill("ferry fares")
    listed = page.locator(".qa-article")
    expect(listed).to_have_count(1, timeout=30_000)
    expect(listed).to_contain_text("Ferry fares rise in Dunmore")
    before = page.locator("#corpus-size").inner_text()
    listed.locator(".qa-remove").click()
    expect(page.locator("#removed")).to_contain_text("Removed Ferry fares rise in Dunmore", timeout=30_000)
    expect(page.locator("#articles")).to_contain_text("No stored article matches")
    expect(page.locator("#corpus-size")).not_to_have_text(before)
    shot(page, "8-article-removed")
    ask(page, "By how much did ferry fares in Dunmore rise?")
    expect(page.locator("#answer-status")).to_contain_text("No answer in the articles")


def test_a_huge_line_without_sentence_ends_stays_bounded_and_others_are_answered(
    browser: Browser, server: str, tmp_path: Path
) -> None:
    words = "the Kestrel quarry shipped crushed gravel to the harbour pier"
    line = " ".join([words] * (960_000 // (len(words) + 1)))
    huge = tmp_path / "kestrel.txt"
    huge.write_text("Kestrel quarry ledger\n\n" + line + "\n", encoding="utf-8")
    uploader, other = open_page(browser, server), open_page(browser, server)
    uploader.locator("#add-articles").get_by_text("Add articles").first.click()
    uploader.locator("#upload input[type=file]").set_input_files([str(huge)])
    expect(uploader.locator("#upload")).to_contain_text("kestrel", timeout=60_000)
    uploader.click("#add")
    ask(other, "Who is the Pentagon press secretary?")  # answered while the huge file is ingested
    expect(other.locator(BOT).last).to_contain_text("Peter Cook")
    expect(uploader.locator("#ingest-report")).to_contain_text("Added 1", timeout=600_000)
    ask(uploader, "What did the Kestrel quarry ship to the harbour pier?")
    answer = uploader.locator(BOT).last.inner_text()
    assert "Kestrel quarry" in answer
    assert len(answer) < 2 * MAX_SENTENCE_CHARS + 200  # at most two bounded sentences, not 960,000 characters
    for opened in (uploader, other):
        opened.context.close()


def choose_backend(page: Page, name: str) -> None:
    page.get_by_text("Settings").first.click()
    page.locator("#backend input").click()
    page.get_by_role("option", name=name).click()


def test_a_local_llm_answer_streams_in_and_is_checked(page: Page) -> None:
    choose_backend(page, "llamacpp")
    timings = ask(page, "Who did Kerry speak with on Tuesday?")
    expect(page.locator("#answer-status")).to_contain_text(re.compile("Answered|No answer"))
    expect(page.locator(BOT).last).not_to_contain_text("Something went wrong")
    shot(page, "6-llamacpp-answer")
    OUTPUT.mkdir(parents=True, exist_ok=True)
    (OUTPUT / "timings-llamacpp.json").write_text(json.dumps(timings, indent=2))
    print(f"browser timings (llamacpp): {timings}")


def test_a_killed_local_model_costs_one_answer_and_the_chat_keeps_serving(browser: Browser, app: App) -> None:
    local, other = (open_page(browser, app.url) for _ in range(2))
    choose_backend(local, "llamacpp")
    ask(local, "Who is the Pentagon press secretary?")  # the app has started its model worker
    [worker] = model_workers(app.pid)
    os.kill(worker, signal.SIGSTOP)  # frozen: the next local answer waits on it
    local.fill("#question textarea", "Who did John Kerry speak with on Tuesday?")
    # The box is cleared by the previous answer's last update; press only once the question stands.
    expect(local.locator("#question textarea")).to_have_value("Who did John Kerry speak with on Tuesday?")
    local.press("#question textarea", "Enter")
    # Kill only once the frozen worker holds the question: a kill before it arrives would let a new
    # worker answer it, with nothing to report.
    deadline = time.monotonic() + 60
    while not unread_input(worker):
        assert time.monotonic() < deadline, "the question never reached the local model"
        time.sleep(0.1)
    ask(other, "Who is the Pentagon press secretary?")  # another user, meanwhile, is answered
    expect(other.locator(BOT).last).to_contain_text("Peter Cook")
    os.kill(worker, signal.SIGKILL)
    stopped = local.locator(BOT).last
    expect(stopped).to_contain_text(
        "The local model stopped (signal 9); answered from the sources instead", timeout=60_000
    )
    expect(stopped).to_contain_text("Lavrov")
    shot(local, "7-local-model-stopped")
    ask(local, "Why are officials worried about Russian and U.S. jets?")  # a new worker answers it
    expect(local.locator(BOT).last).not_to_contain_text("stopped")
    expect(local.locator("#answer-status")).to_contain_text(re.compile("Answered|No answer"))
    assert model_workers(app.pid) and model_workers(app.pid) != [worker]
    for opened in (local, other):
        opened.context.close()


@pytest.mark.parametrize("question", ["", "   ", "x" * 3000])
def test_empty_or_huge_questions_get_a_friendly_message(page: Page, question: str) -> None:
    page.fill("#question textarea", question)
    page.click("#ask")
    expect(page.locator(BOT).last).to_contain_text("Question is", timeout=30_000)
    expect(page.locator("#chat")).not_to_contain_text("Traceback")
    expect(page.locator("#question textarea")).to_have_value(question)


def test_a_followed_feed_is_added_from_the_page_and_answers_come_from_its_items(
    page: Page, site: newsserver.NewsSite
) -> None:
    panel = page.locator("#add-articles")
    panel.get_by_text("Add articles").first.click()
    page.fill("#add-url input, #add-url textarea", f"{site.base}/atom.xml")
    page.locator("#follow input[type=checkbox]").check()
    page.click("#fetch")
    report = page.locator("#ingest-report")
    expect(report).to_contain_text("Added 3", timeout=120_000)
    expect(report).to_contain_text("Eastwick opens a new public library")
    shot(page, "7-feed-added")

    ask(page, "How many books were on the shelves of the new Eastwick library?")
    expect(page.locator(BOT).last).to_contain_text("7,000")
    card = page.locator("#sources .qa-source").first
    expect(card.locator(".qa-title")).to_have_text("Eastwick opens a new public library")
    expect(card.locator(".qa-meta")).to_contain_text("The Valley Courier · March 4, 2024")
    # Pulled again: every item unchanged.
    page.click("#refresh")
    expect(report).to_contain_text("Added 0, updated 0, unchanged 3", timeout=120_000)
    shot(page, "8-feed-answer")
