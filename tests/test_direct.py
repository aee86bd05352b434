"""Direct answers: the short answer and its span, yes/no verdicts, type-aware abstention, and the
one check every backend's answer passes. Real store, real embedding model; the articles are
written for these tests."""

from __future__ import annotations

import dataclasses
import json
from collections.abc import Generator

import pytest

from evals.metrics import yes_no_accuracy
from qa import Answer, Settings, ask
from qa.answer import Context, Evidence, Written, register_backend
from qa.answer.asked import Asked, asked
from qa.answer.check import VERDICTS
from qa.answer.cite import Candidate, antecedent
from qa.answer.fits import a_person, could_be_person, in_asked_title, marked_person, possesses_doer, relays
from qa.answer.render import chat_markdown, shown_date, with_dates
from qa.answer.spans import dates, names, numbers, people, relative_days, resolve_day
from qa.answer.verdict import UNSETTLED_TEXT, ClaimCheck, Verdict, choose, claims_of, contradicts, polarity
from qa.cli import format_answer
from qa.retrieval.lexical import tokenize
from qa.retrieval.query import SourceCatalog
from qa.types import Passage, ResolvedDay, Sentence
from tests.conftest import CORPUS, store_of

BRIDGE = """---
title: Harborview council approves bridge plan
source: Harborview Herald
published_at: 2024-05-16
url: https://herald.example/harborview-bridge
---
The Harborview city council approved the new Harborview Bridge plan on Tuesday by a vote of five to two.
Council members Dana Whitfield and Omar Castillo voted against the plan, citing its cost.
The bridge will cost $84 million and is expected to open in 2027, Mayor Ellen Brooks said.
Construction will begin in March because the old crossing failed a safety inspection last year.
Brooks said the city would not raise property taxes to pay for it.
"""
FIRE = """---
title: Wildfire destroys homes near Pine Ridge
source: Valley News
published_at: 2024-05-13
url: https://valley.example/pine-ridge-fire
---
A wildfire destroyed 43 homes near Pine Ridge on Sunday, fire officials said.
About 1,200 residents were evacuated from the area overnight.
Fire chief Laura Meyers said the blaze was started by a downed power line.
"""

FERRY = """---
title: Harborview ferry operator names new chief
source: Harborview Herald
published_at: 2024-05-20
url: https://herald.example/ferry-chief
---
Harborview Ferries named Maria Lopez as its chief executive on Monday.
The 47-year-old engineer moved to Harborview with her husband and their 12-year-old daughter.
“We will add two boats to the island route next year. The fares will not rise,” Lopez told reporters.
Bayline Group sold Harborview Ferries, which runs three routes, for $12 million in 2019.
Passengers crowd the morning boat. (Photo: Sam Reed / Coastal Images)
"""
# Written the way news introduces people and places: a pronoun opening the sentence after a name,
# ages in apposition, a city with its state, the outlet a story is credited to.
HOMES = """---
title: Startup opens its first homes in Alder Point
source: Coastal Ledger
published_at: 2024-06-03
url: https://ledger.example/alder-point-homes
---
Kestrel Homes, a Portland, Maine-based startup, opened its first ten homes in Alder Point on Saturday.
Its founder, Nora Vance, said families will pay no more than 30% of their income for rent.
Tenants can apply online with the access code “ALDER24”.
The startup's chief engineer is Tomas Reyes.
He has been with the company for six years, most of them designing its timber frames.
Twins Ava, then 9, and Leo, then 12, cut the ribbon, the Bay Gazette reports.
The shortage of builders raises concerns about making sure the next homes are finished before winter.
A former chief engineer got a $150,000 salary.
Shares in Osprey Group fell 2.1 per cent, while Heron Capital fell 0.4 per cent.
Osprey Group raised $40 million selling new shares to investors at $2.50 a share.
Nora Vance toured the homes with her husband, Paul Vance.
The former architect, 38, drew the first ten homes herself.
Harbour Hawks GM Lena Ortiz bought the first home for the team's new coach, Dan Hale.
The Hawks sit on a 7-2-1 record this season.
At the rival Gulls, coach Ivo Brandt has the backing of the club's management.
The timber comes from Alder Mill (owned by Harbor Timber), which also supplied the old pier.
The worst storm of the century — called the Long Gale — flattened the old houses 40 years ago.
"""


@pytest.fixture(scope="module")
def towns(tmp_path_factory: pytest.TempPathFactory) -> Settings:
    """Four local news articles from three outlets, beside the seed article."""
    files = {"bridge.md": BRIDGE, "fire.md": FIRE, "ferry.md": FERRY, "homes.md": HOMES}
    return store_of(tmp_path_factory, "towns", files, CORPUS)


def the_span(answer: Answer) -> str:
    """The words the short answer's span marks, read from the cited sentence itself."""
    assert answer.short_span is not None, answer
    cited = next(c for c in answer.citations if c.n == answer.short_span.n)
    return cited.sentence[answer.short_span.start - cited.start : answer.short_span.end - cited.start]


# --- what a question asks for, and the spans that can answer it ----------------------------------


@pytest.mark.parametrize(
    ("question", "kind"),
    [
        ("Who voted against the Harborview Bridge plan?", "person"),
        ("When did the council approve the plan?", "date"),
        ("How much will the new bridge cost?", "number"),
        ("Where did the wildfire destroy homes?", "place"),
        ("Why will construction begin in March?", "reason"),
        ("Did the council approve the plan?", "yesno"),
        ("After the fire, did the council approve the plan?", "yesno"),
        ("Which council member voted against the plan?", "person"),
        ("What did the mayor say about taxes?", "statement"),
        ("What is the capital of France?", "thing"),
    ],
)
def test_the_kind_of_answer_a_question_asks_for(question: str, kind: str) -> None:
    assert asked(question).kind == kind


def test_hashtags_handles_and_descriptions_are_no_names() -> None:
    text = "“#Israel_under_attack Great #Mossad failure,” @Rania_K wrote, quoting Jaswant Gandhi."
    assert [text[n.start : n.end] for n in names(text)] == ["Mossad", "Jaswant Gandhi"]
    described = "The Chinese-founded retailer Shein bought a Kremlin-backed rival from Mike Ashley."
    assert [described[n.start : n.end] for n in names(described)] == ["Shein", "Mike Ashley"]
    money = "Upon the results, Microsoft said sales jumped to $US56.5 billion."
    assert [money[n.start : n.end] for n in names(money)] == ["Microsoft"]


def test_an_organisation_question_takes_no_person_no_city_and_no_piece_of_the_asked_title() -> None:
    text = "Will Smith spoke about his wife, Jada Pinkett Smith, to fans in Baltimore, Maryland."
    spans_of = {text[n.start : n.end]: n for n in names(text)}
    assert marked_person(text, spans_of["Jada Pinkett Smith"]) and not marked_person(
        text, spans_of["Baltimore"]
    )
    excerpt = (
        'Excerpted from "Our Fragile Moment: How Lessons from Earth\'s Past Can Help Us" by Michael Mann.'
    )
    inside = {excerpt[n.start : n.end]: n for n in names(excerpt)}
    asked_about = set(tokenize("Who published Our Fragile Moment?"))
    assert in_asked_title(excerpt, inside["Past Can Help Us"], asked_about)
    assert not in_asked_title(excerpt, inside["Michael Mann"], asked_about)


def test_number_questions_know_what_they_count_and_measure() -> None:
    assert asked("How many homes did the wildfire destroy?").counted == "homes"
    assert asked("How much will the new bridge cost?").measure == "money"
    assert asked("How long did the evacuation last?").measure == "duration"
    assert asked("What is Kevin Thelwell's salary?").measure == "money"  # a sum, whoever earns it
    assert asked("What is Kevin Thelwell's nickname?").noun == "nickname"
    assert asked("What share of their income do tenants pay for rent?").measure == "percent"  # not money


@pytest.mark.parametrize(
    ("question", "noun"),
    [
        ("Which terrorist group has claimed the attack?", "terrorist group"),
        ("Which team won the match on Sunday?", "team"),
        ("Which company announced a deal with Google?", "company"),
        ("What promo code gives SuperDraft users a free deposit?", "promo code"),
        ("What streaming services offer the game?", "streaming services"),
        ("Which Bears receiver nearly caught the pass?", "receiver"),  # an adverb before the verb
        ("Which family business closed?", "family business"),
    ],
)
def test_the_asked_for_noun_ends_where_the_question_s_verb_starts(question: str, noun: str) -> None:
    assert asked(question).noun == noun


def test_spans_are_whole_numbers_names_without_titles_and_dates() -> None:
    text = "K2-418b lies 124 light-years away; Everton overspent £19.5m on October 12, 2023."
    assert [text[s.start : s.end] for s in numbers(text)] == ["124 light-years", "£19.5m"]
    assert [text[s.start : s.end] for s in dates(text)] == ["October 12, 2023"]
    text = "Eighty-two percent of business leaders expect AI to help their employees."
    assert [text[s.start : s.end] for s in numbers(text)] == ["Eighty-two percent"]  # not "two percent"
    text = "With 360km of slopes, a week there costs £1,565pp and a 5kg bag."  # units written against it
    assert [text[s.start : s.end] for s in numbers(text)] == ["360km", "£1,565pp", "5kg"]
    assert _counted("How many kilometres of slopes does Zermatt have?", "Zermatt has 360km of slopes.")
    text = (
        "Kerry spoke with Russian Foreign Minister Sergey Lavrov, U.S. Attorney General Merrick Garland said."
    )
    assert [text[s.start : s.end] for s in names(text)][-2:] == ["Sergey Lavrov", "Merrick Garland"]


def test_an_opening_pronoun_or_each_follows_its_chain_back_to_a_name() -> None:
    written = [
        "A single Kestrel panel holds three layers.",
        "It may look like ABA.",
        "Each panel is 4 cm thick.",
    ]
    sentences, offset = [], 0
    for index, text in enumerate(written):
        sentences.append(Sentence(index, offset, offset + len(text), text))
        offset += len(text) + 1
    passage = Passage("c", "a", "t", " ".join(written), 0.0, sentences=tuple(sentences))
    assert "Kestrel" in antecedent(passage, sentences[2])  # "Each panel" <- "It" <- "Kestrel panel"
    assert antecedent(passage, sentences[0]) == ""
    text = "Each sheet is typically only about 1 nanometer thick."
    assert [text[s.start : s.end] for s in numbers(text)] == ["1 nanometer"]
    story = "Will Smith spoke about his wife, Jada Pinkett Smith. Jada has a memoir out."
    assert a_person(story, "Jada") and not a_person(story, "Will Smith")


def _counted(question: str, text: str) -> bool:
    """Whether the one number of `text` answers the how-many/old `question` (`fits.counts`)."""
    from qa.answer.fits import counts
    from qa.retrieval.lexical import tokenize

    (span,) = numbers(text)
    return counts(text, span, asked(question), set(tokenize(question)))


def test_a_share_answers_how_many_only_of_what_it_is_a_share_of() -> None:
    assert _counted("How many voters back the plan?", "Some 54% of voters back the plan.")
    assert not _counted(
        "How many employees does Mistral AI have?",
        "Eighty-two percent of business leaders expect AI to help employees.",
    )
    assert _counted("How many employees does Mistral AI have?", "Mistral AI has 22 employees.")


def test_an_age_in_years_old_is_of_whom_the_sentence_is_about_even_beside_a_relative() -> None:
    question = "How old was Emily Hand when her mother died?"
    assert _counted(question, "Emily was only 2½ years old when her own mother died of breast cancer.")
    assert not _counted("How old is Tom Hanks?", "Tom Hanks shares a 30-year-old son with Rita Wilson.")


def test_a_typed_answer_may_come_from_a_sentence_just_under_the_support_threshold() -> None:
    from qa.answer.direct import TYPED_SLACK

    article = [
        "Discogs was founded in 2000 by Intel programmer Kevin Lewandowski, long before the marketplace."
    ]

    def found(score: float) -> str:
        return _short_over("Who founded Discogs?", article, {0: score}, threshold=0.32)

    assert found(0.32) == "Kevin Lewandowski"
    assert found(0.32 - TYPED_SLACK / 2) == "Kevin Lewandowski"  # its kind and constraint back it
    assert found(0.32 - TYPED_SLACK * 2) == ""


def test_a_relative_day_is_resolved_against_the_publication_date() -> None:
    assert resolve_day("Tuesday", "2024-05-16") == "May 14, 2024"  # a Thursday: the Tuesday before
    assert resolve_day("yesterday", "2024-01-01T09:00:00") == "December 31, 2023"
    assert resolve_day("Tuesday", "") == ""  # no date, no guess
    # What is still to come: the next such day; weeks, months and years as periods.
    assert resolve_day("Friday", "2024-05-16", ahead=True) == "May 17, 2024"
    assert resolve_day("next Thursday", "2024-05-16") == "May 23, 2024"
    assert resolve_day("tomorrow", "2024-02-28") == "February 29, 2024"
    assert resolve_day("early Tuesday", "2024-04-09") == "April 9, 2024"  # published that Tuesday
    assert resolve_day("last week", "2024-05-16") == "the week of May 6, 2024"
    assert resolve_day("last month", "2024-01-10") == "December 2023"
    assert resolve_day("next year", "2024-01-10") == "2025"
    assert resolve_day("this spring", "2024-01-10") == ""  # a season is left as written


def test_a_cited_sentence_s_relative_days_are_dated() -> None:
    said = relative_days("The mayor said on Tuesday that the council will vote on Friday.", "2024-05-16")
    assert said == (ResolvedDay("Tuesday", "May 14, 2024"), ResolvedDay("Friday", "May 17, 2024"))
    # "will resign" is the future, but the day is when it was said.
    assert relative_days("He will resign, he said Monday.", "2024-05-16") == (
        ResolvedDay("Monday", "May 13, 2024"),
    )
    assert relative_days("He resigned on Monday.", "") == ()  # an undated article: nothing guessed
    assert with_dates("Voted on Tuesday.", said) == "Voted on Tuesday (May 14, 2024)."
    assert shown_date("2024-05-16T08:00:00Z") == "May 16, 2024" and shown_date("") == "date unknown"


# --- short answers over real retrieval ------------------------------------------------------------


@pytest.mark.parametrize(
    ("question", "short"),
    [
        ("Who voted against the Harborview Bridge plan?", "Dana Whitfield and Omar Castillo"),
        ("How much will the new Harborview Bridge cost?", "$84 million"),
        ("How many homes did the Pine Ridge wildfire destroy?", "43"),
        ("Who is the Pine Ridge fire chief?", "Laura Meyers"),
        (
            "Why will construction of the Harborview Bridge begin in March?",
            "the old crossing failed a safety inspection last year",
        ),
        ("Where did the wildfire destroy homes?", "Pine Ridge"),
        ("Who is the Pentagon press secretary?", "Peter Cook"),
        ("How old is Maria Lopez?", "47"),  # not her daughter's age, and not "47-year-old"
        ("How much did Bayline Group sell Harborview Ferries for?", "$12 million"),  # "sold": "sell"
        # The speaker is named where the quote ends, a sentence after the words asked about, and
        # by surname: the answer gives her name as the article introduces her.
        ("Who said two boats would be added to the island route?", "Maria Lopez"),
        ("Where is Kestrel Homes based?", "Portland, Maine"),  # the city with its state
        ("What share of their income will Kestrel Homes tenants pay for rent?", "30%"),
        ("What access code do tenants use to apply to Kestrel Homes?", "ALDER24"),  # beside "code"
        # "He has been with the company ...": the pronoun stands for the name just before it.
        ("How long has Tomas Reyes been with Kestrel Homes?", "six years"),
        ("How old was Leo at the ribbon cutting?", "12"),  # not his twin's age, given first
        ("Which outlet reported that the twins cut the ribbon?", "Bay Gazette"),  # a name, not a phrase
        ("How much did Heron Capital fall?", "0.4 per cent"),  # "fell": the number it is written beside
        ("At what price did Osprey Group sell new shares?", "$2.50"),  # a price is paid a unit
        ("How old is Nora Vance?", "38"),  # "The former architect" is whom the sentence before is about
        ("Who is the Harbour Hawks' general manager?", "Lena Ortiz"),  # "GM"
        ("What is the Hawks' record this season?", "7-2-1"),  # the figure that describes the noun
        ("Which company owns Alder Mill?", "Harbor Timber"),  # in parentheses, by whom
        ("What is the worst storm of the century called?", "Long Gale"),  # what follows "called"
        ("When did the Long Gale happen?", "40 years ago"),  # "happen" asks for no verb of its own
        # "The lack of communications raises concerns about ...": the whole question paraphrased
        (
            "Why is the absence of contact between the two militaries a worry?",
            "Russian and U.S. jets don’t collide",
        ),
    ],
)
def test_the_short_answer_is_words_of_a_cited_sentence(towns: Settings, question: str, short: str) -> None:
    answer = ask(question, settings=towns)
    assert not answer.abstained, answer.text
    assert answer.short == short
    assert the_span(answer) == short
    assert answer.text.startswith(short) and f"[{answer.short_span.n}]" in answer.text  # type: ignore[union-attr]


def test_a_when_answer_gives_the_day_and_its_date(towns: Settings) -> None:
    answer = ask("When did the Harborview council approve the bridge plan?", settings=towns)
    assert answer.short == "Tuesday (May 14, 2024)"
    assert the_span(answer) == "Tuesday"
    # The cited sentence's day is dated wherever the answer is shown: chat, terminal and JSON.
    (cited,) = [c for c in answer.citations if "on Tuesday" in c.sentence]
    assert cited.days == (ResolvedDay("Tuesday", "May 14, 2024"),)
    assert "plan on Tuesday _(May 14, 2024)_ by a vote" in chat_markdown(answer, turn=0)
    shown = format_answer(answer)
    assert "plan on Tuesday (May 14, 2024) by a vote" in " ".join(shown.split())
    assert "(Harborview Herald, May 16, 2024)" in shown
    assert json.loads(json.dumps(dataclasses.asdict(answer)))["citations"][0]["days"] == [
        {"text": "Tuesday", "date": "May 14, 2024"}
    ]


@pytest.mark.parametrize(
    "question",
    [
        "How many homes were destroyed in the Millbrook flood?",  # a place no article mentions
        "What did Sergey Lavrov tell Kerry during the call?",  # Lavrov is mentioned, never quoted
        "What did the Russian defense ministry say about the weather in Oslo?",
        "How many people died in the Pine Ridge wildfire?",  # the article counts homes, not deaths
        "Who is the Harborview city manager?",  # a role nobody holds in the article
        "What is Dana Whitfield's salary?",
        "Who founded Harborview Ferries?",  # the article names its chief executive, not a founder
        "How old is Maria Lopez's husband?",  # an age is given, for the daughter
        "Who crowds the morning boat?",  # "Passengers" opens a sentence; it is no name
        "What is Tomas Reyes's salary?",  # a salary is given, of someone else
        "How old is Paul Vance?",  # the age that follows him is his wife's
        "Who is the Gulls' manager?",  # "the backing of the club's management" names none
    ],
)
def test_on_topic_sources_without_the_asked_fact_abstain(towns: Settings, question: str) -> None:
    answer = ask(question, settings=towns)
    assert answer.abstained, answer.text
    assert answer.short == "" and answer.citations == []


