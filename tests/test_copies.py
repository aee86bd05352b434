"""Wire copies: found at ingest (MinHash, qa/ingestion/copies.py) and shown once in retrieval and citations.

The copies are made the way outlets make them: the wire text under another headline, with light
edits, with the outlet's boilerplate after it, or cut short; the non-copies are other reports of the
same events, written independently (same names and numbers, other words).
"""

from __future__ import annotations

import json

import pytest

from qa import Settings, ask, ingest, open_store, retrieve
from qa.ingestion.copies import StoryFinder, signature
from qa.retrieval.retrieve import one_copy_each
from qa.retrieval.view import view_of
from tests.conftest import BENCH

STORIES = {
    "dam": (
        "Engineers began releasing water from the Oroville Dam on Monday after heavy rain filled the "
        "reservoir to 92 percent of its capacity, the California Department of Water Resources said. "
        "The releases will continue for at least a week and could reach 40,000 cubic feet per second, "
        "officials said. Residents downstream in Oroville and Marysville were told to avoid the river "
        "banks, but no evacuation orders were issued. The dam's main spillway was rebuilt after it "
        "cracked in 2017, forcing nearly 190,000 people to leave their homes. Water resources director "
        "Karla Nemeth said the new spillway was designed for flows twice as large as those expected "
        "this week. Forecasters expect two more storms to reach Northern California before Sunday, "
        "bringing up to four inches of rain to the Feather River basin."
    ),
    "strike": (
        "Workers at three Detroit automotive plants walked off the job on Thursday after talks between "
        "the United Auto Workers union and the carmakers broke down over wages and pensions. The union "
        "said about 12,700 members had joined the strike, the first to hit all three companies at once. "
        "Union president Shawn Fain told a rally that the workers wanted a 40 percent raise over four "
        "years and an end to the tiered wage system. The companies have offered about 20 percent. "
        "Analysts estimated that a ten-day strike would cost the companies more than one billion dollars "
        "in lost production. Ford said it had laid off 600 workers at a Michigan plant because of the "
        "walkout. No new talks have been scheduled, the union said."
    ),
    "vaccine": (
        "European regulators on Wednesday recommended approval of a new malaria vaccine for children, "
        "clearing the way for its use in countries where the disease kills hundreds of thousands of "
        "people a year. The vaccine, developed at the University of Oxford, reduced malaria cases by 75 "
        "percent in a trial of 4,800 children in Burkina Faso, Kenya, Mali and Tanzania. Its makers "
        "said they could produce 100 million doses a year by the end of next year at a cost of about "
        "three dollars a dose. The World Health Organization said the vaccine would be offered "
        "alongside bed nets and other measures, not instead of them. Health officials in Ghana and "
        "Nigeria have already approved it."
    ),
}
# Other outlets' own reports of the same events: not copies.
INDEPENDENT = {
    "dam": (
        "Oroville Dam is letting water go again. With its lake almost full after a wet week, the state "
        "opened the rebuilt spillway on Monday, and the flow down the Feather River may climb to 40,000 "
        "cubic feet a second. Nobody has been ordered out, though people in Marysville should keep "
        "away from the water. Memories of 2017, when the old spillway broke apart and 190,000 people "
        "fled, are still fresh in the valley, where many residents keep a packed bag by the door. More "
        "rain is on the way before the weekend, and state engineers say they are watching the lake "
        "level hour by hour."
    ),
    "strike": (
        "For the first time, the UAW has struck Ford, General Motors and Stellantis together. Picket "
        "lines went up outside plants in Michigan, Ohio and Missouri late on Thursday, with 12,700 "
        "workers taking part. Shawn Fain wants raises of 40 percent; the carmakers have offered half "
        "that. Wall Street analysts put the cost of a strike lasting ten days above a billion dollars. "
        "At a Ford plant near Detroit, 600 employees were sent home because parts stopped arriving, "
        "and suppliers warned that thousands more layoffs could follow within days."
    ),
}
BOILERPLATE = (
    " Copyright 2024 The Associated Press. All rights reserved. This material may not be published, "
    "broadcast, rewritten or redistributed without permission. Sign up for our daily newsletter to get "
    "the top stories in your inbox every morning."
)
EDITS = [("said", "told reporters"), ("percent", "per cent"), (" on ", " early on "), ("about", "roughly")]


def lightly_edited(text: str) -> str:
    for old, new in EDITS:
        text = text.replace(old, new, 1)
    return text


