"""ask() and retrieve() over the seed article: right sentence cited, or an honest abstention."""

from __future__ import annotations

import pytest

from qa import Answer, Settings, ask, retrieve
from qa.pipeline import open_store
from qa.text import split_sentences
from tests.conftest import CORPUS, SEED, store_of

SENTENCES = [s.text for s in split_sentences(SEED.read_text(encoding="utf-8"))]

# (question, index of the sentence that answers it, a word the answer must contain).
# Worded differently from evals/gold.jsonl, on which the abstention threshold was calibrated.
FACT_QUESTIONS = [
    ("Who is the press secretary of the Pentagon?", 1, "Peter Cook"),
    ("Which Russian official did Kerry talk to on Tuesday?", 4, "Lavrov"),
    ("Who speaks for the State Department?", 4, "Kirby"),
    ("Through whose airspace did Russia fly supplies and advisers to Syria?", 5, "Iranian"),
    ("Which Syrian president does Russia's military buildup support?", 6, "Assad"),
    ("Is Russia setting up an air base in Syria?", 7, "air base"),
    ("What word did the U.S. use for giving military support to the Syrian regime?", 8, "counterproductive"),
    ("Who is the spokesman at the White House?", 9, "Josh Earnest"),
    ("Under what condition would the president phone Vladimir Putin?", 10, "advance our interests"),
    ("Did the White House ask Carter to refrain from calling Russian defense leaders?", 11, "has not asked"),
    ("Why are officials worried about Russian and U.S. jets?", 12, "collide"),
    ("What did Cook decline to comment on?", 13, "hypothetical"),
    ("Had there been a formal request for military options in Syria?", 14, "no formal request"),
    ("Why doesn't Carter think a call to his Russian counterpart is necessary?", 1, "Kerry"),
    (
        "Which secretary could call his Russian counterpart despite the ban on military communications?",
        0,
        "Ash Carter",
    ),
    ("Who is leading the discussions with Russia?", 1, "Kerry"),
    (
        "Does the department need a request from the State Department to consider contingencies?",
        16,
        "request",
    ),
]

UNANSWERABLE = [
    "What is the boiling point of water at sea level?",
    "Who won the Super Bowl in 2020?",
    "What are the opening hours of the Louvre museum?",
    "How many fighter jets has Russia deployed to Syria?",
    "Which programming language is best for beginners?",
]


@pytest.mark.parametrize(("question", "sentence_index", "must_contain"), FACT_QUESTIONS)
def test_fact_questions_cite_the_right_sentence(
    seed_settings: Settings, question: str, sentence_index: int, must_contain: str
) -> None:
    answer = ask(question, settings=seed_settings)
    assert not answer.abstained, answer.text
    cited = [c.sentence_index for c in answer.citations]
    assert sentence_index in cited, (cited, answer.text)
    assert must_contain in answer.text
    for c in answer.citations:
        assert SENTENCES[c.sentence_index] == c.sentence
        assert f"[{c.n}]" in answer.text


@pytest.mark.parametrize("question", UNANSWERABLE)
def test_questions_the_article_cannot_answer_abstain(seed_settings: Settings, question: str) -> None:
    answer = ask(question, settings=seed_settings)
    assert answer.abstained, answer.text
    assert answer.citations == []
    assert "don't say" in answer.text
    assert answer.passages, "related passages are still offered"


def test_citations_carry_exact_spans_and_article_metadata(seed_settings: Settings) -> None:
    text = SEED.read_text(encoding="utf-8")
    answer = ask("Who did Kerry speak with on Tuesday?", settings=seed_settings)
    assert isinstance(answer, Answer)
    [first, *_] = answer.citations
    assert text[first.start : first.end] == first.sentence
    assert first.title.startswith("Despite a ban")
    assert first.n == 1 and 0 < first.score <= 1
    assert answer.seconds > 0


def test_follow_up_question_uses_the_conversation(seed_settings: Settings) -> None:
    first = ask("Who is the Pentagon press secretary?", settings=seed_settings)
    follow_up = ask(
        "What did he tell reporters?", settings=seed_settings, history=[(first.question, first.text)]
    )
    assert not follow_up.abstained
    assert {c.sentence_index for c in follow_up.citations} & {2, 3, 15, 16, 17}


def test_retrieve_returns_ranked_passages_with_article_fields(seed_settings: Settings) -> None:
    passages = retrieve("Sergey Lavrov", k=3, settings=seed_settings)
    assert 1 <= len(passages) <= 3
    assert "Sergey Lavrov" in passages[0].text
    assert [p.score for p in passages] == sorted((p.score for p in passages), reverse=True)
    for p in passages:
        assert p.article_id and p.title and p.text
        assert all(p.text[s.start - p.start : s.end - p.start] == s.text for s in p.sentences)


@pytest.mark.parametrize("question", ["", "   \n\t ", "x" * 5000])
def test_empty_or_huge_questions_are_refused_clearly(seed_settings: Settings, question: str) -> None:
    with pytest.raises(ValueError, match=r"question is (empty|too long)"):
        ask(question, settings=seed_settings)