def test_a_question_citing_an_outlet_the_store_lacks_says_so(towns: Settings) -> None:
    held = ask("According to a Harborview Herald article, how much will the new bridge cost?", settings=towns)
    assert held.short == "$84 million"
    missing = ask("According to a Reuters report, how much will the Harborview Bridge cost?", settings=towns)
    assert missing.abstained and missing.citations == []
    assert "None of them is from Reuters." in missing.text


def test_outlets_a_question_cites_and_sentences_that_relay_them() -> None:
    catalog = SourceCatalog.of(["The Verge", "The Roar | Sports Writers Blog", "TechCrunch"])
    assert catalog.unheld("What did a Bloomberg article and another in The Wall Street Journal say?") == [
        "Bloomberg",
        "Wall Street Journal",
    ]
    assert catalog.unheld("As reported by TechCrunch and in a Sports Writers Blog article, who won?") == []
    assert catalog.unheld("Which report by the United Nations said so?") == ["United Nations"]
    assert relays("Bloomberg reported on April 3 that Apple is laying off retail staff.", "Bloomberg")
    assert not relays("First reported by The Wall Street Journal.", "Wall Street Journal")
    assert not relays("What Bloomberg Economics Says…", "Bloomberg")


def test_a_country_a_company_a_title_a_language_or_a_picture_credit_is_no_person() -> None:
    text = (
        "It was won with a six by Shai Hope against South Africa, as the retailer Shein and the film"
        " Barbie looked on, with fluent Hebrew and Arabic speakers. (Photo: Sam Reed / Getty Images)"
    )
    found = {text[s.start : s.end]: s for s in names(text)}
    fits_person = {name: could_be_person(text, span, "Who won it?", []) for name, span in found.items()}
    assert fits_person["Shai Hope"]
    assert not any(
        fits_person[name] for name in ("South Africa", "Shein", "Barbie", "Hebrew", "Arabic", "Getty Images")
    )


# --- yes/no verdicts --------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("question", "verdict"),
    [
        ("Did Dana Whitfield vote against the Harborview Bridge plan?", "Yes"),
        ("Will the city raise property taxes to pay for the Harborview Bridge?", "No"),
        ("Did Cook comment on both countries sharing airspace?", "No"),  # "declined to comment"
        (
            "Did the Harborview Herald report that the bridge will cost $84 million, while Valley News "
            "reported that the wildfire destroyed 43 homes?",
            "Yes",
        ),
        (
            "Did the Harborview Herald report that the bridge will cost $90 million, while Valley News "
            "reported that the wildfire destroyed 43 homes?",
            "No",
        ),
        (
            "Was the Valley News article about the Pine Ridge wildfire published before the Harborview "
            "Herald article about the bridge plan?",
            "Yes",
        ),
        (
            "Was the Harborview Herald article about the bridge plan published before the Valley News "
            "article about the Pine Ridge wildfire?",
            "No",
        ),
    ],
)
def test_yes_no_questions_get_a_verdict_with_one_cited_sentence_per_claim(
    towns: Settings, question: str, verdict: str
) -> None:
    answer = ask(question, settings=towns)
    assert answer.short == verdict, answer.text
    assert answer.text.startswith(verdict) and answer.citations and answer.short_span is None


def test_a_negation_denies_what_it_reaches_not_the_whole_sentence() -> None:
    said = polarity("Cook said there had been no formal request, but that the department is always looking")
    assert {"formal", "request"} <= said.denied and "look" in said.asserted and "look" not in said.denied
    assert "call" in polarity("The White House has not asked Carter to refrain from calling Lavrov").asserted
    assert "contribut" in polarity("Gemini said Stross contributed to the kernel; he never has.").denied
    neither = polarity("Neither the NHTSA nor the IIHS — two bodies that test cars — plans crash tests.")
    assert {"plan", "crash"} <= neither.denied
    assert "penalti" in polarity("The season will not be derailed by their 10-point penalty.").asserted
    assert "injuri" in polarity("All four failed to suit up due to nagging injuries.").asserted
    assert "hot" in polarity("Schefter stopped short of saying that Reich was on the hot seat.").denied
    assert "market" in polarity("The failure in the EV market is due to the size of the cars.").asserted
    assert "launch" in polarity("These are the failures to launch of the EV market.").denied


@pytest.mark.parametrize(
    ("claim", "sentence", "opposite"),
    [
        (
            "there a formal request for military options against Russia",
            "Cook said there had been no formal request, but that the department is always looking at what "
            "options are available.",
            True,
        ),
        (  # the denial is of something else; what the claim says follows "only"
            "Google released only a lite version of the Gemini model",
            "But it didn't release the full model, Gemini Ultra — only a “lite” version called Gemini Pro.",
            False,
        ),
        (  # a negation elsewhere in the sentence: the penalty is the agent of what is denied
            "Everton were given a 10-point penalty",
            "Dyche is confident Everton's season will not be derailed by their 10-point penalty.",
            False,
        ),
        (
            "Rogers indicated an increase in its stock price",
            "Feuds kept driving down Rogers' stock price.",
            True,
        ),
        ("Evolution Mining shares rise", "Evolution Mining sank 13 per cent after the share sale.", True),
        (  # the claim says both sides itself
            "the secretary allowed to phone the minister despite the ban",
            "There is a ban on such contacts, but the secretary could phone the minister.",
            False,
        ),
        ("Alameda's business practices were illegal", "He argued that Alameda acted legally.", True),
        (  # a claim that nothing moved, a sentence that says it fell
            "the article from Fortune suggest that the lawsuit had no impact on Rogers Communications Inc.'s "
            "share price",
            "Shares of Rogers extended losses on news of the lawsuit, closing down 2.2% to C$53.07 in "
            "Toronto.",
            True,
        ),
        (  # an amount said to be withheld, and given
            "Microsoft's investment in OpenAI is unspecified",
            "The size of Microsoft's investment is believed to be around $10 billion.",
            True,
        ),
        (  # "ignores" denies what it reaches
            "the film Pulse ignores themes of loneliness in a connected world",
            "The film presages an advent of loneliness in a world growing more connected.",
            True,
        ),
        (  # "uninjured" against "injury" (a stem one letter longer); "other than" denies
            "Kenneth Walker III remaining healthy and uninjured during a game",
            "Kenneth Walker III took four carries before leaving with an oblique injury.",
            True,
        ),
        (
            "Kenneth Walker III left the game for reasons other than an injury",
            "Kenneth Walker III took four carries before leaving with an oblique injury.",
            True,
        ),
        (  # together and separately are opposites
            "Taylor Swift and Travis Kelce leaving the stadium separately",
            "Fans captured Swift and Kelce leaving the stadium together.",
            True,
        ),
        (  # "grew worried" is no rise
            "the article indicate an increase in Rogers' stock price",
            "Feuds kept driving down Rogers' stock price as investors grew worried about its governance.",
            True,
        ),
        (  # another holiday
            "Sherri Geerts spending Easter with her birth mother",
            "'Merry Christmas' has a new meaning for Sherri Geerts, who will spend it with her birth mother.",
            True,
        ),
        (
            "Taylor Swift was seen booing at Arrowhead Stadium",
            "Swift was at Arrowhead Stadium, cheering.",
            True,
        ),
        (  # "discount" is no opposite of "country"
            "the shop offered a discount to the country's farmers",
            "The country's farmers got a lower price at the shop.",
            False,
        ),
        (  # both write "disinformation": "to inform" beside it is no opposite of it
            "the Code on Disinformation voluntary",
            "She spoke on the voluntary Code on Disinformation and on efforts to inform users.",
            False,
        ),
        (
            "Klopp lost more than five derbies against Everton",
            "Klopp has lost one of his 17 encounters with Everton, one of the past 25 league derbies.",
            True,
        ),
        ("the act was first proposed in April 2019", "The file was originally proposed in April 2021.", True),
        (  # a report's own date is not what happened
            "TechCrunch on October 31, 2023 Google paid billions for its default position",
            "Google paid $26 billion in 2021 to be everyone's default search engine.",
            False,
        ),
        (
            "betting $130 on the Cowboys would result in a $100 profit",
            "If you bet $130 on the Cowboys and they win, you would earn a profit of $100.",
            False,
        ),
        (  # both sides say the players were missing
            "the absence of Tee Higgins, Noah Brown, and Kadarius Toney due to injuries",
            "Tee Higgins, Noah Brown, and Kadarius Toney all failed to suit up due to nagging injuries.",
            False,
        ),
    ],
)
def test_a_sentence_contradicts_a_claim_only_where_it_says_the_opposite(
    claim: str, sentence: str, opposite: bool
) -> None:
    assert contradicts(claim, sentence) is opposite


def test_what_a_claim_leaves_out_is_held_only_to_the_source_it_names() -> None:
    sentence = "Scientists point to recent developments that may make it possible to tackle dementia."
    assert not contradicts("without specifying the approval status of new drugs", sentence)
    # "not discussed in The Age": the source's own sentence on it is the contradiction.
    said = "Owen Teale's career not discussed"
    assert contradicts(
        said, "Owen Teale on his career: “Toni just raised my game,” he says.", source_named=True
    )


def test_a_claim_likened_to_another_is_two_claims() -> None:
    question = (
        "Does the Herald article suggest Dale Ruiz is the top scorer for Harbour in the same way that the "
        "Post article indicates Ana Park leads with 171 goals?"
    )
    assert len(claims_of(question, None)) == 2


def test_before_orders_reports_only_in_a_question_about_reports() -> None:
    assert len(claims_of("Did Evolution Mining shares rise after the share sale?", None)) == 1
    assert (
        len(claims_of("Was the Herald report on fares published before the Post report on the strike?", None))
        == 2
    )


def test_an_order_word_inside_a_claim_orders_the_two_reports_only_when_it_orders_reports() -> None:
    from qa.answer.verdict import _order_holds

    def dated(claim: str, published: str) -> ClaimCheck:
        passage = Passage("c", "a", "t", "Text.", 0.0, published=published)
        return ClaimCheck(claim, Candidate(Sentence(0, 0, 5, "Text."), passage, 0.9, 0), "supported")

    game = "the Post article suggests that the defense must improve before their game against the Hawks"
    question = f"Does the Herald article praise the defense, while {game}?"
    later_first = (dated("the Herald article praise the defense", "2023-12-15"), dated(game, "2023-11-13"))
    assert _order_holds(question, later_first) is None  # "before their game" orders nothing
    published = "the Herald article published after the Post article say the defense improved"
    question = f"Did {published}, while the Post article praised the coach?"
    checks = (dated(published, "2023-12-15"), dated("the Post article praised the coach", "2023-11-13"))
    assert _order_holds(question, checks) is True


def test_a_choice_question_gets_one_of_its_options_never_yes_or_no() -> None:
    question = "Between the two reports, was the portrayal of the bridge consistent or inconsistent?"
    options = asked(question).options
    assert asked(question).kind == "choice"
    held = Verdict("Yes", (ClaimCheck("a", None, "supported"), ClaimCheck("b", None, "supported")))
    broken = Verdict("No", (ClaimCheck("a", None, "supported"), ClaimCheck("b", None, "contradicted")))
    unknown = Verdict("unsettled", (ClaimCheck("a", None, "supported"), ClaimCheck("b", None, "unknown")))
    assert (choose(held, options), choose(broken, options), choose(unknown, options)) == (
        "consistent",
        "inconsistent",
        "",
    )
    assert choose(held, asked("Did the report indicate a win or a loss?").options) == ""
    # A pair of opposites offered anywhere in the question, answered in the question's words:
    # (question, the options in its order, the one that says the reports agree).
    for offered, options, agreeing in (
        (
            "Did the reports show agreement or disagreement on fares?",
            ("agreement", "disagreement"),
            "agreement",
        ),
        (
            "Did the Herald report a change or consistency in its stance?",
            ("change", "consistency"),
            "consistency",
        ),
        (
            "Was there a consistent or inconsistent trend in fares?",
            ("consistent", "inconsistent"),
            "consistent",
        ),
        (
            "Do the Herald and the Post agree that fares rose, or do they present different reasons?",
            ("agree", "different"),
            "agree",
        ),
    ):
        assert asked(offered) == Asked("choice", options)
        differing = next(option for option in options if option != agreeing)
        assert (choose(held, options), choose(broken, options)) == (agreeing, differing)
    assert asked("Was the policy the same before and after the vote?").kind == "yesno"


def test_before_or_after_is_answered_by_the_dates_of_the_two_claims_articles() -> None:
    question = (
        "Was the ferry strike reported by the Herald before or after the Post reported the bridge closure?"
    )
    assert asked(question) == Asked("choice", ("before", "after"))

    def dated(published: str) -> ClaimCheck:
        passage = Passage("c", "a", "t", "Text.", 0.0, published=published)
        return ClaimCheck("claim", Candidate(Sentence(0, 0, 5, "Text."), passage, 0.9, 0), "supported")

    earlier_first = Verdict("Yes", (dated("2023-10-02"), dated("2023-11-06")))
    later_first = Verdict("Yes", (dated("2023-11-06"), dated("2023-10-02")))
    same_day = Verdict("Yes", (dated("2023-10-02"), dated("2023-10-02")))
    assert [choose(v, ("before", "after")) for v in (earlier_first, later_first, same_day)] == [
        "before",
        "after",
        "",
    ]


def test_yes_no_balanced_accuracy_gives_a_prior_nothing() -> None:
    gold = ["yes"] * 9 + ["no"]
    assert yes_no_accuracy(["Yes"] * 10, gold)["yes_no_balanced"] == 0.5
    assert yes_no_accuracy(["No"] * 10, gold)["yes_no_balanced"] == 0.5
    assert yes_no_accuracy(["Yes"] * 9 + ["No"], gold)["yes_no_balanced"] == 1.0
    assert yes_no_accuracy(["The articles don't settle it."] * 10, gold)["yes_no_balanced"] == 0.0


# --- the pipeline owns the check ---------------------------------------------------------------------


class Fabricating:
    """A backend that cites a real sentence, adds one of its own and claims a short answer no
    source holds, and skips any check of its own."""

    name = "fabricating"

    def write(self, evidence: Evidence, *, context: Context) -> Generator[str, None, Written]:
        best = evidence.short.candidate if evidence.short else evidence.ranked[0]
        text = f"{best.sentence.text} [1] The bridge will be made of gold [1]."
        yield text
        return Written(text, [best], short="Vladimir Putin")

    def condense(self, question: str, history: object, *, context: Context) -> str:
        return ""


class Bypassing(Fabricating):
    """A backend that hands back a finished Answer instead of what it wrote."""

    name = "bypassing"

    def write(self, evidence: Evidence, *, context: Context) -> Generator[str, None, Written]:
        yield "Peter Cook"
        return Answer(question=evidence.question, text="Peter Cook", short="Peter Cook")  # type: ignore[return-value]


def test_no_backend_can_skip_the_check(towns: Settings) -> None:
    register_backend("fabricating", Fabricating)
    register_backend("bypassing", Bypassing)
    answer = ask("How much will the new Harborview Bridge cost?", backend="fabricating", settings=towns)
    real, invented = answer.claims
    assert real.supported and not invented.supported  # the invented sentence is flagged
    assert answer.short == "$84 million" and the_span(answer) == "$84 million"  # not "Vladimir Putin"
    assert any("Vladimir Putin" in note for note in answer.notes)
    with pytest.raises(TypeError, match="must return Written"):
        ask("How much will the new Harborview Bridge cost?", backend="bypassing", settings=towns)


class Contrary(Fabricating):
    """A backend whose verdict is the opposite of what the sources show, or none at all."""

    name = "contrary"

    def write(self, evidence: Evidence, *, context: Context) -> Generator[str, None, Written]:
        best = evidence.ranked[0]
        short = "No" if "Whitfield" in evidence.question else "Perhaps"
        yield short
        return Written(f"{best.sentence.text} [1]", [best], short=short)


def test_a_backend_verdict_is_held_to_the_rule(towns: Settings) -> None:
    register_backend("contrary", Contrary)
    disputed = ask("Did Dana Whitfield vote against the bridge plan?", backend="contrary", settings=towns)
    assert disputed.short == "No"  # the writer's verdict stands, flagged with what the sources show
    assert disputed.notes == ("the sources' check answers “Yes”, not “No”",)
    vague = ask("Will the city raise property taxes for the bridge?", backend="contrary", settings=towns)
    assert vague.short == "No" and vague.notes == ()  # no verdict written: the rule's is shown


def test_quote_only_answers_are_one_setting_away(towns: Settings) -> None:
    quoted = ask(
        "Who voted against the Harborview Bridge plan?",
        settings=towns.model_copy(update={"direct_answers": False}),
    )
    assert quoted.short == "" and quoted.short_span is None and not quoted.abstained
    assert "\n" not in quoted.text and quoted.text.endswith("[1]")  # the cited sentences alone
    assert set(VERDICTS) >= {"Yes", "No"}


def test_a_question_for_a_kind_of_business_or_people_is_answered_by_the_plural_the_sentences_share() -> None:
    from qa.answer.direct import short_answer
    from qa.retrieval.lexical import LexicalIndex

    question = "What type of businesses change their betting lines when news breaks?"
    assert asked(question).category == "businesses"
    assert asked("What type of bridge collapsed?").category == ""  # one of a kind: "a suspension bridge"
    written = [
        ("Sportsbooks adjust their lines when a star player is injured.", 0.8),
        ("The Bears covered the spread as underdogs.", 0.75),  # a name, not a kind
        ("Most sportsbooks will move the odds after heavy betting on one side.", 0.7),
        ("Fans flocked to the stadium on Sunday.", 0.6),
    ]
    passage = Passage("c", "a", "Betting lines", " ".join(text for text, _ in written), 0.0)
    candidates = [
        Candidate(Sentence(i, 0, len(text), text), passage, score, 0)
        for i, (text, score) in enumerate(written)
    ]
    found = short_answer(
        question,
        asked(question),
        candidates,
        lexical=LexicalIndex([t.split() for t, _ in written]),
        threshold=0.3,
    )
    assert found is not None and found.text == "Sportsbooks"


def test_a_name_the_answering_sentence_shortens_is_given_as_its_article_introduces_it(
    towns: Settings,
) -> None:
    answer = ask("Who said two boats would be added to the island route?", settings=towns)
    assert answer.short == "Maria Lopez"
    # The span is marked where the article writes the name in full; the sentence that answers
    # (the quote "Lopez told reporters") is cited beside it.
    assert "named Maria Lopez as its chief executive" in answer.citations[answer.short_span.n - 1].sentence  # type: ignore[union-attr]
    assert any("Lopez told reporters" in c.sentence for c in answer.citations)


def _one_passage(article: list[str], title: str = "Title") -> tuple[list[Sentence], Passage]:
    """An article's sentences and one passage holding them all."""
    starts = [sum(len(t) + 1 for t in article[:i]) for i in range(len(article))]
    sentences = [Sentence(i, s, s + len(t), t) for i, (s, t) in enumerate(zip(starts, article))]
    return sentences, Passage("a:1:0", "a", title, " ".join(article), 0.0, sentences=tuple(sentences))