def copies_of(text: str) -> dict[str, str]:
    """The ways an outlet reprints a wire story."""
    sentences = text.split(". ")
    return {
        "edited": lightly_edited(text),
        "boilerplate": text + BOILERPLATE,
        "cut short": ". ".join(sentences[: len(sentences) * 3 // 5]) + ".",
        "edited, boilerplate": lightly_edited(text) + BOILERPLATE,
    }


def test_copies_are_found_and_independent_reports_are_not() -> None:
    finder = StoryFinder()
    for name, text in STORIES.items():
        finder.add(name, name, signature(text))
    found, missed = 0, []
    for name, text in STORIES.items():
        for how, copy in copies_of(text).items():
            if finder.story_of(f"{name} {how}", signature(copy)) == name:
                found += 1
            else:
                missed.append(f"{name} {how}")
    assert missed == [] and found == 12
    for name, text in INDEPENDENT.items():  # same event, names and numbers; other words
        assert finder.story_of(f"{name} independent", signature(text)) == f"{name} independent"
    # Different stories are never one, and a one-line brief is too short to call a copy.
    assert finder.story_of("brief", signature("Engineers began releasing water on Monday.")) == "brief"


@pytest.fixture(scope="module")
def wire(tmp_path_factory: pytest.TempPathFactory) -> Settings:
    """The dam story from three outlets (the wire first, then two reprints), one independent
    report of it, and the other stories."""
    folder = tmp_path_factory.mktemp("wire")
    dam = STORIES["dam"]
    records = [
        {"title": "Oroville Dam releases water as reservoir nears capacity", "body": dam,
         "source": "Wire Service", "published_at": "2024-02-05T09:00:00Z", "url": "https://wire.example/dam"},
        {"title": "Water released from Oroville Dam", "body": lightly_edited(dam) + BOILERPLATE,
         "source": "Valley Courier", "published_at": "2024-02-05T13:00:00Z", "url": "https://courier.example/dam"},
        {"title": "Oroville spillway opened after storms", "body": lightly_edited(dam),
         "source": "Sacramento Ledger", "published_at": "2024-02-06T07:00:00Z", "url": "https://ledger.example/dam"},
        {"title": "Oroville lets water go", "body": INDEPENDENT["dam"],
         "source": "Feather River Times", "published_at": "2024-02-05T18:00:00Z", "url": "https://frt.example/dam"},
        {"title": "Auto workers strike", "body": STORIES["strike"], "source": "Wire Service",
         "published_at": "2024-02-01T09:00:00Z", "url": "https://wire.example/strike"},
    ]  # fmt: skip
    # The reprints come in before the wire original: the story is still cited from the earliest.
    (folder / "reprints.json").write_text(json.dumps(records[1:3]), encoding="utf-8")
    (folder / "others.json").write_text(json.dumps([records[0], *records[3:]]), encoding="utf-8")
    settings = Settings(store=folder / "store")
    first = ingest([folder / "reprints.json"], settings=settings)
    assert len(first.copies) == 1  # the second reprint is a copy of the first
    second = ingest([folder / "others.json"], settings=settings)
    assert len(second.copies) == 1  # the wire original joins the reprints' story
    return settings


def test_a_wire_story_is_shown_once_citing_its_earliest_publication(wire: Settings) -> None:
    stored = open_store(settings=wire).articles()
    assert len(stored) == 5  # every copy is kept: one story, three publications
    assert len({a.story for a in stored.values() if "Oroville" in a.title}) == 2  # + the independent one

    passages = retrieve("How much water could be released from the Oroville Dam?", k=10, settings=wire)
    copies = {"https://wire.example/dam", "https://courier.example/dam", "https://ledger.example/dam"}
    dam_copies = [p for p in passages if p.url in copies]
    assert [p.source for p in dam_copies] == ["Wire Service"]  # once, from the earliest publication
    assert dam_copies[0].also_in == ("Valley Courier, 2024-02-05", "Sacramento Ledger, 2024-02-06")
    assert any(p.source == "Feather River Times" for p in passages)  # an independent report stays

    answer = ask("Who is the water resources director quoted about the Oroville spillway?", settings=wire)
    assert answer.short == "Karla Nemeth"
    cited = answer.citations[0]
    assert cited.source == "Wire Service" and cited.also_in == dam_copies[0].also_in


def test_a_question_naming_an_outlet_still_finds_its_copy(wire: Settings) -> None:
    passages = retrieve("What did the Sacramento Ledger report about the Oroville Dam?", k=5, settings=wire)
    assert passages[0].source == "Sacramento Ledger"
    assert "Wire Service, 2024-02-05" in passages[0].also_in


@pytest.mark.bench
def test_copies_found_on_the_bench_corpus() -> None:
    """The MultiHop-RAG corpus (609 articles from 50 outlets) holds one republished story."""
    corpus = BENCH / "corpus.json"
    if not corpus.exists():
        pytest.skip("the MultiHop-RAG benchmark is not in ../shared")
    finder = StoryFinder()
    joined = []
    for i, record in enumerate(json.loads(corpus.read_text(encoding="utf-8"))):
        sig = signature(record["body"])
        story = finder.story_of(str(i), sig)
        finder.add(str(i), story, sig)
        if story != str(i):
            joined.append(record["title"])
    assert joined == ["The best Apple Black Friday deals on iPads, AirPods, Apple Watches and more"]


def test_folding_copies_keeps_the_ranking_order(wire: Settings) -> None:
    """A ranking's order is not only by score (named sources may lead it): folding copies only
    hands places over, it never re-sorts."""
    view = view_of(open_store(settings=wire))
    at = {p.url: i for i, p in reversed(list(enumerate(view.passages)))}  # each article's first passage
    strike, courier, wire_copy = (
        at["https://wire.example/strike"],
        at["https://courier.example/dam"],
        at["https://wire.example/dam"],
    )
    ranked = [(strike, 0.2), (courier, 0.9), (wire_copy, 0.88)]
    assert one_copy_each(view, ranked, frozenset()) == [(strike, 0.2), (wire_copy, 0.9)]
    # Named, the reprint keeps its own place and stands for the story.
    assert one_copy_each(view, ranked, frozenset({"Valley Courier"})) == [(strike, 0.2), (courier, 0.9)]