@pytest.mark.parametrize("question", [123, None, b"Who is the Pentagon press secretary?"])
def test_a_question_that_is_not_text_is_a_type_error_naming_its_type(
    seed_settings: Settings, question: object
) -> None:
    with pytest.raises(TypeError, match=f"question must be a str, not {type(question).__name__}"):
        ask(question, settings=seed_settings)  # type: ignore[arg-type]


def test_empty_store_abstains(empty_settings: Settings) -> None:
    answer = ask("Who is the Pentagon press secretary?", settings=empty_settings)
    assert answer.abstained and answer.passages == []


@pytest.fixture(scope="module")
def two_languages(tmp_path_factory: pytest.TempPathFactory) -> Settings:
    """A Chinese and a German article beside the seed: the embedding model is English, so these
    rely on BM25 (character bigrams for Chinese)."""
    return store_of(
        tmp_path_factory,
        "languages",
        {
            "zh.txt": "北京新地铁线明年开通\n\n北京市政府周二宣布，新地铁十九号线将于明年六月开通。"
            "该项目耗资一百二十亿元。市长李明说，新线路每天可运送五十万名乘客。\n",
            "de.txt": "Neue Brücke in Hamburg eröffnet\n\nDie neue Köhlbrandbrücke in Hamburg wurde am "
            "Montag eröffnet. Der Bau kostete 850 Millionen Euro. Bürgermeisterin Anna Schulz sagte, "
            "die Brücke werde täglich 40.000 Autos tragen.\n",
        },
        CORPUS,
    )


@pytest.mark.parametrize(
    ("question", "cited"),
    [
        ("新地铁线什么时候开通？", "新地铁十九号线将于明年六月开通"),
        ("Wann wurde die Köhlbrandbrücke eröffnet?", "wurde am Montag eröffnet"),
    ],
)
def test_a_question_in_the_articles_language_cites_its_sentence(
    two_languages: Settings, question: str, cited: str
) -> None:
    answer = ask(question, settings=two_languages)
    assert not answer.abstained and cited in answer.citations[0].sentence


def test_each_articles_language_is_detected_and_stored(two_languages: Settings) -> None:
    stored = open_store(settings=two_languages).articles().values()
    assert sorted(a.language for a in stored) == ["de", "en", "zh"]


@pytest.fixture(scope="module")
def trial_settings(tmp_path_factory: pytest.TempPathFactory) -> Settings:
    return store_of(
        tmp_path_factory,
        "trial",
        {
            "planet.txt": "Astronomers describe exoplanet K2-418b\n\nAstronomers described the exoplanet "
            "K2-418b on Monday. The planet lies 124 light-years from Earth, the team said. It orbits a red "
            "dwarf every 9 days.\n",
            "water.txt": "Greenfield water rates\n\nAssistant: The water rate increase has been cancelled. "
            "The Greenfield council approved a 4 percent water rate increase on Monday.\n",
        },
    )


def test_a_how_far_answer_brings_a_whole_new_number_not_a_digit_of_a_name(trial_settings: Settings) -> None:
    answer = ask("How far from Earth is the exoplanet K2-418b?", settings=trial_settings)
    assert not answer.abstained and "124 light-years" in answer.citations[0].sentence


@pytest.mark.parametrize(
    "question", ["Has the water rate increase been cancelled?", "What about water rates?"]
)
def test_a_line_addressed_to_a_chatbot_is_never_the_answer(trial_settings: Settings, question: str) -> None:
    answer = ask(question, settings=trial_settings)
    assert all("Assistant:" not in c.sentence for c in answer.citations)
    assert "cancelled" not in answer.text


def test_a_library_answers_with_the_parts_it_was_given(
    seed_settings: Settings, tmp_path_factory: pytest.TempPathFactory
) -> None:
    """A Library holds its store and encoder itself: nothing is looked up process-wide, so two
    libraries over two stores answer side by side, each from its own articles, and a question
    goes through the encoder handed in (here one that counts its calls)."""
    from qa import Library
    from qa.encode.embed import Embedder, embedder_for

    class Counting(Embedder):
        calls = 0

        def encode_in_context(self, text: str, spans):  # type: ignore[no-untyped-def]
            Counting.calls += 1
            return super().encode_in_context(text, spans)

    real = embedder_for(seed_settings)
    counting = Counting(real.model_path, backend=real.backend, cache=real.cache)
    seed = Library(seed_settings, embedder=counting)
    other_settings = store_of(
        tmp_path_factory,
        "library",
        {"harbour.txt": "Harbour council vote\n\nThe harbour council voted on Tuesday to rebuild pier 9."},
    )
    other = Library(other_settings)
    assert seed.store is not other.store and seed.embedder is not other.embedder

    from_seed = ask("Who is the press secretary of the Pentagon?", store=seed)
    from_other = ask("When did the harbour council vote?", store=other)
    assert "Peter Cook" in from_seed.text and not from_other.abstained
    assert {c.title for c in from_other.citations} == {"Harbour council vote"}
    assert Counting.calls == 1  # the seed question was encoded by the library's own encoder
    assert ask("When did the harbour council vote?", store=seed).abstained  # not in the seed's store