def _short_over(
    question: str,
    article: list[str],
    scores: dict[int, float],
    *,
    threshold: float = 0.1,
    facts: list[list[int]] | None = None,
    title: str = "Title",
) -> str:
    """The short answer ("" for none) from one article's sentences scored `scores` (by index), as
    candidates of one passage holding the whole article (titled `title`); `facts`: each fact's best
    sentences, by index, for a question of several facts."""
    from qa.answer.direct import short_answer
    from qa.retrieval.lexical import LexicalIndex

    sentences, whole = _one_passage(article, title)
    candidates = {i: Candidate(sentences[i], whole, score, 0) for i, score in scores.items()}
    found = short_answer(
        question,
        asked(question),
        list(candidates.values()),
        lexical=LexicalIndex([t.split() for t in article]),
        threshold=threshold,
        several_facts=facts is not None or len(question.split()) > 12,
        facts=[[candidates[i] for i in fact] for fact in facts or []],
        article_passages=lambda article_id: [whole] if article_id == "a" else [],
    )
    return found.text if found is not None else ""


def _short_in_order(question: str, article: list[str], *, step: float = 0.1) -> str:
    """The short answer when the article's sentences score lower the later they come."""
    return _short_over(question, article, {i: 0.7 - step * i for i in range(len(article))})


_SEARCH_DEAL = "Google paid billions to be the default search engine."


@pytest.mark.parametrize(
    ("question", "article", "answering", "written"),
    [
        # A clipped name written out where the article first writes it.
        (
            "Which central bank raised interest rates in July?",
            [
                "The Federal Reserve held rates steady on Wednesday.",
                "The Fed raised interest rates again in July.",
            ],
            1,
            "Federal Reserve",
        ),
        # A name the article first writes as the answer does is left as it is.
        (
            "Which company paid billions to be the default search engine?",
            [_SEARCH_DEAL, "Under Google's deals, rivals lost ground."],
            0,
            "Google",
        ),
        # A body's name before what it is ("Alameda Research").
        (
            "Which firm borrowed billions of customer deposits?",
            [
                "Alameda Research was the trading firm of FTX's founder.",
                "Alameda borrowed billions of customer deposits from the exchange.",
            ],
            1,
            "Alameda Research",
        ),
        # A clipped word in a name of two.
        (
            "Which club conceded 14 goals in the group stages?",
            [
                "Manchester United lost at home to Bayern Munich on Tuesday.",
                "Man United conceded 14 goals in the group stages, a club record.",
            ],
            1,
            "Manchester United",
        ),
        # Not another thing that starts with the same name ("Google Cloud" is not Google in full).
        (
            "Which company paid billions to be the default search engine?",
            ["Google Cloud signed a deal with the retailer.", _SEARCH_DEAL],
            1,
            "Google",
        ),
    ],
)
def test_a_name_is_written_as_its_article_first_writes_it(
    question: str, article: list[str], answering: int, written: str
) -> None:
    """`answering`: the sentence that answers (scored); the name may come from another."""
    assert _short_over(question, article, {answering: 0.8}) == written


def test_a_question_s_event_is_stated_by_another_word_for_it() -> None:
    # "die" is stated by "death", "replace" by "successor": words news writes for the same event.
    death = ["Ray Dale's death in 1982 shocked his fans."]
    assert _short_over("When did Ray Dale die?", death, {0: 0.8}) == "1982"
    successor = ["The club named Ana Cruz as the successor to coach Dan Hale."]
    assert _short_over("Who will replace Dan Hale?", successor, {0: 0.8}) == "Ana Cruz"
    owner = ["The slump could cause Harbour Hawks owner Vera Lind to move on from coach Dan Hale."]
    assert _short_over("Who owns the Harbour Hawks?", owner, {0: 0.8}) == "Vera Lind"


def test_a_figure_after_the_asked_noun_and_of_is_the_answer_alone() -> None:
    record = ["Dan Hale has posted a winning record of 41-40-1 in his 81 games as a head coach."]
    assert _short_over("What is Dan Hale's record as a head coach?", record, {0: 0.8}) == "41-40-1"


def test_a_counted_noun_may_follow_its_number_after_adjectives() -> None:
    platforms = ["Bluesky hit 1 million users; Mastodon has 1.8 million monthly active users."]
    question = "How many monthly active users does Mastodon have?"
    assert _short_over(question, platforms, {0: 0.8}) == "1.8 million"


def test_a_line_that_points_at_another_story_answers_nothing() -> None:
    article = [
        "MORE: Why Virat Kohli leads the Indian team at the World Cup in runs",
        "Rohit Sharma leads India at the World Cup.",
    ]
    question = "Who leads the Indian team at the World Cup?"
    assert _short_over(question, article, {0: 0.9, 1: 0.6}) == "Rohit Sharma"
    assert _short_over(question, article, {0: 0.9}) == ""


def test_a_surname_is_written_out_as_the_article_introduces_the_person_not_a_relative() -> None:
    trial = [
        "Sam Bankman-Fried, the founder of FTX, went on trial on Tuesday.",
        "Bankman-Fried is accused of taking customer funds for personal gain.",
        "His brother Gabe Bankman-Fried ran a nonprofit that received money from FTX.",
    ]
    question = (
        "Who is the individual accused of taking customer funds for personal gain, whose brother ran "
        "a nonprofit, as reported in two articles?"
    )
    assert _short_over(question, trial, {1: 0.8, 2: 0.6}) == "Sam Bankman-Fried"


def test_a_name_described_by_several_facts_is_the_one_every_fact_s_evidence_names() -> None:
    article = [
        "Sam Bankman-Fried went on trial in Manhattan on Tuesday.",
        "Caroline Ellison said she took customer money to repay lenders.",
        "Caroline Ellison told the jury that she had felt relieved when FTX collapsed.",
        "Ellison testified for three days.",
        "SBF persuaded a former colleague from Jane Street to join Alameda.",
        "Prosecutors accused Bankman-Fried of committing fraud for personal gain.",
    ]
    scored = {1: 0.5, 2: 0.48, 3: 0.45, 4: 0.4, 5: 0.38, 0: 0.3}  # the witness's sentences lead
    question = (
        "Who is the individual who persuaded a former colleague to join his firm, is accused of committing "
        "fraud for personal gain, and went on trial, as reported by two outlets?"
    )
    by_fact = [[4], [5], [0]]  # "SBF" counts for Sam Bankman-Fried
    assert (
        _short_over(question, article, scored, facts=[]) == "Caroline Ellison"
    )  # named by more of the best sentences
    assert (
        _short_over(question, article, scored, facts=by_fact) == "Sam Bankman-Fried"
    )  # named in every fact's evidence


def test_a_preposition_before_the_asked_noun_finds_what_it_introduces_in_the_sentence() -> None:
    """ "In which conflict ...?" is answered by what "in" introduces ("the country's civil war"),
    though the sentence never says "conflict"; "in support of" is no such phrase, and without the
    preposition a sentence that never names the asked noun still answers nothing."""
    article = [
        "Russia began to fly supplies to Syria last week.",
        "The buildup is in support of the Syrian government in the country’s civil war.",
    ]
    asked_in = "In which conflict does the Russian buildup back the Syrian government?"
    assert _short_over(asked_in, article, {1: 0.6}) == "country’s civil war"
    assert _short_over("Which conflict does the Russian buildup back?", article, {1: 0.6}) == ""
    backing = ["The buildup is in support of Bashar al-Assad’s government."]
    assert _short_over(asked_in, backing, {0: 0.6}) == ""


def test_a_month_written_like_a_function_word_is_still_an_answer() -> None:
    article = ["The Harbour Hawks left the league back in May, after two losing seasons."]
    assert _short_over("When did the Harbour Hawks leave the league?", article, {0: 0.8}) == "May"


def test_a_name_the_question_has_own_a_thing_is_left_to_a_sentence_opening_with_that_thing() -> None:
    article = [
        "The Tidewater Council published a water report on Monday.",
        "Here, inspectors tested the water in four towns over the summer.",
    ]
    question = "In how many towns did the Council's inspectors test the water?"
    assert _short_over(question, article, {1: 0.8}) == "four"
    # Someone else's manager is no answer about Newcastle's.
    other = [
        "Newcastle drew with Milan on Tuesday.",
        "Ten Hag's line manager may change too, says Dale Ruiz.",
    ]
    assert _short_over("Who is Newcastle's manager?", other, {1: 0.8}) == ""


def test_people_are_counted_as_news_counts_them() -> None:
    question = "How many people were killed when the plane crashed?"
    assert _counted(question, "The plane crashed off the coast, killing all 55 passengers and crew.")
    assert not _counted(question, "The plane crashed off the coast, scattering 55 bolts.")


def test_what_a_clause_only_supposes_does_not_answer_what_happened() -> None:
    supposed = ["As an example, that would result in a fine of up to $180 million for Vane."]
    assert _short_over("How much was Vane fined?", supposed, {0: 0.8}) == ""
    assert _short_over("How much could Vane be fined?", supposed, {0: 0.8}) == "$180 million"
    told = ["Dale Ruiz would found Kestrel Labs in 1992, three years after leaving the university."]
    assert _short_over("When was Kestrel Labs founded?", told, {0: 0.8}) == "1992"


def test_an_aside_after_a_name_keeps_the_name_beside_what_its_clause_says() -> None:
    article = [
        "Harlow, a joint venture between two engine makers that builds turbines, is now suing Vantor "
        "in Britain's High Court."
    ]
    assert _short_over("Which company is suing Vantor?", article, {0: 0.8}) == "Harlow"


def test_a_reason_may_come_before_therefore_and_an_acronym_opens_a_sentence_as_a_name() -> None:
    article = [
        "KTR is understood to have sold mainly small engine parts.",
        "The parts don't carry a serial number and are therefore harder to trace.",
    ]
    question = "Why are the parts KTR sold harder to trace?"
    assert _short_over(question, article, {1: 0.8}) == "The parts don't carry a serial number"


def test_a_place_may_be_what_a_thing_is_on_and_a_prime_is_no_title_before_a_product() -> None:
    article = ["Fake parts were even found on Air Force One in 1995, she said."]
    assert _short_over("Where were fake parts found in 1995?", article, {0: 0.8}) == "Air Force One"
    text = "The game is on Tuesday, October 3 on Amazon Prime Video."
    assert [text[s.start : s.end] for s in names(text)] == ["Amazon Prime Video"]
    text = "Israeli Prime Minister Benjamin Netanyahu spoke."
    assert [text[s.start : s.end] for s in names(text)] == ["Benjamin Netanyahu"]


def test_an_elided_negation_denies_what_the_clause_before_says_and_an_aside_naming_what_it_denies() -> None:
    sentence = "While the Code is voluntary, compliance with the DSA is not."
    assert contradicts("compliance with the DSA voluntary", sentence)
    assert not contradicts("the Code voluntary", sentence)
    sentence = (
        "The parts so far identified are not thought to include the most sensitive components, known as "
        "life-limited parts, which operate under the most stress."
    )
    assert contradicts("life-limited parts among the parts identified", sentence)
    assert {"life", "limit"} <= polarity(sentence).denied
    assert "stress" in polarity(sentence).asserted
    assert polarity("Apple raised prices, Google did not.").denied_of == (
        (frozenset({"googl"}), frozenset({"rais", "price"})),
    )


@pytest.mark.parametrize(
    ("question", "article", "short"),
    [
        (  # a ratio, a price after several modifiers, a growth rate: numbers, not phrases
            "What was the loan-to-value ratio in the second quarter?",
            ["The ratio of debt to assets, called loan-to-value, was just 27% in the second quarter."],
            "27%",
        ),
        (
            "What was the median U.S. home sales price in August 1979?",
            ["In August 1979, at the start of his term, the median U.S. home sales price was $64,700."],
            "$64,700",
        ),
        (
            "What home price growth had the bank forecast for 2023?",
            ["The bank had forecast 0% home price growth and falling home sales for 2023."],
            "0%",
        ),
        (  # "-year-old" and "years old" both give the number
            "How old is Dale Ruiz?",
            ["Dale Ruiz is now 80 years old, and still directing."],
            "80",
        ),
        (  # what a question asks something is: what follows the copula
            "What is one of the key reasons for the resilience of the housing market?",
            [
                "One of the key reasons for the resilience of the housing market in both periods is "
                "demographics."
            ],
            "demographics",
        ),
        (  # what someone said: the whole quote, as said
            'What did Ruiz say "no cap" means?',
            ["For the slang term “no cap”, Ruiz instantly answered it correctly as “no lying”."],
            "no lying",
        ),
        (  # a role word in a work's title names no role; a name after "a new" describes a thing
            "Who starred in The King of Comedy?",
            ["“King of Comedy was slept on,” she said of his 1983 film starring Robert De Niro."],
            "Robert De Niro",
        ),
    ],
)
def test_measures_ages_copulas_quotes_and_names_that_are_no_people(
    question: str, article: list[str], short: str
) -> None:
    assert _short_over(question, article, {0: 0.8}) == short


def test_a_name_after_a_or_a_new_describes_a_thing_and_is_no_person() -> None:
    text = "Dale Ruiz took a new TikTok challenge posted by his daughter, Ana Ruiz."
    found = {text[s.start : s.end]: s for s in names(text)}
    question = "Who quizzed Dale Ruiz?"
    assert not could_be_person(text, found["TikTok"], question, ["Dale Ruiz"])
    assert could_be_person(text, found["Ana Ruiz"], question, ["Dale Ruiz"])


def test_of_two_sides_said_in_one_sentence_the_clause_that_speaks_to_the_claim_counts() -> None:
    sentence = (
        "Although Thanksgiving may originally have had religious significance, the day has become a mostly "
        "secular holiday."
    )
    assert contradicts("Thanksgiving mostly a religious holiday today", sentence)
    assert not contradicts("Thanksgiving originally had religious significance", sentence)


def test_a_win_given_to_the_other_side_contradicts_a_claimed_win() -> None:
    sentence = "Bell made the catch to end the game and seal the Browns' 20-17 win."
    assert contradicts("the Bears win the game against the Browns", sentence)
    assert not contradicts("the Browns win the game against the Bears", sentence)
    assert not contradicts(
        "the Bears win the game against the Browns", "The Bears won 20-17 over the Browns."
    )


def test_a_flop_is_the_opposite_of_a_success() -> None:
    assert contradicts("The King of Comedy a success at the box office", "It was a flop at the box office.")


@pytest.mark.parametrize(
    ("question", "article", "short"),
    [
        (  # "co-" adds nothing the sentence must state
            "Who co-founded Kestrel with Dale Ruiz?",
            ["Founded in 2011 by former Harlow engineers Ruiz and Ana Park, Kestrel builds scooters."],
            "Ana Park",
        ),
        (  # a range is one answer
            "How many scooters are sold in Vantoria every year?",
            [
                "Vantoria is the biggest market, where 15 million to 20 million new scooters are sold "
                "every year."
            ],
            "15 million to 20 million",
        ),
        (  # a count of somewhere else
            "How many stations does Kestrel have in Taiwan?",
            [
                "Kestrel plans to grow in Taiwan's way by launching 30 stations in Delhi next year.",
                "Kestrel has since expanded to 12,500 stations throughout Taiwan.",
            ],
            "12,500",
        ),
        (  # a modal far before a number is about something else
            "How many trips did Kestrel have in 2020?",
            [
                "That drop at Kestrel could be explained by the decrease of trips from 1.4 billion in 2019 "
                "to 650 million in 2020."
            ],
            "650 million",
        ),
        (  # a plural asks for all the names
            "Which companies does Kestrel use for background checks?",
            ["Kestrel uses third-party companies like Checkr and Appriss to do background checks."],
            "Checkr and Appriss",
        ),
        (  # a name right after the kind of place it is
            "Which country will Kestrel enter first?",
            ["Kestrel will enter new markets, starting with neighboring country Nepal."],
            "Nepal",
        ),
    ],
)
def test_co_founders_ranges_other_places_far_modals_several_names_and_named_places(
    question: str, article: list[str], short: str
) -> None:
    # the first sentence scores best
    assert _short_over(question, article, {i: 0.8 - 0.1 * i for i in range(len(article))}) == short


def test_a_sentence_opening_however_that_refers_back() -> None:
    sentences, passage = _one_passage(
        [
            "In April 2021, Kestrel partnered with Harlow Motors.",
            "However, that deal has not yielded results.",
        ]
    )
    assert "Harlow Motors" in antecedent(passage, sentences[1])


@pytest.mark.parametrize(
    ("question", "article", "short"),
    [
        (  # what the asked name owns, over another count of the same noun
            "How many residents does Vantoria have?",
            [
                "Harlow granted permits to about 17,000 Vantoria residents to work there.",
                "Harlow stopped deliveries to Vantoria's 2.3 million residents on Oct. 10.",
            ],
            "2.3 million",
        ),
        (  # another year's amount
            "How much did Harlow spend on the port in 2022?",
            ["Harlow's spending on the port peaked at $1 billion in 2009."],
            "",
        ),
        (  # "held" asks where, it need not be stated
            "Where is the Day of Reckoning card held?",
            ["Joshua meets Wallin on a card dubbed The Day of Reckoning from Kingdom Arena in Riyadh."],
            "Kingdom Arena",
        ),
        (  # the person, not where they work
            "Who is Anthony Joshua's long-time promoter?",
            ["Eddie Hearn of Matchroom Sport, Joshua's long-time promoter, spoke on Monday."],
            "Eddie Hearn",
        ),
        (  # a place with what it owns
            "Where did Joshua lose to Andy Ruiz Jr. in 2019?",
            ["Joshua's 2019 loss to Andy Ruiz Jr. came at New York's Madison Square Garden."],
            "New York's Madison Square Garden",
        ),
    ],
)
def test_owned_counts_other_years_held_events_people_at_firms_and_owned_places(
    question: str, article: list[str], short: str
) -> None:
    assert _short_over(question, article, {i: 0.8 - 0.1 * i for i in range(len(article))}) == short


def test_a_lower_rank_contradicts_a_first() -> None:
    sentence = "Today, UNRWA is the second-largest employer in Gaza, following Hamas."
    assert contradicts("UNRWA the largest employer in Gaza", sentence)
    assert not contradicts("UNRWA the second-largest employer in Gaza", sentence)


@pytest.mark.parametrize(
    ("question", "article", "short"),
    [
        (
            "How old was Dale Ruiz when he died?",
            ["Harbour chairman Dale Ruiz has died at the age of 78."],
            "78",
        ),
        (  # an award received, and a year that dates a thing
            "When did Dale Ruiz receive a CBE?",
            ["Ruiz was awarded a CBE for his services to theatre in the 2001 New Years Honours List."],
            "2001",
        ),
        (
            "When was The King of Comedy released?",
            ["“King of Comedy was slept on,” she said of her father’s 1983 film starring Robert De Niro."],
            "1983",
        ),
        (  # where a change ends is where it stands, and counts what its start counts
            "How many bumps per minute did the jellyfish make at the end of the test?",
            ["The jellyfish's average rate dropped from 1.8 bumps per minute to 0.78 per minute."],
            "0.78",
        ),
    ],
)
def test_ages_at_death_awards_dating_years_and_where_a_change_ends(
    question: str, article: list[str], short: str
) -> None:
    assert _short_over(question, article, {0: 0.8}) == short


