"""Sentence splitting: news prose splits where a reader would, and spans map back exactly."""

from __future__ import annotations

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from qa.text import MAX_SENTENCE_CHARS, split_sentences
from tests.conftest import SEED


def texts(text: str) -> list[str]:
    return [s.text for s in split_sentences(text)]


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        (
            "The U.S. Army said Tuesday it would leave. Sen. John Smith, R-Texas, agreed with Mr. Jones.",
            [
                "The U.S. Army said Tuesday it would leave.",
                "Sen. John Smith, R-Texas, agreed with Mr. Jones.",
            ],
        ),
        (
            "WASHINGTON (AP) — President Joe Biden spoke at 3 p.m. Tuesday in Washington, D.C. He left.",
            ["WASHINGTON (AP) — President Joe Biden spoke at 3 p.m. Tuesday in Washington, D.C.", "He left."],
        ),
        ("John F. Kennedy spoke. J.R.R. Tolkien wrote.", ["John F. Kennedy spoke.", "J.R.R. Tolkien wrote."]),
        (
            "“Is it over?” she asked. “Yes,” he said. “We won.” Then they left.",
            ["“Is it over?” she asked.", "“Yes,” he said.", "“We won.”", "Then they left."],
        ),
        ("It cost $3.5 million. Shares rose 2.5%.", ["It cost $3.5 million.", "Shares rose 2.5%."]),
        (
            "Ranked No. 1 in the league. He said no. Fine.",
            ["Ranked No. 1 in the league.", "He said no.", "Fine."],
        ),
        (
            "Headline Without Stop\nThe story starts. It ends.",
            ["Headline Without Stop", "The story starts.", "It ends."],
        ),
        (
            "A hard-wrapped line\ncontinues here. Next one.",
            ["A hard-wrapped line\ncontinues here.", "Next one."],
        ),
        ("In the U.S. The debate goes on.", ["In the U.S.", "The debate goes on."]),
    ],
)
def test_news_prose_splits_like_a_reader(text: str, expected: list[str]) -> None:
    assert texts(text) == expected


def test_seed_article_sentences_round_trip() -> None:
    article = SEED.read_text(encoding="utf-8")
    sentences = split_sentences(article)
    assert len(sentences) == 20
    assert [s.index for s in sentences] == list(range(20))
    for s in sentences:
        assert article[s.start : s.end] == s.text
    assert sentences[4].text.startswith("Kerry spoke with Russian Foreign Minister Sergey Lavrov")


@settings(max_examples=300, deadline=None)
@given(st.text(alphabet=st.characters(codec="utf-8"), max_size=400))
def test_any_text_splits_into_ordered_exact_spans(text: str) -> None:
    previous_end = 0
    for i, s in enumerate(split_sentences(text)):
        assert s.index == i
        assert text[s.start : s.end] == s.text
        assert s.start >= previous_end and s.end > s.start
        assert s.text == s.text.strip()
        previous_end = s.end


@settings(max_examples=200, deadline=None)
@given(
    st.lists(
        st.sampled_from(
            ["Mr.", "U.S.", "Sen.", "He", "said", "3.5", "no.", "“Yes.”", "\n", "\n\n", " ", "A."]
        ),
        max_size=40,
    )
)
def test_news_like_fragments_never_lose_text(words: list[str]) -> None:
    text = " ".join(words)
    covered = "".join(s.text for s in split_sentences(text))
    assert "".join(covered.split()) == "".join(c for c in "".join(text.split()) if c)


def test_chinese_and_japanese_sentences_end_at_full_width_marks() -> None:
    text = (
        "北京市政府周二宣布，新地铁线将于明年开通。该项目耗资一百二十亿元！"
        "市长说：“这是历史性的一天。”東京は晴れです？ Then English."
    )
    sentences = split_sentences(text)
    assert [s.text for s in sentences] == [
        "北京市政府周二宣布，新地铁线将于明年开通。",
        "该项目耗资一百二十亿元！",
        "市长说：“这是历史性的一天。”",
        "東京は晴れです？",
        "Then English.",
    ]
    assert all(text[s.start : s.end] == s.text for s in sentences)


def test_a_run_without_sentence_ends_is_cut_into_bounded_pieces() -> None:
    clauses = "; ".join(f"clause {i} of a table dump with no full stop" for i in range(20_000))
    text = f"A normal first sentence. The rows read {clauses} and a word soup: {'x' * 2500}"
    sentences = split_sentences(text)
    assert sentences[0].text == "A normal first sentence."
    assert all(len(s.text) <= MAX_SENTENCE_CHARS for s in sentences)
    assert all(text[s.start : s.end] == s.text for s in sentences)
    assert sentences[1].text.endswith(";")  # cut after a clause mark, not inside a word
    covered = "".join(s.text for s in sentences).replace(" ", "")
    assert covered == text.replace(" ", "")  # nothing lost