@pytest.mark.parametrize(
    ("question", "article", "short"),
    [
        (  # a counted noun written by its initials
            "How many very large online platforms did the Commission designate in April?",
            ["The Commission designated 19 VLOPs back in April, including Harlow's two apps."],
            "19",
        ),
        (  # an age after "at age"
            "How old was Dale Ruiz when he was sworn in again to the Army Reserve?",
            ["In July, the musician Dale Ruiz was sworn in again at age 59 to the Army Reserve."],
            "59",
        ),
        (  # the year written before a work's title is when it came out
            "When was Harbour Nights released?",
            ["Ruiz did not want to re-record his 2005 “Harbour Nights,” but a new song inspired him."],
            "2005",
        ),
        (  # a song is sung; whom the speaker told is no answer
            'Who sings "Raise the Bar" with Dale Ruiz?',
            [
                "Ruiz told Harbour News Digital that his new song, “Raise the Bar” with Billy Dean, "
                "inspired him."
            ],
            "Billy Dean",
        ),
        (  # a name followed by ", who" is a person, not a place
            "Where did Dale Ruiz die?",
            [
                "Ruiz's death in 1982 “threw cold water” on Williams, who had been close to him.",
                "Ruiz died in a bungalow at the Chateau Marmont hotel in West Hollywood.",
            ],
            "Chateau Marmont",
        ),
    ],
)
def test_initials_ages_dated_works_songs_and_people_after_on(
    question: str, article: list[str], short: str
) -> None:
    assert _short_over(question, article, {i: 0.8 - 0.05 * i for i in range(len(article))}) == short


@pytest.mark.parametrize(
    ("question", "article", "short"),
    [
        (  # a pronoun after an opening preposition follows its chain back to a name
            "How many years has Dale Ruiz been in the league?",
            [
                "Fields' counterpart, Dale Ruiz, could only watch as the play unfolded.",
                "He had just driven the Browns to the go-ahead score the drive before.",
                "In his 16 years in the league, he's seen a lot.",
            ],
            "16 years",
        ),
        (  # a year before 1900 where nothing else could be meant
            "When did President Harlow declare a national Thanksgiving Day?",
            [
                "However, it was not until 1863, during the war, that President Harlow declared a national "
                "Thanksgiving Day."
            ],
            "1863",
        ),
    ],
)
def test_pronouns_after_prepositions_and_older_years(question: str, article: list[str], short: str) -> None:
    assert _short_over(question, article, {len(article) - 1: 0.8}) == short


def test_a_person_may_be_called_by_the_first_name_where_the_article_gives_the_whole_name() -> None:
    article = [
        "Dale Ruiz has been one of my best friends in this business for a long time.",
        "So, Dale actually had to do his vocals out in Harlow because of his schedule.",
    ]
    question = "Why did Dale Ruiz record his vocals in Harlow?"
    assert _short_over(question, article, {1: 0.8}) == "his schedule"  # the first-name sentence alone
    # another person of that first name is not him
    assert _short_over(question, [article[0], article[1].replace("Dale", "Dale Snell")], {1: 0.8}) == ""


def test_who_bought_is_whom_another_sold_to() -> None:
    article = ["In February 2016, Dale Ruiz sold a 49.9% stake in the club to businessman Farhad Moshiri."]
    assert _short_over("Who bought a 49.9% stake in the club in 2016?", article, {0: 0.8}) == "Farhad Moshiri"
    assert _short_over("Who sold a 49.9% stake in the club in 2016?", article, {0: 0.8}) == "Dale Ruiz"


SCOOTERS = """---
title: Why Kestrel picked Vantoria as its next market
source: Harbour Tech
published_at: 2023-12-19
url: https://tech.example/kestrel-vantoria
---
Kestrel chief executive Dale Ruiz wants to go big in Vantoria.
In April 2021, Kestrel partnered with the scooter giant Harlow Motors to roll out its battery network.
However, that deal has not yielded any results.
Asked how Kestrel will use its partnership with Harlow Motors, Ruiz said Harlow's bosses wished him well.
Kestrel plans to open 30 battery stations in the capital next year.
"""


def test_a_close_sentence_that_says_more_of_a_claim_and_denies_it_settles_it(
    tmp_path_factory: pytest.TempPathFactory,
) -> None:
    settings = store_of(tmp_path_factory, "scooters", {"kestrel.md": SCOOTERS})
    answer = ask("Has Kestrel's partnership with Harlow Motors yielded results?", settings=settings)
    assert answer.short == "No", answer.text
    assert any("not yielded" in c.sentence for c in answer.citations)


def test_a_first_person_account_answers_for_the_speaker_the_article_named() -> None:
    article = [
        "Yearning for a change, Dale Ruiz, a 31-year-old travel writer, sold her Harlow home.",
        "It was hard.",
        "So we sold our home in February and went travelling for six months.",
    ]
    question = "When did Dale Ruiz sell her home?"
    assert _short_over(question, article, {2: 0.8}) == "February"
    # an article whose speaker is someone else does not answer for Dale Ruiz
    assert _short_over(question, [article[0].replace("Dale Ruiz", "Ana Snell"), *article[1:]], {2: 0.8}) == ""


@pytest.mark.parametrize(
    ("question", "sentence", "short"),
    [
        (  # rupees and crores are money
            "How much EBITDA did Harlow Power report?",
            "Harlow Power reported EBITDA of ₹25,091 crore in the quarter.",
            "₹25,091 crore",
        ),
        (  # "by how much" asks for the change, not the money it came to
            "By how much did Harlow Power's revenue increase in FY23?",
            "Harlow Power's revenue increased by around 32 per cent in FY23 to ₹1.77 lakh crore.",
            "32 per cent",
        ),
        (  # an age is not how long something lasted
            "How long did Dale Ruiz travel?",
            "Dale Ruiz, a 31-year-old travel writer, travelled for six months.",
            "six months",
        ),
    ],
)
def test_rupee_amounts_changes_by_how_much_and_ages_that_are_no_durations(
    question: str, sentence: str, short: str
) -> None:
    assert _short_over(question, [sentence], {0: 0.8}) == short


def test_what_a_denial_is_about_is_not_asserted_unless_the_sentence_turns() -> None:
    sentence = "The timeline for the Harlow Green IPO is not yet certain."
    assert contradicts("the timeline for the Harlow Green IPO certain", sentence)
    turned = "The phone isn't discounted on Amazon, but it's down to $899 at Best Buy."
    assert "phone" not in polarity(turned).denied_about
    assert not contradicts("the phone down to $899 at Best Buy", turned)


def test_brand_names_may_open_with_a_small_letter_and_state_universities_are_names() -> None:
    text = "Amazon agreed to buy iRobot, and eBay sellers use it."
    assert [text[n.start : n.end] for n in names(text)] == ["Amazon", "iRobot", "eBay"]
    coach = (
        "Ruiz was an assistant wrestling coach at Ohio State University, said Secretary of State Ana Snell."
    )
    assert [coach[n.start : n.end] for n in names(coach)] == ["Ruiz", "Ohio State University", "Ana Snell"]


_PRICE_CUT = (
    "Harlow Group has already lowered its price for Kestrel — which was originally an all-cash offer of "
    "$1.7 billion back in August 2022 — by 15% owing to increased debt taken on by Kestrel."
)


@pytest.mark.parametrize(
    ("question", "short"),
    [
        # the change comes after an aside that gives the old amount: the aside is no answer, and what
        # stands before it is still beside the change
        ("By how much did Harlow Group lower its price for Kestrel?", "15%"),
        ("How much was Harlow Group's original offer for Kestrel?", "$1.7 billion"),
        ("Why did Harlow Group lower its price for Kestrel?", "increased debt taken on by Kestrel"),
    ],
)
def test_a_change_is_read_past_an_aside_that_gives_the_old_amount(question: str, short: str) -> None:
    assert _short_over(question, [_PRICE_CUT], {0: 0.8}) == short


def test_who_beat_a_side_is_whom_it_lost_to_and_a_country_may_be_a_team() -> None:
    article = [
        "Ruiz said the Harlow Hawks, who suffered a shock semi-final loss to England in 2019, never "
        "consider themselves favourites."
    ]
    assert _short_over("Who beat the Harlow Hawks in the 2019 semi-final?", article, {0: 0.8}) == "England"
    # a country is still no answer to who did something else
    assert (
        _short_over("Who said the Harlow Hawks never consider themselves favourites?", article, {0: 0.8})
        == "Ruiz"
    )


def test_a_result_given_to_the_other_side_contradicts_and_the_same_result_does_not() -> None:
    beaten = "England will look to echo 2019, when they beat the Harlow Hawks 19-7 to reach the final."
    assert contradicts("the Harlow Hawks win their 2019 semi-final", beaten)
    assert not contradicts("England beat the Harlow Hawks in 2019", beaten)
    # "knocking over" is a win, and "a maiden defeat" beside it is the other side's
    knocked = (
        "It comes despite Argentina knocking over the Harlow Hawks last year in Vantoria, as well as a "
        "maiden defeat in 2020 in Sydney."
    )
    assert not contradicts("Argentina beat the Harlow Hawks in Vantoria last year", knocked)
    assert contradicts("the Harlow Hawks beat Argentina in Vantoria last year", knocked)


def test_an_amount_it_was_at_first_answers_only_a_question_about_then() -> None:
    question = "How much will Harlow Group pay for Kestrel after lowering its price?"
    assert _short_over(question, [_PRICE_CUT], {0: 0.8}) == ""  # the article gives only the old offer


def test_who_a_side_beat_is_not_someone_else_who_beat_them() -> None:
    article = [
        "Argentina and Fiji have provided highlights in the quarter-finals, and England have beaten "
        "both of them."
    ]
    assert _short_over("Who did Argentina beat in the quarter-finals?", article, {0: 0.8}) == ""
    assert _short_over("Who beat Argentina and Fiji in the quarter-finals?", article, {0: 0.8}) == "England"


@pytest.mark.parametrize(
    ("question", "sentence", "short"),
    [
        (  # a company called by what it makes
            "What does Kestrel make?",
            "Harbour regulators objected to Harlow's purchase of robot vacuum maker, Kestrel, on Monday.",
            "robot vacuum",
        ),
        (
            "What does Kestrel make?",
            "Harlow bought Kestrel, the electric scooter maker, in 2022.",
            "electric scooter",
        ),
        (  # the name written right after the noun a which-question asks for
            "Under which regulation was Harlow named a gatekeeper?",
            "Harlow has been named a gatekeeper under the bloc's shiny new competition regulation, the Fair "
            "Markets Act, which lists its marketplace.",
            "Fair Markets Act",
        ),
    ],
)
def test_what_a_company_makes_and_a_name_in_apposition_to_the_asked_noun(
    question: str, sentence: str, short: str
) -> None:
    assert _short_over(question, [sentence], {0: 0.8}) == short


def test_which_places_takes_the_whole_list_even_inside_a_quoted_statement() -> None:
    sentence = (
        "“Harlow’s marketplace is a particularly important channel to sell scooters in France, Germany, "
        "Italy, and Spain,” the Commission writes in a press release."
    )
    question = "In which countries is Harlow's marketplace a particularly important channel to sell scooters?"
    assert _short_over(question, [sentence], {0: 0.8}) == "France, Germany, Italy, and Spain"
    # one country asked: one country given
    single = "In which country is Harlow's marketplace a particularly important channel to sell scooters?"
    assert _short_over(single, [sentence], {0: 0.8}) == "France"
    # a city with its state is one place of the list, the last one too
    cities = ["Currently, Kestrel Homes operates in Portland, Maine and Cleveland, Ohio."]
    asked_cities = "In which cities does Kestrel Homes currently operate?"
    assert _short_over(asked_cities, cities, {0: 0.8}) == "Portland, Maine and Cleveland, Ohio"


@pytest.mark.parametrize(
    ("question", "sentence", "short"),
    [
        (  # how long ago: the "six months" of "six months ago"
            "How long ago did Dale Ruiz learn about the doll?",
            "Dale Ruiz said he learned about the doll six months ago, and that Harlow did not consult him.",
            "six months",
        ),
        (  # a number is for the name written after it
            "How many votes did Ana Snell get in Friday's vote?",
            "Friday's vote was 194 for Dale Ruiz, his lowest tally yet, and 210 for Ana Snell.",
            "210",
        ),
    ],
)
def test_how_long_ago_and_a_number_counted_for_someone(question: str, sentence: str, short: str) -> None:
    assert _short_over(question, [sentence], {0: 0.8}) == short


def test_a_second_of_the_kind_denies_a_first_and_rather_than_denies() -> None:
    second = (
        "Ruiz, whose likeness is on a coin issued in 2021, is the second Harlow woman honoured with a doll."
    )
    assert contradicts("Ruiz the first Harlow woman honoured with a doll", second)
    assert not contradicts("Ruiz the second Harlow woman honoured with a doll", second)
    lost = "In fact, Ruiz lost rather than gained votes despite hours spent trying to win over holdouts."
    assert contradicts("Ruiz gained votes", lost)
    assert not contradicts("Ruiz lost votes", lost)


_RESULTS = [
    "Here's how Kestrel performed in its fiscal second quarter compared with what analysts expected:",
    "Earnings per share: 41 cents vs. 38 cents expected",
    "Revenue: $3.2 billion vs. $3.3 billion expected",
    "During the quarter, boot sales rose 6% to $2.1 billion, making up about 65% of Kestrel's total sales.",
    "Kestrel's gross margin fell about 0.3 percentage points to 42.5%, the company said.",
    "The Harlow brand fell short of expectations again. Sales came in at $410 million, down 4%.",
    "Kestrel saw sales jumps in every region besides Europe, its largest market by revenue.",
    "“We like where we stand,” said CEO Dana Ruiz, who visited Asia twice this year.",
]


@pytest.mark.parametrize(
    ("question", "short"),
    [
        # a labelled item of a list is about what the list's opening says; cents are money
        ("What were Kestrel's earnings per share in its fiscal second quarter?", "41 cents"),
        ("How much revenue did Kestrel report for its fiscal second quarter?", "$3.2 billion"),
        # where a change ends is what it came to, and "percentage points" is the unit of a change
        ("What was Kestrel's gross margin during the quarter?", "42.5%"),
        ("What share of Kestrel's total sales did boots make up?", "65%"),
        # "Harlow sales": a sentence that opens with the sales, in a passage about Harlow
        ("How much did Harlow sales come in at?", "$410 million"),
        # a name whose appositive says what the question asks
        ("Which region is Kestrel's largest market by revenue?", "Europe"),
        # a sentence under the others that states all the question asks ("CEO")
        ("Who is the CEO of Kestrel?", "Dana Ruiz"),
    ],
)
def test_labelled_results_changes_and_a_chief_named_in_passing(question: str, short: str) -> None:
    scores = {0: 0.5, 1: 0.4, 2: 0.45, 3: 0.6, 4: 0.55, 5: 0.45, 6: 0.5, 7: 0.2}
    assert _short_over(question, _RESULTS, scores, threshold=0.18) == short


def test_number_words_in_names_whole_old_dates_years_opening_a_sentence_and_attributed_reasons() -> None:
    said = "“He will score again,” said Ten Hag. Ten people came."
    assert [said[s.start : s.end] for s in numbers(said)] == ["Ten"]  # the count, not the coach
    born = "Ruiz was born on Oct. 3, 1873, in a small town."
    assert [born[s.start : s.end] for s in dates(born)] == ["Oct. 3, 1873"]
    opening = "In 1912, Ruiz began canning the berries. Last week, the firm said so."
    assert [opening[s.start : s.end] for s in dates(opening)] == ["1912", "Last week"]
    moved = "Its margin fell about 0.3 percentage points to 42.5%."
    assert [moved[s.start : s.end] for s in numbers(moved)] == ["0.3 percentage points", "42.5%"]  # no range
    from qa.answer.spans import reasons

    cause = "The company attributed the margin drop to higher costs and currency rates, but prices rose."
    assert [cause[s.start : s.end] for s in reasons(cause)] == ["higher costs and currency rates"]


def test_falling_short_denies_a_beat_and_a_first_place_taken_by_another_denies_it() -> None:
    short = (
        "Kestrel reported revenue that fell short of analysts' expectations for the first time in two "
        "years, but it beat on earnings estimates."
    )
    assert contradicts("Kestrel's revenue beat analysts' expectations", short)
    assert not contradicts("Kestrel beat on earnings estimates", short)
    overtaken = "The state of Oregon, meanwhile, surpassed Idaho decades ago as the nation's top hops grower."
    assert contradicts("Idaho still the nation's top hops grower", overtaken)
    assert not contradicts("Oregon the nation's top hops grower", overtaken)


@pytest.mark.parametrize(
    ("question", "article", "short"),
    [
        (  # the kind of place a name follows, with "of"
            "Which state is the nation's top hops grower?",
            ["The state of Oregon, meanwhile, surpassed Idaho decades ago as the nation's top hops grower."],
            "Oregon",
        ),
        (  # a which-question's name from the sentence that states what it asks, a city-and-state is none
            "Which university did Dana Ruiz attend?",
            [
                "Dana Ruiz was born on May 2, 1950, in Sullivan, Maine, a small coastal town.",
                "She attended the University of Vermont, where she studied law.",
            ],
            "University of Vermont",
        ),
        (  # her words about something else; then an organisation whose name starts with the asked one's
            "What did Dana Ruiz say about Harlow?",
            [
                "“We feel good about the market there,” said Dana Ruiz, who visited Asia.",
                "Harlow sales fell.",
            ],
            "",
        ),
        (
            "When was Kestrel Dynamics founded?",
            [
                "Last year, Ruiz founded the Kestrel Dynamics Research Institute.",
                "Ruiz would found Kestrel Dynamics in 1992.",
            ],
            "1992",
        ),
    ],
)
def test_places_named_by_kind_which_names_that_state_the_question_topics_and_longer_names(
    question: str, article: list[str], short: str
) -> None:
    assert _short_in_order(question, article, step=0.3) == short


def test_the_date_of_an_event_is_in_a_sentence_that_tells_of_it_not_only_in_the_title() -> None:
    title = "Months after Ruiz invaded Harlow, talks resume"
    article = ["Last week, Ruiz began to fly supplies to the border."]
    assert _short_over("When did Ruiz invade Harlow?", article, {0: 0.7}, title=title) == ""


@pytest.mark.parametrize(
    ("question", "article", "short"),
    [
        (  # a game's score: the article reports the game, without "final", "game" or "play"
            "What was the final score of Kestrel's game against Harlow?",
            ["The Kestrels blew out No. 22 Harlow, 42-18, at Ruiz Field on Saturday."],
            "42-18",
        ),
        (
            "Where did Kestrel play Harlow?",
            ["The Kestrels blew out Harlow in front of fans at Ruiz Field."],
            "Ruiz Field",
        ),
        (  # "had not beaten" / "their first win over ... since"
            "Since when had Kestrel not beaten Harlow?",
            ["The Kestrels blew out Harlow, 42-18, marking their first win over Harlow since 2015."],
            "2015",
        ),
        (  # whom the asked verb was done to, not who designed the play
            "Who did Sam Ruiz find for a touchdown?",
            [
                "Coach Dana Lee designed it again, with Ruiz finding a wide-open senior Omar Ortiz to score "
                "a touchdown."
            ],
            "Omar Ortiz",
        ),
        (  # a side's record after its name
            "What is Kestrel's record?",
            ["Kestrel (8-3, 6-2 Pac-12) will take on its in-state rival Harlow State next Saturday."],
            "8-3",
        ),
        (
            "Who is Harlow's head coach?",
            ["“Great win,” Kestrel head coach Dana Lee said of the win over Harlow."],
            "",
        ),
        (
            "Who is Kestrel's head coach?",
            ["“Great win,” Kestrel head coach Dana Lee said of the win over Harlow."],
            "Dana Lee",
        ),
        (
            "Where is Kestrel headquartered?",
            [
                "It gave Kestrel, the Paris-headquartered indie giant, its first chart-topper on Spotify’s "
                "Global Top 50."
            ],
            "Paris",
        ),
        (  # an interviewee's "we" is the company the article is about
            "When did Kestrel identify Harlow as a promising label?",
            [
                "Kestrel signs artists in 50 countries.",
                "In the case of Ruiz, we identified Harlow as a promising new label in 2020.",
            ],
            "2020",
        ),
        (  # the agent of the asked verb in the passive
            "Which company supports the Leaders series?",
            [
                "KBW’s Leaders is a regular series about music executives.",
                "The Leaders series is supported by PPL.",
            ],
            "PPL",
        ),
    ],
)
def test_games_objects_records_roles_of_other_sides_places_made_we_and_passive_agents(
    question: str, article: list[str], short: str
) -> None:
    assert _short_in_order(question, article) == short


def test_other_places_missed_chances_ranks_and_titles_with_no_in_them() -> None:
    paris = "It gave Kestrel, the Paris-headquartered indie giant, its first chart-topper."
    assert contradicts("Kestrel headquartered in Madrid", paris)
    assert not contradicts("Kestrel headquartered in Paris", paris)
    missed = "Lee, who missed his opportunity last season to play in Senior Day due to injury, is back."
    assert contradicts("Lee play in Senior Day last season", missed)
    top = "Ruiz's Si No Estás rose to the top of Spotify's Global Top 50 in late October."
    assert not contradicts("Si No Estás reach No. 1 on Spotify's Global Top 50", top)


def test_a_question_is_english_whatever_language_its_names_and_titles_are_in() -> None:
    from qa.answer.evidence import in_english

    assert in_english("How many streams has Lo Que Queda de Mí had on Spotify?")
    assert in_english("Did Si No Estás reach No. 1 on Spotify's Global Top 50?")
    assert not in_english("¿Cuántas reproducciones ha tenido la canción de Iñigo en el mes de octubre?")


def test_day_month_dates_after_a_weekday_and_a_college_named_for_someone() -> None:
    text = "The clocks go back at 2am on Sunday 29 October, and won’t go forward until Sunday 31 March 2024."
    assert [text[s.start : s.end] for s in dates(text)] == [
        "2am",
        "Sunday 29 October",
        "Sunday 31 March 2024",
    ]
    foley = (
        "Professor Aoife Foley from Queen’s University Belfast has calculated it, as OpenAI’s ChatGPT did."
    )
    assert [foley[s.start : s.end] for s in names(foley)] == [
        "Aoife Foley",
        "Queen’s University Belfast",
        "OpenAI",
        "ChatGPT",
    ]


@pytest.mark.parametrize(
    ("question", "article", "short"),
    [
        (  # a date of another year than the asked one
            "When do the clocks go back in 2023?",
            ["The clocks go back on Sunday 31 March 2024.", "The clocks go backwards on Sunday 29 October."],
            "Sunday 29 October",
        ),
        (
            "Who wrote Wake Up to Sleep?",
            ["Dana Ruiz, author of Wake Up to Sleep, cites a 2014 study."],
            "Dana Ruiz",
        ),
        (  # an amount for each day, as asked
            "How much could households save a day without the switch?",
            ["Without the switch, households could save £400 per year, or £1.20 a day, Dana Ruiz said."],
            "£1.20",
        ),
    ],
)
def test_years_authors_and_amounts_for_each_day(question: str, article: list[str], short: str) -> None:
    assert _short_in_order(question, article) == short


def test_a_vote_the_other_way_and_a_failed_test_contradict() -> None:
    voted = "The parliament voted in favour of scrapping the switch in 2019."
    assert contradicts("the parliament vote against scrapping the switch", voted)
    assert not contradicts("the parliament vote for scrapping the switch", voted)
    assert contradicts("Ruiz pass his medical", "Ruiz failed his medical on Monday.")


@pytest.mark.parametrize(
    ("question", "article", "short"),
    [
        (  # a person called by surname after the first mention, and the words she called it
            "What did Ines Calloway call the claims?",
            [
                "Calloway calling the claims “the silliest thing I’ve read” and her captain, Rhea Moss, "
                "calling them “unfair” settled the matter."
            ],
            "the silliest thing I’ve read",
        ),
        (  # a reason over twenty words keeps its first part whole
            "Why was the win not enough for Larkfield?",
            [
                "Larkfield won by six, but that was not enough, because Oakham scored twice deep in added "
                "time to finish top of the table and progress from the group ahead of Larkfield on goal "
                "difference."
            ],
            "Oakham scored twice deep in added time to finish top of the table",
        ),
        (  # "as part of" gives a reason
            "Why did Vellum shut down Orbly?",
            ["As part of Vellum’s cost-cutting efforts, the company decided to shut down Orbly altogether."],
            "Vellum’s cost-cutting efforts",
        ),
        (  # a message is answered by the words quoted, not by "you"
            "What message does Orbly show at the end?",
            ["At the end, Orbly shows you a message that says “go for a walk.”"],
            "go for a walk",
        ),
        (  # the thing as the article names it, with the asked noun
            "What injury did Rhea Moss suffer?",
            ["Rhea Moss returned after suffering an anterior cruciate ligament injury last year."],
            "anterior cruciate ligament injury",
        ),
        (  # a game's minute answers when
            "When did Tove Brandt score?",
            ["Tove Brandt scored in the 87th minute to seal it."],
            "the 87th minute",
        ),
        (  # where a side is ranked is a place in an order
            "Where are Larkfield ranked in the world?",
            ["Larkfield, ranked 23rd in the world, face Oakham on Friday."],
            "23rd",
        ),
    ],
)
def test_surnames_long_reasons_messages_named_things_minutes_and_ranks(
    question: str, article: list[str], short: str
) -> None:
    assert _short_in_order(question, article) == short


def test_a_refused_appeal_and_a_belief_given_up_contradict() -> None:
    waved = "Moss went down in the box but appeals for a penalty were waved away."
    assert contradicts("Rhea Moss awarded a penalty", waved)
    assert not contradicts("Rhea Moss awarded a corner", waved)
    used_to = "I used to think that ten million users would be enough to make a company last."
    assert contradicts("Ines Calloway think ten million users are enough to make a company last", used_to)
    assert not contradicts("Ines Calloway used to think ten million users were enough", used_to)


def test_the_owner_of_the_side_that_scored_did_not_score() -> None:
    text = "Mara Lindqvist’s Harriers were scoring the opening goal within five minutes."
    owner = names(text)[0]
    assert text[owner.start : owner.end] == "Mara Lindqvist"
    assert possesses_doer("Who scored the opening goal?", text, owner)
    assert not possesses_doer("Who manages the Harriers?", text, owner)  # the owner answers that


@pytest.mark.parametrize(
    ("question", "article", "short"),
    [
        (  # the name a preposition governs did not do the asked verb
            "Who gave Larkfield an early lead?",
            ["Tove Brandt slots the ball past Ines Calloway to give Larkfield an early lead."],
            "Tove Brandt",
        ),
        (  # names the floor of nearness ties are ordered by how near they still are
            "Who made his full debut for Larkfield?",
            [
                "Lindqvist could rest players before Oakham Rovers’ league visit on Sunday, give a full "
                "debut to 19-year-old left-back Sam Pell, and still win."
            ],
            "Sam Pell",
        ),
        (  # how many someone has, counted by the latest
            "How many goals has Tove Brandt scored for Larkfield?",
            ["Brandt scored her 43rd goal for Larkfield on Sunday."],
            "43rd",
        ),
        (  # "Which cup ...?": a name that says its kind
            "Which cup did Oakham win?",
            ["The visit of Welsh Cup winners Oakham proved the most entertaining so far."],
            "Welsh Cup",
        ),
        (  # what follows "called" names what the question asks the name of
            "What will the new oversight body be called?",
            [
                "The figure will be combined with “other measures” that will be developed by a new "
                "oversight body, called the Data Office."
            ],
            "Data Office",
        ),
        (  # a purpose is said with its infinitive
            "Why did Orbly choose a generic term?",
            ["Orbly chose a generic term to avoid a label tied to one technology."],
            "to avoid a label tied to one technology",
        ),
    ],
)
def test_governed_names_near_ties_ordinal_counts_kinds_in_names_called_and_purposes(
    question: str, article: list[str], short: str
) -> None:
    assert _short_over(question, article, {0: 0.7}, title="Larkfield") == short


def test_a_role_the_question_owns_is_not_another_sides_and_an_and_may_be_a_role_owner() -> None:
    article = ["Brandt breezed past Logan Pell and beat goalkeeper Ines Calloway with a finish."]
    assert _short_over("Who is Oakham's goalkeeper?", article, {0: 0.7}, title="Larkfield beat Oakham") == (
        "Ines Calloway"
    )


def test_only_a_purpose_keeps_its_to() -> None:
    from qa.answer.spans import reasons

    for text, reason in [
        ("Prices rose owing to higher costs.", "higher costs"),
        ("Police moved in in an effort to calm the crowd.", "to calm the crowd"),
        ("They acted in order to protect the hostages.", "to protect the hostages"),
        ("He checked twice to make sure jets don’t collide.", "jets don’t collide"),
    ]:
        assert [text[s.start : s.end] for s in reasons(text)] == [reason]


def test_a_role_at_another_side_a_continued_denial_and_a_start_from_the_bench_contradict() -> None:
    tribute = "Fans paid tribute to Mara Lindqvist, the Oakham chairman who died on Monday."
    assert contradicts("Mara Lindqvist Larkfield chairman", tribute)
    assert not contradicts("Mara Lindqvist Oakham chairman", tribute)
    budget = "The agency confirmed there’s no budget nor headcount defined for the office as yet."
    assert contradicts("office have defined headcount", budget)
    assert contradicts("Tove Brandt start against Oakham", "Brandt came off the bench to end the rout.")


@pytest.mark.parametrize(
    ("question", "article", "short"),
    [
        (  # articles are no distance: "grown in the Dry Valley" is as near as "grown in Norland"
            "Where is kelpweed grown?",
            [
                "“Reedgrass is primarily grown in Norland,” he says, “while kelpweed is grown in the Dry "
                "Valley.”"
            ],
            "Dry Valley",
        ),
        (  # a caption's label is no person
            "Who will referee the derby?",
            ["Credit: Ines Calloway will referee the derby."],
            "",
        ),
        (  # a code is no company
            "Which company makes Zelmira?",
            ["Zelmira (a PD-L1 drug) is sold by Vossberg."],
            "Vossberg",
        ),
        (  # what a question's last preposition introduces
            "What does Orbly source its silica from?",
            [
                "Orbly, for example, is now using silica sourced from a rice processing byproduct called "
                "husk ash."
            ],
            "rice processing byproduct called husk ash",
        ),
        (  # "resigned ... over" gives a reason
            "Why did Dana Ruiz resign from the board?",
            ["Dana Ruiz resigned from the board in 2020 over differences of opinion on moderation."],
            "differences of opinion on moderation",
        ),
        (  # a day that recurs is a rule, said whole and not resolved
            "When does Norland celebrate Harvest Day?",
            ["Norland celebrates Harvest Day on the second Monday in October."],
            "second Monday in October",
        ),
        (  # ... and no date of the year asked about
            "On which date is Harvest Day celebrated this year?",
            ["Harvest Day is celebrated this year on the fourth Thursday of the month, 23 November."],
            "23 November",
        ),
    ],
)
def test_articles_records_codes_stranded_prepositions_resignations_and_recurring_days(
    question: str, article: list[str], short: str
) -> None:
    assert _short_over(question, article, {0: 0.7}, title="Title") == short


def test_a_digit_may_run_into_a_name_and_non_hyphenated_and_encouraged_are_opposites() -> None:
    from qa.answer.spans import mentions

    record = "Brandt (26-3, 23 KOs) faces Ines Calloway in the main event."
    knockouts = next(n for n in names(record) if record[n.start : n.end] == "KOs")
    assert not could_be_person(record, knockouts, "Who does Brandt face?", ["Brandt"])

    assert mentions("It is 6PPD-quinone that kills the salmon.", "PPD-quinone")
    assert contradicts(
        "Orbly Wheel pneumatic tire", "A near-future example is the Orbly Wheel, a non-pneumatic tire."
    )
    assert contradicts("Vossberg oppose the regulation", "Vossberg actually encouraged the regulation.")


def test_what_a_negation_governs_is_denied_however_much_else_the_sentence_shares() -> None:
    assert contradicts("Ilse Varga plead guilty", "Varga pleaded not guilty.")
    quiz = "Though the chiefs didn’t know the answer, the sums are large: $360 million for Norbank."
    assert contradicts("bank chiefs know how much their firms returned", quiz)
    assert contradicts(
        "X-ray show anything alarming", "She had a chest X-ray, but it showed nothing alarming."
    )
    hedge = "Reyes says the vaccine doesn’t guarantee that someone won't get the flu, but noted it helps."
    assert contradicts("vaccine guarantee someone won t get flu", hedge)
    # ... unless the sentence asserts it too, or turns from the denial to what holds instead
    assert not contradicts("Tove Brandt score", "Tove Brandt scored twice, but Lena Holm did not score.")
    assert "releas" not in polarity("Orbly didn't release the full model, Zeta — only a lite version.").heads
    assert "releas" in polarity("Orbly didn't release the full model, Zeta, but said it would.").heads


HEARING = """---
title: Senator quizzes bank chiefs on overdraft fees
source: Capital Ledger
published_at: 2024-03-06
url: https://ledger.example/varga-hearing
---
Senator Ilse Varga questioned four bank chiefs at Wednesday's hearing on consumer fees.
Varga praised Norbank chief executive Tomas Reyes for ending overdraft fees last year.
“Is it fair to say that Norbank is still a profitable bank?” Varga asked Reyes.
“Yes, Senator,” Reyes replied.
Varga pressed him further about what the change had cost.
“Did removing overdraft fees upend your business model,” Varga continued.
“No, Senator,” Reyes answered. “We work hard to protect our customers.”
"""


@pytest.mark.parametrize(
    ("question", "verdict"),
    [
        ("Is Norbank still a profitable bank?", "Yes"),
        ("Did removing overdraft fees upend Norbank's business model?", "No"),
    ],
)
def test_a_quoted_question_is_settled_by_the_reply_that_follows_it(
    tmp_path_factory: pytest.TempPathFactory, question: str, verdict: str
) -> None:
    settings = store_of(tmp_path_factory, "hearing", {"hearing.md": HEARING})
    answer = ask(question, settings=settings)
    assert answer.short == verdict, answer.text
    cited = [c.sentence for c in answer.citations]
    assert any(s.startswith(f"“{verdict}, Senator") for s in cited), cited
    assert any(s.startswith(("“Is it fair", "“Did removing")) for s in cited), cited  # and what it answers


@pytest.mark.parametrize(
    ("question", "article", "short"),
    [
        (  # an acronym the sentence spells out
            "How much did the NCWB order Norbank to repay?",
            ["The National Consumer Watch Bureau ordered Norbank to repay $360 million."],
            "$360 million",
        ),
        (  # a closing clause that only times the event counts half
            "How long did Ines Calloway spend in the hospital after waking up?",
            ["She woke three weeks later.", "Ines Calloway spent another two months in the hospital."],
            "two months",
        ),
        (  # an apposition that places a company
            "Where is Vossberg Labs based?",
            ["Dr. Tove Brandt, chief officer at Vossberg Labs, a Norland biopharmaceutical company, spoke."],
            "Norland",
        ),
    ],
)
def test_acronyms_timing_clauses_placed_companies_and_times_of_life(
    question: str, article: list[str], short: str
) -> None:
    scores = dict.fromkeys(range(len(article)), 0.7)
    assert _short_over(question, article, scores, title="Title") == short


def test_names_written_as_acronyms_and_times_of_life() -> None:
    from qa.answer.spans import abbreviated, reasons

    assert abbreviated("the CFPB said", "Consumer Financial Protection Bureau")
    assert not abbreviated("Chief Executive Officer", "CFPB")
    for text, said in [
        ("She worked at Orbly after college.", []),
        ("He quit after criticism.", ["criticism"]),
    ]:
        assert [text[s.start : s.end] for s in reasons(text)] == said


@pytest.mark.parametrize(
    ("question", "article", "short"),
    [
        (  # an adjective of a country is said with the noun asked about
            "Which government did Ilse Varga aid?",
            ["Ilse Varga is accused of using her seat to improperly aid the Norlandian government."],
            "Norlandian government",
        ),
    ],
)
def test_years_of_other_events_and_governments_named_by_their_country(
    question: str, article: list[str], short: str
) -> None:
    assert _short_over(question, article, {0: 0.7}, title="Title") == short
    from qa.answer.direct import _year_of_another_name

    text = "The watchdog, created in 2011 in the wake of the 2008 Savings Crisis, grew."
    years = {y: next(d for d in dates(text) if text[d.start : d.end] == y) for y in ("2011", "2008")}
    asked_about = "When was the Norland Savings Authority created?"
    assert _year_of_another_name(text, years["2008"], asked_about)
    assert not _year_of_another_name(text, years["2011"], asked_about)
    assert not _year_of_another_name(text, years["2008"], "When did the Savings Crisis start?")


def test_an_opening_adverb_is_no_name_and_a_doctor_is_a_person() -> None:
    text = "Ultimately, doctors had to amputate her left leg."
    assert [text[n.start : n.end] for n in names(text)] == []
    kelly = "Kelly, 34, was hurt."
    assert [kelly[n.start : n.end] for n in names(kelly)] == ["Kelly"]
    from qa.answer.fits import marked_person

    doctor = "Dr. Ines Calloway, chief officer at Vossberg Labs, spoke."
    assert marked_person(doctor, next(n for n in names(doctor) if doctor[n.start : n.end] == "Ines Calloway"))


def test_a_kind_of_organisation_that_sentences_say_is_said() -> None:
    article = ["Dr. Ines Calloway, chief officer at Vossberg Labs, said Tove Brandt was treated quickly."]
    assert _short_over("Which hospital treated Tove Brandt?", article, {0: 0.7}) == ""
    sold = ["Zelmira is sold by Vossberg."]
    assert _short_over("Which company makes Zelmira?", sold, {0: 0.7}) == "Vossberg"


def test_a_currency_prefix_is_no_name() -> None:
    text = "Norbank shares closed down 2.2% to C$53.07 in Toronto."
    assert [text[n.start : n.end] for n in names(text)] == ["Norbank", "Toronto"]


_SPOKESPERSON_FIRST = [
    "Norbank is suing the regulator over its new rules.",
    "“This matter should be resolved privately,” Norbank spokesperson Ines Calloway said by email.",
    *(f"Paragraph {n} of the story adds a detail about the case and the rules." for n in range(1, 18)),
    "Norbank took “reasonable steps” to protect its information from a rival, Calloway said.",
]


def test_a_person_the_article_introduced_answers_no_which_company_question(
    tmp_path_factory: pytest.TempPathFactory,
) -> None:
    article = "---\ntitle: Norbank sues regulator\nsource: Capital Ledger\n---\n" + "\n".join(
        _SPOKESPERSON_FIRST
    )
    settings = store_of(tmp_path_factory, "spokesperson", {"norbank.md": article})
    answer = ask("Which company did Norbank protect its information from?", settings=settings)
    assert "Calloway" not in answer.short, answer.text


@pytest.mark.parametrize(
    ("question", "article", "short"),
    [
        (  # a cause itself over the setting it happened in
            "Why did the sisters stay out of the board's talks on the merger?",
            [
                "As part of that truce, the sisters agreed to stay out of the board's talks on the merger, "
                "because of an argument about their lawyer."
            ],
            "an argument about their lawyer",
        ),
        (  # a question the article asks answers nothing, and a what-question needs its verb said
            "What is Glimmer Night rated?",
            ["Will Glimmer Night fans enjoy the sequel more?", "Glimmer Night fans love the games."],
            "",
        ),
    ],
)
def test_causes_and_sentences_that_answer_a_what_question(
    question: str, article: list[str], short: str
) -> None:
    assert _short_over(question, article, dict.fromkeys(range(len(article)), 0.7)) == short


def test_an_amount_opens_a_description_and_a_spokesman_for_a_company_is_no_title() -> None:
    article = ["Orbly agreed to take over Vossberg Labs.", "The C$20 billion transaction closed in April."]
    sentences, whole = _one_passage(article, "Title")
    assert "Vossberg Labs" in antecedent(whole, sentences[1])
    from qa.answer.fits import marked_person

    text = "A spokesman for Vossberg said it would appeal."
    assert not marked_person(text, next(n for n in names(text) if text[n.start : n.end] == "Vossberg"))
    assert asked("What is Glimmer Night rated?").noun == ""
    assert asked("What is Glimmer Night's show rated?").noun == "show"


@pytest.mark.parametrize(
    ("question", "article", "scores", "short"),
    [
        (  # a role written with its organisation is the name's own
            "Who is the president of the Hill Society of Engineers?",
            ["Mara Quell, president of the Hill Society of Engineers, said she was thrilled."],
            {0: 0.7},
            "Mara Quell",
        ),
        (  # a role at another company is not the asked company's, nor is a name a quote runs past
            "Who is the CEO of Veltro Networks?",
            [
                "“We are pleased to be teaming up with Veltro Networks for IoT growth,” said Ken Araki, "
                "president & CEO of Hoshi Corp., in a statement.",
                "Dana Pike will stay on as CEO of Veltro Networks.",
            ],
            {0: 0.8, 1: 0.4},
            "Dana Pike",
        ),
        (  # a long name written short, and a hyphenated title is no part of the name
            "Who is the secretary-general of the Royal Nordic Academy of Letters?",
            ["After the vote, Secretary-General Lena Ostberg said the Nordic academy would investigate."],
            {0: 0.7},
            "Lena Ostberg",
        ),
        (  # taking a stake is investing; a company's legal form ends its name
            "How much is Hoshi investing in Veltro?",
            ["Veltro has picked up €400 million from Hoshi Corp. Hoshi is taking a 51% stake in it."],
            {0: 0.7},
            "€400 million",
        ),
        (  # what a company is valued at is an amount; "after the deal" only times it
            "What is Veltro valued at after the deal?",
            ["Hoshi is taking a 51% stake in Veltro, valuing it at $1.2 billion."],
            {0: 0.7},
            "$1.2 billion",
        ),
        (  # a reason often follows what it explains, in a quote a pronoun says
            "Why didn't Marsh answer the phone?",
            [
                "Marsh, a professor emeritus, said he didn't pick up the phone when the early call came.",
                "“It was ringing during the night, but I didn't answer it because I was trying to get some "
                "sleep,” he told reporters.",
            ],
            {0: 0.8, 1: 0.35},
            "I was trying to get some sleep",
        ),
    ],
)
def test_roles_of_organisations_long_names_stakes_valuations_and_reasons_that_follow(
    question: str, article: list[str], scores: dict[int, float], short: str
) -> None:
    assert _short_over(question, article, scores, threshold=0.3) == short


def test_a_name_set_against_another_and_a_manner_denied_contradict() -> None:
    sentence = (
        "The investment is coming from Hoshi Corp., not Hoshi Group, nor the company's storied Vision Fund."
    )
    assert contradicts("investment coming Hoshi s Vision Fund", sentence)
    assert not contradicts("investment coming Hoshi Corp.", sentence)
    plan = (
        "Hoshi sees a chance to expand internationally not through costly builds of more network, "
        "or by acquiring other carriers, but by taking a stake in a partner."
    )
    assert contradicts("Hoshi expanding internationally by acquiring other carriers", plan)
    assert not contradicts("Hoshi expanding internationally by taking stake partner", plan)
    # a verb of its own after "and" is out of the negation's reach
    said = polarity("They don't have enough range and will spur job losses.")
    assert "spur" in said.asserted and "spur" not in said.denied and "rang" in said.denied
    merged = "It came from Hoshi Corp. Hoshi is taking a stake."  # two sentences the splitter kept as one
    assert [merged[n.start : n.end] for n in names(merged)] == ["Hoshi Corp.", "Hoshi"]


def test_a_denial_by_whom_a_claim_names_settles_it_over_a_sentence_about_someone_else(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    """The sentence scores are given (what is tested is which of them settles the claim): a
    painter's "art prize win" shares more words with the claim, Marsh's own words deny it."""
    import numpy as np

    from qa.answer import verdict as verdict_module
    from qa.retrieval.lexical import LexicalIndex

    painter = "The now 40-year-old has won the region's art prizes, from the Corran art prize win in 2019."
    article = [
        "Chemist Ivo Marsh shares the Halden Prize.",
        "“I certainly was not expecting this,” Marsh said.",
    ]
    sentences, whole = _one_passage(article)
    (painted,), gallery = _one_passage([painter], "Painter collects another award")
    gallery = dataclasses.replace(gallery, chunk_id="b:1:0", article_id="b")
    scored = [Candidate(sentences[0], whole, 0.51, 0), Candidate(sentences[1], whole, 0.5, 1)]
    scored.append(Candidate(painted, gallery, 0.44, 2))
    monkeypatch.setattr(verdict_module, "score_sentences", lambda *args, **kwargs: scored)
    check = verdict_module._check(
        "Was Marsh expecting to win the prize?",
        "Marsh expecting to win prize",
        np.zeros(3, dtype=np.float32),
        [whole, gallery],
        catalog=None,
        embedder=None,  # type: ignore[arg-type]  # (the scores are given)
        lexical=LexicalIndex([t.split() for t in [*article, painter]]),
        support=0.3,
        stored=None,
    )
    assert check.status == "contradicted"
    assert check.evidence is not None and "not expecting" in check.evidence.sentence.text


@pytest.mark.parametrize(
    ("question", "article", "scores", "short"),
    [
        (  # a pronoun after a short opening phrase, standing for a surname the passage gives
            "When did Ivo Grell create the Tread Data Forum?",
            [
                "Grell believes that what’s needed is better understanding.",
                "To that end, he created the Tread Data Forum in 2021, a group with about 1,000 members.",
            ],
            {1: 0.7, 0: 0.5},
            "2021",
        ),
        (  # a first name opening the sentence, where the passage gives the whole name
            "How old was Mira Dale when her mother died?",
            ["Mira Dale turns 9 on Saturday.", "Mira was 2 years old when her mother died of cancer."],
            {1: 0.7, 0: 0.6},
            "2",
        ),
        (  # a short what-question is answered by a sentence about whom it names
            "Which university does Ivo Marsh teach at?",
            ["Ivo Marsh works at Halden Labs.", "Sinha would continue to teach at Corran University."],
            {1: 0.6, 0: 0.5},
            "",
        ),
    ],
)
def test_pronouns_after_an_opening_phrase_first_names_and_whom_a_what_question_is_about(
    question: str, article: list[str], scores: dict[int, float], short: str
) -> None:
    assert _short_over(question, article, scores, threshold=0.3) == short


def test_a_name_after_a_prefix_describes() -> None:
    text = "an album of thrashy bangers and post-Billie Eilish sad-pop, anti-Kremlin in tone"
    assert [text[n.start : n.end] for n in names(text)] == []


@pytest.mark.parametrize(
    ("question", "article", "short"),
    [
        (  # a number "of" something counts that: no nominations here
            "How many nominations did the academy receive?",
            ["The academy asks for nominations a year in advance from thousands of university professors."],
            "",
        ),
        (  # "come with" says little of its own: "carry" says as much
            "How much money does the Halden Prize come with?",
            ["The Halden Prizes carry a cash award of $2 million from a bequest."],
            "$2 million",
        ),
        (  # a list of names goes on past an aside on one of them
            "Which investors hold the remaining board seats at Veltro?",
            ["Veltro's remaining seats are held by Carda (the Orvo Group) and Quillfield."],
            "Carda (the Orvo Group) and Quillfield",
        ),
    ],
)
def test_numbers_of_something_else_light_verbs_and_lists_past_an_aside(
    question: str, article: list[str], short: str
) -> None:
    assert _short_over(question, article, {0: 0.7}) == short


def test_an_earlier_round_a_bound_the_other_way_and_a_plan_settle_no_claim_as_said() -> None:
    run = "Many of his signings starred in a run to the Cup semi-finals in 2020."
    assert contradicts("Harlow reach Cup final 2020", run)
    assert not contradicts("Harlow reach Cup semi-finals 2020", run)
    stay = "Leaving what he called his dream job after less than two years, he moved on."
    assert contradicts("Mitchell stay at Harlow for more than two years", stay)
    assert not contradicts("Mitchell stay at Harlow for less than two years", stay)
    from qa.answer.verdict import _only_intended

    plan = "She later shared that she planned on “suing” Blockworld for using her name."
    assert _only_intended("Vera Lake sue Blockworld", plan)
    assert not _only_intended("Vera Lake plan to sue Blockworld", plan)
    caption = "6 Ratcliffe could still have a big say at United Credit: getty"
    assert "United Credit" not in [caption[n.start : n.end] for n in names(caption)]


def test_a_thing_of_another_relative_and_a_name_described_as_the_asked_kind() -> None:
    hacked = "Vera Lake has taken umbrage with Blockworld after her son’s account was hacked."
    assert contradicts("Lake s daughter s account hacked", hacked)
    assert not contradicts("Lake s son s account hacked", hacked)
    article = [
        "Particularly as Corran, the French club owned by Ratcliffe, recruited Ivo Grell and Dana Pike.",
        "All three players left Corran this summer.",
    ]
    assert _short_over("Which French club does Ratcliffe own?", article, {0: 0.7}) == "Corran"


def test_a_whose_question_is_answered_by_the_owner() -> None:
    article = [
        "The Slayer star, 46, took to Chirper on 4 December after her son’s Blockworld account was hacked.",
        "Vera Lake has taken umbrage with Blockworld after her son’s account was hacked.",
    ]
    assert (
        _short_over("Whose son had his Blockworld account hacked?", article, {0: 0.77, 1: 0.7}) == "Vera Lake"
    )


@pytest.mark.parametrize(
    ("question", "article", "scores", "short"),
    [
        (  # a person, then where they work
            "Who led Harlow's Series A?",
            [
                "Harlow has $16 million raised to date through its Series A, led by Ivo Grell of "
                "Corran Capital."
            ],
            {0: 0.7},
            "Ivo Grell",
        ),
        (  # a team told by its size in people
            "How many people work at Veltro?",
            ["Veltro is a 25-person distributed team, while Grell is based in Halden."],
            {0: 0.7},
            "25",
        ),
        (  # the name a relative clause says did the asked thing
            "Which company warned that housing would enter a deep freeze?",
            [
                "Some saw what was coming, for instance Quillfield, which warned in May that housing "
                "would enter a “deep freeze” if America defaulted."
            ],
            {0: 0.7},
            "Quillfield",
        ),
        (  # a stranded "as" and a quoted name
            "What will the earlier Veltro app be rebranded as?",
            [
                "The earlier Veltro will now transition to become rebranded as “Veltro Cloud” as the "
                "iMessage-only Veltro Mini goes to launch."
            ],
            {0: 0.7},
            "Veltro Cloud",
        ),
        (  # every word of the asked kind, right before the name
            "Which spyware maker did Harlow previously sue?",
            ["Harlow previously sued spyware maker Corran Group to block it from using Harlow’s services."],
            {0: 0.7},
            "Corran Group",
        ),
        (
            "Which smartwatch startup did Ivo Grell found?",
            [
                "“That’s the big breakthrough,” explains Veltro co-founder and CEO Ivo Grell, previously "
                "the founder of smartwatch startup Quillfield."
            ],
            {0: 0.7},
            "Quillfield",
        ),
        (  # the asked thing "called" by its name, over a description of an earlier one
            "What is the new app Veltro is launching?",
            [
                "A startup called Veltro is now launching a new app called Veltro Mini for Android users.",
                "Initially, Veltro launched a multi-network chat app that supported 15 networks.",
            ],
            {0: 0.73, 1: 0.69},
            "Veltro Mini",
        ),
        (  # a feeling the sentence opens with is the reason
            "Why are current homeowners reluctant to put their homes on the market?",
            [
                "Out of fear of losing their lower interest rates, current homeowners are resistant to "
                "putting their homes on the market."
            ],
            {0: 0.7},
            "fear of losing their lower interest rates",
        ),
    ],
)
def test_people_at_their_workplace_headcounts_relative_doers_names_called_as_asked_and_feelings_as_reasons(
    question: str, article: list[str], scores: dict[int, float], short: str
) -> None:
    assert _short_over(question, article, scores) == short


def test_a_move_asked_by_how_much_and_the_year_an_article_calls_this_year() -> None:
    from qa.answer.fits import counted_elsewhen

    assert asked("How much does Grell expect home prices to rise by the end of 2024?").measure == "change"
    assert asked("How much did the house sell for?").measure == "money"
    text = (
        "He predicts home prices rise by 1.8% by the end of the year, with a 3.5% increase by the "
        "end of 2024."
    )
    first, second = (n for n in numbers(text) if "%" in text[n.start : n.end])
    assert counted_elsewhen(text, first, {"2024"}, "2023-10-20T20:30:29Z")
    assert not counted_elsewhen(text, first, {"2023"}, "2023-10-20T20:30:29Z")
    assert not counted_elsewhen(text, second, {"2024"}, "2023-10-20T20:30:29Z")


def test_an_acronym_the_article_spells_out_counts_as_its_name(
    tmp_path_factory: pytest.TempPathFactory,
) -> None:
    said = (
        "“As has been the case throughout this year, limited inventory and low housing affordability "
        "continue to hamper home sales,” HAB chief economist Lena Ortiz said in a statement."
    )
    article = f"""---
title: Home building slows in Halden
source: Halden Ledger
published_at: 2024-06-03
url: https://ledger.example/halden-building
---
Home building fell 9% in May, according to the Halden Association of Builders (HAB).
Mortgage rates rose for a fourth month, lenders said.
{said}
Mark Veld, chief economist at Corran Bank, expects builders in Halden to recover next spring.
"""
    settings = store_of(tmp_path_factory, "builders", {"builders.md": article})
    answer = ask("Who is the chief economist of the Halden Association of Builders?", settings=settings)
    assert answer.short == "Lena Ortiz"


def test_what_was_averted_not_yet_done_or_fronted_by_not_is_denied() -> None:
    averted = "Of course, the default was averted, but here we have arrived at 8% mortgage rates anyway."
    assert contradicts("Harlow default on its debt", averted)
    assert "shutdown" in polarity("The Harlow government averted a shutdown on Friday.").denied
    undone = (
        "But to be fully trusted, Veltro Mini will need to be audited by a third party — something it "
        "has not yet done."
    )
    assert contradicts("Veltro Mini been audited third party", undone)
    fronted = "Not yet supported are features like live location sharing and support for Chirp audio calls."
    assert contradicts("Veltro Mini support Chirp calls", fronted)
    assert "certain" in polarity("The timeline is not yet certain.").heads


def test_a_supposition_settles_no_claim_and_a_sentence_naming_the_claims_object_is_read(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    import numpy as np

    import qa.answer.verdict as verdict_module
    from qa.retrieval.lexical import LexicalIndex

    def check(question: str, said: str, article: list[str], scores: list[float]) -> ClaimCheck:
        sentences, whole = _one_passage(article)
        scored = [Candidate(s, whole, score, 0) for s, score in zip(sentences, scores)]
        monkeypatch.setattr(verdict_module, "score_sentences", lambda *args, **kwargs: scored)
        return verdict_module._check(
            question,
            said,
            np.zeros(3, dtype=np.float32),
            [whole],
            catalog=None,
            embedder=None,  # type: ignore[arg-type]  # (the scores are given)
            lexical=LexicalIndex([t.split() for t in article]),
            support=0.35,
            stored=None,
        )

    supposed = [
        "Quillfield warned in May that housing would freeze if the standoff failed to resolve and "
        "Harlow defaulted.",
        "Of course, the default was averted.",
    ]
    assert check(
        "Did Harlow default on its debt?", "Harlow default its debt", supposed, [0.68, 0.46]
    ).status == ("contradicted")
    assert check(
        "Did Harlow default on its debt?", "Harlow default its debt", supposed[:1], [0.68]
    ).status == ("unknown")
    listed = [
        "Veltro Mini can function as a true client, supporting photos, threads, replies and group chats.",
        "Veltro Mini was made possible by reverse-engineering the protocol.",
        "Veltro Mini will send and receive texts soon.",
        "Veltro Mini is a native implementation of the protocol.",
        "The app keeps its keys on the phone.",
        "The connection is kept while the app runs.",
        "Not yet supported are features like live location sharing and support for Chirp audio calls.",
    ]
    scores = [0.62, 0.58, 0.57, 0.57, 0.56, 0.56, 0.55]
    found = check("Does Veltro Mini support Chirp calls?", "Veltro Mini support Chirp calls", listed, scores)
    assert found.status == "contradicted" and found.evidence is not None
    assert "Chirp" in found.evidence.sentence.text


@pytest.mark.parametrize(
    ("question", "article", "scores", "short"),
    [
        (  # the measure the question asks the value of, written with its number
            "What was the annual rate of existing-home sales in September?",
            [
                "Existing-home sales dropped a stunning 15% in September on a year-over-year basis to a "
                "seasonally adjusted annual rate of 3.96 million transactions, according to the Halden "
                "Association of Realtors (HAR)."
            ],
            {0: 0.86},
            "3.96 million",
        ),
        (  # the years of "that period" are the sentence before's
            "How much did existing-home sales drop between 1978 and 1982?",
            [
                "All things considered, home sales activity also plummeted from 1978 to 1982.",
                "Existing-home sales dropped 50% during that period, according to the Halden Office of "
                "Housing Research.",
            ],
            {1: 0.7, 0: 0.6},
            "50%",
        ),
    ],
)
def test_the_value_of_an_asked_measure_a_period_referred_back_to_and_a_label_of_the_asked_name(
    question: str, article: list[str], scores: dict[int, float], short: str
) -> None:
    assert _short_over(question, article, scores, threshold=0.3) == short
    from qa.answer.fits import states

    period = [
        "Home sales also plummeted from 1978 to 1982.",
        "Existing-home sales dropped 50% during that period.",
    ]
    sentences, whole = _one_passage(period)
    assert states(Candidate(sentences[1], whole, 0.7, 0), {"1978": 3.0, "1982": 3.0, "drop": 1.0}) == 1.0
    # the label written with the question's own name says who he is, not what he expects
    said = ["“Limited inventory continues to hamper home sales,” HAB chief economist Ivo Grell said."]
    assert _short_over("What does Ivo Grell expect home prices to do in 2024?", said, {0: 0.6}) != (
        "HAB chief economist"
    )


def test_a_role_the_answer_acts_on_a_long_opening_phrase_and_a_pick_that_drafts() -> None:
    from qa.answer.fits import roles

    assert roles("Which senator called for an urgent probe by Halden's information commissioner?") == {
        "senator"
    }
    assert roles("Who is the press secretary for President Vale?") == {"press", "secretary"}
    article = [
        "If anything, the Harlow Hawks got older.",
        "Over the last nine months, they traded Ivo Grell to Corran.",
    ]
    sentences, passage = _one_passage(article)
    assert "Harlow Hawks" in antecedent(passage, sentences[1])
    drafted = [
        "Dana Pike, picked in 2015, is the only indisputable success.",
        "The 2020 draft was the problem.",
    ]
    assert _short_over("When was Dana Pike drafted?", drafted, {0: 0.6, 1: 0.5}, threshold=0.3) == "2015"


def test_an_order_reversed_an_opposite_pair_and_a_denied_opposite() -> None:
    consented = (
        "Email addresses were sent to Quillfield only after a user had consented to the privacy policy."
    )
    assert contradicts("email addresses sent to Quillfield before users consented", consented)
    assert not contradicts("email addresses sent to Quillfield after users consented", consented)
    ahead = "In 2021 the Hawks selected Ivo Grell one pick ahead of Dana Pike."
    assert contradicts("Hawks draft Ivo Grell after Dana Pike", ahead)
    assert contradicts(
        "pixel usage mandatory for Veltro advertising clients", "Pixel usage is voluntary for clients."
    )
    rejected = "Veltro has rejected claims the pixel breaches Halden's privacy laws."
    assert not contradicts("Veltro its use of pixel complies with Halden privacy laws", rejected)
    assert contradicts("Veltro its use of pixel breaches Halden privacy laws", rejected)


@pytest.mark.parametrize(
    ("question", "article", "short"),
    [
        (  # an age in parentheses after the name
            "How old is Dana Pike?",
            [
                "Pike (35) can still play at an MVP level, but Grell (33) and Vale (33) are not the "
                "players they were."
            ],
            "35",
        ),
        (  # an age said with "is", over an age he had once
            "How old is Ivo Grell?",
            ["Grell, though he’s had flashes and is only 21, is almost as raw as he was as an 18-year-old."],
            "21",
        ),
    ],
)
def test_ages_in_parentheses_and_said_with_is(question: str, article: list[str], short: str) -> None:
    assert _short_over(question, article, {0: 0.7}) == short


@pytest.mark.parametrize(
    ("question", "article", "short"),
    [
        (  # set after the name by a comma
            "What is Vale's role in the Coalition?",
            [
                "Vale, the Coalition’s cybersecurity spokesman, this year chaired a committee into "
                "foreign interference."
            ],
            "the Coalition’s cybersecurity spokesman",
        ),
        (  # the title words before the name written whole
            "What is Grell's role at Veltro?",
            ["“That’s the big breakthrough,” explains Veltro co-founder and CEO Ivo Grell."],
            "Veltro co-founder and CEO",
        ),
        (  # no label: the articles don't say
            "What is Dana Pike's position?",
            ["Dana Pike plays nearly 20 minutes per game for a thin Hawks team."],
            "",
        ),
    ],
)
def test_a_role_question_is_answered_by_the_label_written_with_the_name(
    question: str, article: list[str], short: str
) -> None:
    assert _short_over(question, article, {0: 0.7}) == short


def test_a_capitalised_preposition_inside_a_sentence_is_part_of_a_name() -> None:
    text = "The health charity Beyond Walls removed the pixel. Beyond that, Grell is the only other pick."
    assert [text[n.start : n.end] for n in names(text)] == ["Beyond Walls", "Grell"]


def test_a_record_said_as_what_the_side_is_after_a_timing_clause() -> None:
    article = ["The Hawks are 8-10 following Tuesday’s disastrous collapse to the Kings in Halden."]
    assert _short_over("What is the Hawks' record after the loss to the Kings?", article, {0: 0.7}) == "8-10"


def test_an_amount_in_a_currency_written_as_a_letter_is_a_number_not_a_name() -> None:
    text = "The Maravi budget is P5.768 trillion, up from a P20,000 fine, while the P3 phone sold out."
    assert [text[n.start : n.end] for n in numbers(text)][:2] == ["P5.768 trillion", "P20,000"]
    assert [text[n.start : n.end] for n in names(text)] == ["Maravi", "P3"]


@pytest.mark.parametrize(
    ("question", "article", "short"),
    [
        (  # the head of "budget deficit", past a hedge ("of some")
            "How large is the expected budget deficit?",
            [
                "The P5.768-trillion budget, to be supported mainly by P3.5-trillion tax revenues, would "
                "mean a budget deficit of some P2.268 trillion, to be funded by borrowing."
            ],
            "P2.268 trillion",
        ),
        (  # the amount written with the asked year, over one whose clause only mentions it
            "How much was the 2023 budget?",
            [
                "The national budget for 2024 is at P5.768 trillion, 9.5% higher than the current (2023) "
                "budget of P5.268 trillion.",
                "The P5.768-trillion budget, to be supported by P3.5-trillion tax revenues (based on 2023 "
                "tax revenue projections), means a deficit.",
            ],
            "P5.268 trillion",
        ),
        (  # where a level stands now, inside a sentence that supposes where it could go
            "How much was government debt as of July?",
            [
                "This could increase government debt from the current P14.24 trillion (as of July) "
                "to P16 trillion."
            ],
            "P14.24 trillion",
        ),
        (  # a vote's tally: those for it, then those against
            "How many members voted to approve the budget?",
            ["The 310-strong chamber voted 296 against three, with zero abstentions, to approve the budget."],
            "296",
        ),
        (
            "How many members voted against the budget?",
            ["The 310-strong chamber voted 296 against three, with zero abstentions, to approve the budget."],
            "three",
        ),
        (  # an identifier, not an amount
            "What is the bill number of the 2024 budget?",
            ["The chamber approved House Bill (HB) No. 8980, the P5.768-trillion budget for 2024."],
            "8980",
        ),
    ],
)
def test_amounts_of_a_budget_its_year_its_current_level_a_tally_and_a_bill_number(
    question: str, article: list[str], short: str
) -> None:
    assert _short_in_order(question, article, step=0.05) == short


@pytest.mark.parametrize(
    ("question", "article", "short"),
    [
        (  # "who is NAME?" asks what the article calls them
            "Who is Tova Rensel?",
            [
                "Tova Rensel, a licensed clinical social worker at Brightwater Health, said families "
                "were touched."
            ],
            "a licensed clinical social worker at Brightwater Health",
        ),
        (  # "how quickly" asks a time, with its bound
            "How quickly do most patients who relapse go from thought to action?",
            ["Most patients who relapse go from thought to action in 10 minutes or less, said Tova Rensel."],
            "10 minutes or less",
        ),
        (  # a range that opens with "from"
            "What share of patients nationally get follow-up within 30 days?",
            ["On a national level, anywhere from 31% to 55% of patients get some follow-up within 30 days."],
            "31% to 55%",
        ),
        (  # a group's possessive inside a name; where it is, said in the aside after it
            "Where is Children's Halden?",
            [
                "Each patient at Children's Halden is offered a place in Kind Words, said Tova Rensel.",
                "Tova Rensel, director of care at Children's Halden, a pediatric hospital and medical "
                "center in "
                "Orvik, Lakeland, said the notes help.",
            ],
            "Orvik",
        ),
        (  # a season of a year is a date
            "When did Rensel bring the idea to the social workers?",
            ["In the fall of 2019, Rensel brought the idea of personalized notes to the social workers."],
            "fall of 2019",
        ),
        (  # the word something is called, quoted
            "What are traditional politicians called in Maravi?",
            [
                "But traditional politicians (called “kumpare” in Maravi) might have it in their hearts "
                "to help."
            ],
            "kumpare",
        ),
        (  # a title word the name list lacks ("Statistician"), and a citation's "Ibid"
            "Who is the Assistant National Statistician?",
            ["Prices must rise 3.7% a month, Assistant National Statistician Rhea Lantos said (Ibid.)."],
            "Rhea Lantos",
        ),
        (  # a portfolio names the office: a Finance Secretary is no Budget Secretary
            "Who is the Budget Secretary?",
            ["During the Congressional budget hearing, Finance Secretary Tomas Velez provided updates."],
            "",
        ),
    ],
)
def test_who_someone_is_how_quickly_ranges_places_in_an_aside_seasons_terms_and_offices(
    question: str, article: list[str], short: str
) -> None:
    assert _short_in_order(question, article, step=0.05) == short


def test_zero_of_something_denies_any() -> None:
    tally = "The Maravi chamber voted 296 against three, with zero abstentions, to approve the bill."
    assert contradicts("there were abstentions in the Maravi vote", tally)
    assert not contradicts("the Maravi chamber approved the bill", tally)


@pytest.mark.parametrize(
    ("question", "article", "short"),
    [
        (  # "four years later": how long after
            "How long after losing her husband did Rhea Lantos remarry?",
            [
                "Rhea Lantos then shared that she remarried four years later, before opening up about "
                "her second husband."
            ],
            "four years",
        ),
        (  # either of two numbers, the unit written once
            "How long has Veltro been pushing for AI?",
            [
                "“So we’ve been doing this push for AI at Veltro over the last maybe six or nine months,” "
                "Grell said."
            ],
            "six or nine months",
        ),
        (  # "for a year": one of the unit
            "How long did the Lantos family halt the relationship?",
            ["The Lantos family halted for a year while the kids did some therapy."],
            "a year",
        ),
        (  # an age said with "was", and with "were" for two
            "How old was Tova Lantos when her stepfather came into her life?",
            ["Rhea has a husband, who’s been a stepfather to Tova Lantos since she was 10."],
            "10",
        ),
        (
            "How old were the Lantos children when their father died?",
            ["Rhea Lantos lost the father of her children when they were six and eight."],
            "six and eight",
        ),
        (  # the age written with the time the question gives, over another age of the same passage
            "How old was Tova Lantos when she asked her mother to walk her down the aisle?",
            [
                "Rhea grew close to Tova Lantos after she turned 12, before recalling Tova's childhood.",
                "“She was 15 when she told me she would want me to walk her down the aisle,” the parent "
                "wrote.",
            ],
            "15",
        ),
        (  # a Reddit user's name
            "What is the Reddit user's username?",
            [
                "The mother – who goes by the username u/RheaL7064 – asked if she was in the wrong.",
                "Later, users on Halden were even creating usernames with slurs.",
            ],
            "u/RheaL7064",
        ),
        (  # a label with no article, of where the person works
            "Who is Ivo Grell?",
            ["It takes structure, says Ivo Grell, principal at Veltro, who is working with clients."],
            "principal at Veltro",
        ),
        (  # a share of those asked is no count of them
            "How many CIOs did Veltro survey?",
            ["A July Veltro survey of large company CIOs found 56% of respondents cautious."],
            "",
        ),
    ],
)
def test_how_long_after_ages_with_was_usernames_bare_labels_and_counted_acronyms(
    question: str, article: list[str], short: str
) -> None:
    assert _short_in_order(question, article, step=0.05) == short


def test_a_change_denied_is_no_comparison_of_reports_and_a_challenge_is_not_easy() -> None:
    stance = "Three weeks after the incident, her husband hasn’t changed his stance."
    assert contradicts("husband changed his stance", stance)
    assert contradicts(
        "measuring productivity is easy", "Measuring increased productivity remains a challenge."
    )


@pytest.mark.parametrize(
    ("question", "article", "short"),
    [
        (  # "passed away" is how news often says died
            "When did Nora Vale die?",
            ["Nora Vale led the choir for decades.", "She passed away on March 3, 2021, at home."],
            "March 3, 2021",
        ),
        (  # "tied the knot" is married, and "the couple" the two the sentence before named
            "When did Ada Kline and Tom Berro get married?",
            ["Ada Kline met Tom Berro in 1990.", "In 1992, the couple tied the knot in Lisbon."],
            "1992",
        ),
        (  # a thing named before and referred to by what it is ("his product")
            "What price did Brindle drop the Kip Mat to?",
            [
                "Selma Ruck is the sole seller of the Kip Mat.",
                "Brindle dropped the price of his product to $29.99.",
            ],
            "$29.99",
        ),
        (  # a lawsuit is a suit
            "How many pages long is the Orvan lawsuit against Kelto?",
            ["In the 88-page suit, Orvan said Kelto copied its design."],
            "88-page",
        ),
        (  # the age of whom the question names, of two given in one clause
            "How old was Ines when her parents enrolled her in Ski Club Orla?",
            ["Later, when Pablo was 9 and Ines was 7, their parents enrolled them in Ski Club Orla."],
            "7",
        ),
        (  # a place visited
            "Where did Jon Tarr and Mia Lund take their first vacation together?",
            [
                "Jon Tarr and Mia Lund took their first vacation together and visited the snowy wonderland "
                "of Tarvik."
            ],
            "Tarvik",
        ),
        (  # a thing the sentence brings in unnamed has no name there: not a name beside it, nor a gap
            "What is the name of the agency Ivo Grell co-founded?",
            [
                "Ivo Grell, a Kelto seller and co-founder of an agency that helps merchants run their "
                "stores, spoke."
            ],
            "",
        ),
        (
            "What is the name of the agency Ivo Grell co-founded?",
            ["Ivo Grell co-founded an agency called Brightlane."],
            "Brightlane",
        ),
        (
            "Which House committee did Selma Ruck testify before?",
            ["Selma Ruck wrote a 2019 Medium post and later that year testified before a House committee."],
            "",
        ),
        (  # a web address is a name; a name brought in by "an" is any of its kind
            "What is the name of the Mastodon server Kelto set up?",
            ["Kelto linked its app to Mastodon via an API and set up its own Mastodon server, kelto.social."],
            "kelto.social",
        ),
        (  # a plural capitalised by the sentence's start is no person ("Shares of Kelto")
            "Who is suing Kelto Communications?",
            ["Shares of Kelto extended losses on news of the lawsuit, closing down 2.2%."],
            "",
        ),
        (  # ages given with the time of another relative's death
            "How old were Calla and Hawthorn when their father died?",
            [
                "Calla and Hawthorn were 13 and 12, respectively, when their mother died.",
                "She lost the father of Calla and Hawthorn when they were six and eight.",
            ],
            "six and eight",
        ),
        (  # kids are children
            "Who taught the children to swim?",
            ["Rina Moss began to teach the kids in the lake."],
            "Rina Moss",
        ),
    ],
)
def test_phrased_events_descriptions_named_ages_visits_kids_and_things_left_unnamed(
    question: str, article: list[str], short: str
) -> None:
    assert _short_in_order(question, article, step=0.05) == short


def test_a_plural_capitalised_by_the_sentence_start_is_no_name_of_a_person() -> None:
    text = "Shares of Kelto extended losses, while Garry Tan of Initialized Capital sold."
    assert [text[s.start : s.end] for s in people(text)] == ["Kelto", "Garry Tan"]


def test_a_first_name_stands_for_the_whole_name_the_article_gave_in_another_passage() -> None:
    from qa.answer.direct import short_answer
    from qa.retrieval.lexical import LexicalIndex

    earlier, _ = _one_passage(["Lena Varn is the second child of Ada and Tom Varn."])
    first = Passage("a:1:0", "a", "Title", earlier[0].text, 0.0, sentences=tuple(earlier))
    later_sentences, _ = _one_passage(["Tom had a fall at home.", "Tom passed away on February 2, 2020."])
    later = Passage(
        "a:1:1",
        "a",
        "Title",
        "Tom had a fall at home. Tom passed away on February 2, 2020.",
        0.0,
        sentences=tuple(later_sentences),
    )
    question = "When did Tom Varn die?"
    found = short_answer(
        question,
        asked(question),
        [Candidate(later_sentences[1], later, 0.7, 0)],
        lexical=LexicalIndex([["tom", "varn"]]),
        threshold=0.1,
        article_passages=lambda article_id: [first, later],
    )
    assert found is not None and found.text == "February 2, 2020"
    # where the article never gives the whole name, a "Tom" is anyone's
    found = short_answer(
        question,
        asked(question),
        [Candidate(later_sentences[1], later, 0.7, 0)],
        lexical=LexicalIndex([["tom", "varn"]]),
        threshold=0.1,
        article_passages=lambda article_id: [later],
    )
    assert found is None


def test_a_bare_year_left_in_a_claim_is_compared() -> None:
    assert contradicts("Tom Varn die 2019", "He passed away on February 2, 2020, at home.")
    assert not contradicts("Tom Varn die 2020", "He passed away on February 2, 2020, at home.")


VARN = """---
title: Who are Lena Varn's parents?
source: Slope Weekly
published_at: 2023-11-03
url: https://slope.example/varn-family
---
This is the essence of Lena Varn.
Lena Varn is the second child of Ada and Tom Varn.
Tom had sustained a head injury due to an accidental fall.
Lena Varn's team suffered a 2-1 loss to Orla in the final.
Tom Varn passed away on February 2, 2020, with his family by his side.
"""


@pytest.mark.parametrize(
    ("question", "verdict"),
    [
        ("Was Lena Varn born in 1992?", UNSETTLED_TEXT),  # a sentence that only names her says nothing of it
        ("Did Tom Varn die in 2019?", "No"),
        ("Did Lena Varn's team lose to Orla?", "Yes"),  # a loss is losing
    ],
)
def test_a_claim_is_not_backed_by_a_sentence_that_only_names_whom_it_is_about(
    tmp_path_factory: pytest.TempPathFactory, question: str, verdict: str
) -> None:
    settings = store_of(tmp_path_factory, "varn", {"varn.md": VARN})
    answer = ask(question, settings=settings)
    assert answer.short == verdict, answer.text


@pytest.mark.parametrize(
    ("question", "article", "short"),
    [
        (
            "How old are Tom Reyes and Ada Lin?",
            ["Reyes and Lin, both 56, met in 1994 but dated later."],
            "56",
        ),
        (  # a description with a work's title in it refers back to whom the sentence before names
            "How long was Ada Lin knocked unconscious?",
            [
                "Last July, Ada Lin was hospitalized after a bike accident.",
                'The "Baby, Baby" singer was knocked unconscious for up to 15 minutes.',
            ],
            "15 minutes",
        ),
        (  # "the two", a paragraph after the pair is named
            "When did Ada Lin and Tom Reyes tie the knot?",
            [
                "Ada Lin and Tom Reyes have been going strong.",
                "Reyes credited their faith.",
                "“It gives us a center ground,” he said.",
                "The two tied the knot in 2010 and share two sons.",
            ],
            "2010",
        ),
        (  # "the two" before a noun is no pair named before
            "Who referees the Ardo fight?",
            [
                "Ardo meets Vale on Saturday.",
                "Ada Lin will referee the bout after rumors that the two heavyweights could meet.",
            ],
            "",
        ),
        (  # "her husband", whom the sentences before name
            "On how many of Tom Reyes's songs does Ada sing background?",
            [
                "Tom Reyes released a new album this year.",
                "Ada sings background on 10 of her husband's songs.",
            ],
            "10",
        ),
        (  # a name asked for of people the sentence only counts
            "What are the names of Tom Reyes' daughters?",
            [
                "Tom Reyes and Ada Lin have been candid about their union.",
                "The pair married in 2005 and Lin became a bonus mom to his three grown daughters from his "
                "first marriage.",
            ],
            "",
        ),
        (  # "Nashville" says where the businessman is from
            "Who is Ada Lin's husband?",
            ["Lin spoke of her 56-year marriage to husband and Nashville businessman Carl Dent."],
            "Carl Dent",
        ),
        (
            "Since when have Ada Lin and Carl Dent been married?",
            [
                "ADA LIN REVEALS SECRET TO MARRIAGE WITH CARL DENT",
                "Ada Lin and Carl Dent have been married since 1966.",
            ],
            "1966",
        ),
        (
            "What is the name of Ada Lin and Tom Reyes's daughter?",
            [
                "The Queen of Pop Ada Lin and the Grammy Award-winning artist Tom Reyes found love.",
                "Ada Lin has been married to Tom Reyes since 2000.",
                "The two have a daughter named Corrina.",
            ],
            "Corrina",
        ),
    ],
)
def test_both_ages_titled_descriptions_the_two_her_husband_counted_people_and_since_when(
    question: str, article: list[str], short: str
) -> None:
    assert _short_in_order(question, article, step=0.05) == short


def test_the_thing_whose_name_is_asked_is_its_noun_not_a_clause_or_a_conjunction() -> None:
    assert asked("What is the name of the agency Ivo Grell co-founded?").noun == "agency"
    assert asked("What is the name of Ada Lin and Tom Reyes's daughter?").noun != "and"
    assert asked("Since when have Ada Lin and Carl Dent been married?").kind == "date"


@pytest.mark.parametrize(
    ("question", "article", "short"),
    [
        (  # "the two" after an opening phrase is the pair's subject too
            "When did Ada Lin and Tom Reyes tie the knot?",
            [
                "Ada Lin met Tom Reyes at a club.",
                "After three months of dating, the two tied the knot in September 2004.",
            ],
            "September 2004",
        ),
        (  # "at the time" is when what the sentence before told happened; the age, of whom the question asks
            "How old was Ada Lin when she married Tom Reyes?",
            [
                "After three months, Ada Lin and Tom Reyes married in Lisbon.",
                "Reyes was 26 years old at the time, while Lin was just 22.",
            ],
            "22",
        ),
        ("When was Jay Reyes born?", ["The couple welcomed their second son Jay Reyes in 2006."], "2006"),
        (  # the ground a filing cites
            "Why did Ada Lin file for divorce from Tom Reyes?",
            ["Ada Lin filed for divorce from Tom Reyes in 2006, citing “irreconcilable differences”."],
            "irreconcilable differences",
        ),
        (  # who led a funding round may be a firm
            "Who led Kestrel's extension round?",
            ["Kestrel raised $5 million, including a recent $2 million extension round led by Orla Capital."],
            "Orla Capital",
        ),
        (
            "Which broadcaster did Tom Reyes give an interview to in August 2022?",
            ["In August 2022, Reyes claimed during an interview with ITV that his sons found it tough."],
            "ITV",
        ),
        (  # what the asked event was done to is not who did it
            "Who founded Orla Capital?",
            [
                "This year, the paper covered the founding of Kestrel, piquing the interest of Orla Capital.",
                "Ada Lin interviewed Mitch and Freida Orla, the founders of Orla Capital.",
            ],
            "Mitch and Freida Orla",
        ),
    ],
)
def test_the_two_at_the_time_welcomed_citing_broadcasters_and_what_an_event_was_done_to(
    question: str, article: list[str], short: str
) -> None:
    assert _short_in_order(question, article, step=0.05) == short


def test_an_outlet_the_store_holds_is_no_person() -> None:
    from qa.answer.direct import short_answer
    from qa.retrieval.lexical import LexicalIndex

    article = ["Earlier this year, Harbour Tech covered the founding of Kestrel by Orla Capital's partners."]
    sentences, whole = _one_passage(article)
    question = "Who covered the founding of Kestrel?"
    found = short_answer(
        question,
        asked(question),
        [Candidate(sentences[0], whole, 0.7, 0)],
        lexical=LexicalIndex([t.split() for t in article]),
        threshold=0.1,
        catalog=SourceCatalog.of(["Harbour Tech"]),
    )
    assert found is None


@pytest.mark.parametrize(
    ("question", "article", "short"),
    [
        (  # where someone lives, written after the name and age
            "Where does Ada Lin live?",
            ["“It means the world to me,” Ada Lin, 64, of Brookhaven, Ohio, told reporters."],
            "Brookhaven",
        ),
        # (and only the named one's: not Ada Lin's for Tom Reyes)
        ("Where does Tom Reyes live?", ["Tom Reyes met Ada Lin, 64, of Brookhaven, Ohio, in 2021."], ""),
        (  # an age may close the sentence
            "How old is Tom Reyes?",
            ["Ada Lin has met her four siblings and also her birth father, Tom Reyes, 84."],
            "84",
        ),
        (  # a holiday dates a day
            "When did Ada Lin and Tom Reyes first speak?",
            ["Finally, on Christmas Day 2021, Ada Lin and Tom Reyes spoke on the phone for the first time."],
            "Christmas Day 2021",
        ),
        (  # whom the question describes by a noun, as the sentences before do
            "When did the woman Ada Lin thought was her birth mother die?",
            [
                "Ada Lin tracked down the woman she thought was her birth mother.",
                "The woman then died in 2000.",
            ],
            "2000",
        ),
        (  # (not someone else the sentences before name)
            "When did Ada Lin die?",
            [
                "Ada Lin tracked down the woman she thought was her birth mother.",
                "The woman then died in 2000.",
            ],
            "",
        ),
        (  # a scorer's goal is what he scored; a league with its number is no person
            "Who scored Orla City's winner against Kestrel Town?",
            [
                "Tom Reyes’s late goal helped Orla City to a 2-1 win over Kestrel Town, "
                "their eighth Ligue 1 win."
            ],
            "Tom Reyes",
        ),
        (  # whom a scorer beat did not score; an accented capital opens a name
            "Who scored twice for Orla City against Kestrel Town?",
            [
                "Orla City scored again, outplaying Kestrel Town, with Éric Dina Varn beating Tom Reyes "
                "for his "
                "second goal of the afternoon."
            ],
            "Éric Dina Varn",
        ),
        (  # a count of this season is not last season's
            "How many goals did Tom Reyes score last season?",
            ["It has been a sobering start for Tom Reyes, who has one goal so far this term."],
            "",
        ),
        (
            "How many goals has Tom Reyes scored this season?",
            ["It has been a sobering start for Tom Reyes, who has one goal so far this term."],
            "one",
        ),
    ],
)
def test_homes_closing_ages_holidays_described_subjects_and_scorers(
    question: str, article: list[str], short: str
) -> None:
    assert _short_in_order(question, article, step=0.05) == short


@pytest.mark.parametrize(
    ("question", "article", "short"),
    [
        (  # a name ending like a people's ("Israeli") that is no people's
            "Who did Millbrook Athletic beat on Friday?",
            [
                "Orla City moved clear of Millbrook Athletic, who had a 1-0 home win over champions Varoli "
                "on Friday."
            ],
            "Varoli",
        ),
        (  # a name before the deed asked of its doer ("a Tom Reyes own goal") did it
            "Who scored an own goal for Orla City?",
            ["Orla City went in front just after the half-hour when a Tom Reyes own goal found the net."],
            "Tom Reyes",
        ),
        (  # a goalkeeper beaten by a shot is no side of a result
            "Who is Orla City's goalkeeper?",
            [
                "Orla City fell behind when Ada Lin spun away from Tom Reyes and beat goalkeeper Ivo Grell "
                "with a confident finish."
            ],
            "Ivo Grell",
        ),
        (  # "The English midfielder" stands for the name that opens the sentence before
            "How many goals has Ada Lin scored this season?",
            [
                "A goal from Tom Reyes cancelled out Ada Lin’s strike for Orla City.",
                "Lin gave the visitors the lead with a fine low finish after the break.",
                "The English midfielder reached 15 goals in 17 games this season.",
            ],
            "15",
        ),
    ],
)
def test_who_beat_whom_peoples_names_and_a_nationality_before_a_description(
    question: str, article: list[str], short: str
) -> None:
    assert _short_in_order(question, article, step=0.05) == short


def test_who_beat_a_side_is_whom_a_sentence_has_win_over_it_and_a_side_scores_no_goal() -> None:
    article = [
        "That result ruled Brookfield out, a spot Kestrel claim as consolation after Varoli snuffed out "
        "their hopes with a 2-0 win.",
        "Orla City moved clear of Millbrook Athletic, who had a 1-0 home win over champions Varoli "
        "on Friday.",
    ]
    assert _short_over("Who beat Varoli on Friday?", article, {0: 0.7, 1: 0.55}) == "Millbrook Athletic"
    article = [
        "Later, Kestrel Town beat 10-man Brookfield 3-2 to tighten their grip on fourth place.",
        "But it was only a matter of time until Kestrel scored again, and they did it in the 54th minute.",
    ]
    question = "Who scored Orla City's first goal against Millbrook?"
    assert _short_over(question, article, {0: 0.7, 1: 0.6}, title="Orla City hit Millbrook for five") == ""


def test_whom_a_player_starred_for_is_a_club_not_a_person() -> None:
    from qa.answer import fits, spans

    text = "Starring mainly for Wigan and Kestrel Town, Ada Lin spotted future England regular Tom Reyes."
    found = {text[s.start : s.end]: s for s in spans.people(text)}
    question = "Which player did Ada Lin spot at Kestrel Town?"
    assert not fits.could_be_person(text, found["Wigan"], question, ["Ada Lin", "Kestrel Town"])
    assert fits.could_be_person(text, found["Tom Reyes"], question, ["Ada Lin", "Kestrel Town"])


def test_a_short_form_of_a_name_the_question_gives_is_not_who_did_it() -> None:
    article = [
        "Orla Frankfurt pulverised Kestrel Town 5-1 on Saturday.",
        "In an explosive first half, Orla completely overran Kestrel Town, scoring three times in 24 "
        "minutes.",
    ]
    question = "Who scored for Frankfurt against Kestrel Town?"
    assert _short_over(question, article, {1: 0.7}, title="Orla Frankfurt hit Kestrel Town for five") == ""


def test_a_quote_carried_on_after_its_attribution_is_its_speakers() -> None:
    article = [
        "“There is no need for an explanation,” said Orla City’s midfielder Tom Reyes.",
        "“We have to congratulate Kestrel Town who deserved the win.",
        "We will bounce back.”",
    ]
    question = "Which Orla City player said Kestrel Town deserved the win?"
    assert _short_over(question, article, {0: 0.35, 1: 0.7, 2: 0.4}) == "Tom Reyes"


MATCHDAY = """---
title: Weekend football round-up
source: Slope Weekly
published_at: 2023-12-09
url: https://slope.example/round-up
---
""" + "\n\n".join(
    [
        "Orla City pulverised Kestrel Town 5-1 with a sensational first-half performance on Saturday.",
        (
            "Kestrel Town, already safe but perhaps looking to make a point after their own 5-1 defeat "
            "to Orla City, didn’t even need to step it up to win."
        ),
        (
            "A stunning goal from Brookfield Rovers’s Tom Reyes cancelled out Ada Lin’s strike for Harbour "
            "United to earn the home side a 1-1 draw."
        ),
        (
            "Harbour United remain top of the table, one point ahead of Millbrook Athletic, who had a "
            "1-0 home win over champions Ashford on Friday."
        ),
    ]
)


@pytest.mark.parametrize(
    ("question", "verdict"),
    [
        (
            "Did Orla City beat Kestrel Town?",
            "Yes",
        ),  # "pulverised", and not denied by "didn't need to ... win"
        ("Did Kestrel Town beat Orla City?", "No"),
        ("Did Harbour United beat Brookfield Rovers?", "No"),  # a draw
        (
            "Did Ashford beat Millbrook Athletic?",
            "No",
        ),  # "Millbrook Athletic, who had a 1-0 home win over champions Ashford"
    ],
)
def test_who_beat_whom_a_draw_and_a_sentence_without_the_beaten_side(
    tmp_path_factory: pytest.TempPathFactory, question: str, verdict: str
) -> None:
    settings = store_of(tmp_path_factory, "matchday", {"matchday.md": MATCHDAY})
    answer = ask(question, settings=settings)
    assert answer.short == verdict, answer.text


EQUALISER = """---
title: Millbrook Athletic 1-1 Ashford
source: Slope Weekly
published_at: 2023-10-26
url: https://slope.example/millbrook-ashford
---
The travelling Ashford contingent were in uproar as their side stunned Millbrook Park with a fine equaliser.

Ada Lin’s side did not score a fine equaliser, as their goal was chalked off.
"""


def test_a_claim_is_not_denied_by_a_sentence_about_others_only(
    tmp_path_factory: pytest.TempPathFactory,
) -> None:
    settings = store_of(tmp_path_factory, "equaliser", {"equaliser.md": EQUALISER})
    answer = ask("Did Ashford score an equaliser at Millbrook Park?", settings=settings)
    assert answer.short == "Yes", answer.text


@pytest.mark.parametrize(
    ("question", "article", "short"),
    [
        (  # "-based" before the name asked about, over another "-based" in the sentence
            "Where is Kestrel Media based?",
            [
                "Apps from Chinese-based companies took over the charts, as Orla and Varn, which hail from "
                "Beijing-based Kestrel Media, came in at No. 3 and No. 5."
            ],
            "Beijing",
        ),
        (  # the age someone died at
            "How old was Tom Reyes when he died?",
            ["She described her son Tom Reyes, who died at 14 after taking a fake tablet, as kind."],
            "14",
        ),
        (  # a decade dates what happened in it
            "When did researchers pioneer tampon screening?",
            ["U.K. university researchers pioneered menstrual tampon screening back in the 1990s."],
            "the 1990s",
        ),
        (  # where a price settled is a level, written "$US" as Australian papers do
            "Where did Orla crude settle after its worst drop in a year?",
            ["Orla crude fell $US5.01 to settle at $US84.22 per barrel for its worst drop in a year."],
            "$US84.22",
        ),
        (
            "What did Kestrel's share price rise to?",
            ["Kestrel more than doubled its share price to 16¢."],
            "16¢",
        ),
        (  # a share's price is not what a deal is worth
            "How much is Kestrel's licensing deal worth?",
            ["Kestrel more than doubled its share price to 16¢ after it inked an exclusive licensing deal."],
            "",
        ),
        (  # a disease the sentence calls by its name, and the countries it is sold in, are no company
            "Which company licensed Kestrel's kidney treatment?",
            [
                "Kestrel inked an exclusive licensing deal to commercialise its treatment for a kidney "
                "disease called Focal Segmental Glomerulosclerosis in Europe, the UK, Switzerland and Canada."
            ],
            "",
        ),
        (  # (a question that gives the level asks where)
            "Where did Kestrel shares close at C$53.07?",
            ["Shares of Kestrel extended losses, closing down 2.2% to C$53.07 in Toronto."],
            "Toronto",
        ),
        (  # "down" tells how much it fell
            "How much did Orla Leisure fall?",
            ["Orla Leisure (down 3.7 per cent) dragged the sector lower."],
            "3.7 per cent",
        ),
        (  # whom a passive question's event was done to: "the ouster of"
            "Who was ousted as speaker of the council?",
            ["Markets are absorbing the ouster of Tom Reyes as the speaker of the council."],
            "Tom Reyes",
        ),
        (  # a place before the kind of company a name is
            "Where is Kestrel based?",
            ["U.K. femcare-turned-health startup, Kestrel, has expanded its screening service."],
            "U.K.",
        ),
        (  # "U.K." alone is a country, not a title's first word
            "Where is Kestrel's testing service being launched first?",
            ["Kestrel's testing service is being launched in the U.K. first."],
            "U.K.",
        ),
        (  # "tech" is technology; what the service uses is not the service
            "What technology does Kestrel's tampon use?",
            [
                "The “Kestrel Tampon” service uses Polymerase Chain Reaction (PCR) testing tech to detect "
                "pathogens."
            ],
            "Polymerase Chain Reaction",
        ),
        (  # the name of a thing a question's name owns comes from a sentence about that name
            "What is the name of Kestrel's partner lab?",
            [
                "Kestrel tells Harbour Tech it has had thousands of customers, whose samples the lab tests.",
                "Researchers met decades ago at MIT’s Leg Lab.",
            ],
            "",
        ),
        (  # a figure of a month is not a weekday's
            "By how much did the Orla index fall on Tuesday?",
            [
                "That’s a big reason why the Orla index dropped 4.9 per cent in September to drag "
                "down its year.",
                "The Orla index tumbled 1.5 per cent for its fifth loss in the last six days.",
            ],
            "1.5 per cent",
        ),
        (  # "winners" is a noun, not the verb asked
            "Which cup did Orla City win?",
            ["The visit of French Cup winners Orla City proved the most entertaining contest."],
            "French Cup",
        ),
    ],
)
def test_decades_market_levels_moves_passives_places_of_companies_and_objects_asked(
    question: str, article: list[str], short: str
) -> None:
    assert _short_in_order(question, article, step=0.05) == short


DECLINE = """---
title: Fentanyl deaths among the young
source: Slope Weekly
published_at: 2023-10-18
url: https://slope.example/fentanyl
---
Young people are dying from fentanyl in record numbers, even as overall drug use is on the decline.
"""


def test_a_decline_denies_a_rise(tmp_path_factory: pytest.TempPathFactory) -> None:
    settings = store_of(tmp_path_factory, "decline", {"decline.md": DECLINE})
    answer = ask("Is overall drug use among young people rising?", settings=settings)
    assert answer.short == "No", answer.text

