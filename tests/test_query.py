"""Query understanding: the sources and days a question names, and its parts."""

from __future__ import annotations

from qa.retrieval.query import DateMention, SourceCatalog, find_dates, plan, split_parts

CATALOG = SourceCatalog.of(
    [
        "TechCrunch",
        "The Verge",
        "The Independent - Sports",
        "The Independent - Life and Style",
        "Cnbc | World Business News Leader",
        "Wired",
    ]
)


def test_sources_are_found_by_full_and_short_names() -> None:
    assert CATALOG.find("as reported by both The Verge and TechCrunch") == {"The Verge", "TechCrunch"}
    assert CATALOG.find("the 'Verge' article") == {"The Verge"}
    assert CATALOG.find("according to CNBC") == {"Cnbc | World Business News Leader"}
    # The longest name wins; the short one means every section of that publisher.
    assert CATALOG.find("The Independent - Sports says") == {"The Independent - Sports"}
    assert CATALOG.find("The Independent says") == {
        "The Independent - Sports",
        "The Independent - Life and Style",
    }


def test_words_that_only_look_like_sources_are_not_sources() -> None:
    assert CATALOG.find("wired headphones and a techcrunchy snack") == frozenset()
    assert CATALOG.find("What did the Guardian say?") == frozenset()  # not a stored source
    assert SourceCatalog.of([]).find("TechCrunch") == frozenset()


def test_dates_in_the_forms_news_questions_use() -> None:
    assert find_dates("published on October 5, 2023") == (DateMention(10, 5, 2023, "on"),)
    assert find_dates("the Sept. 28th report") == (DateMention(9, 28, None, "on"),)
    assert find_dates("on 1 November and 2023-12-07") == (
        DateMention(11, 1, None, "on"),
        DateMention(12, 7, 2023, "on"),
    )
    assert find_dates("after October 2, 2023 and before Dec 1") == (
        DateMention(10, 2, 2023, "after"),
        DateMention(12, 1, None, "before"),
    )
    assert find_dates("In May, may it rain; 45 October") == ()


def test_a_date_mention_matches_articles_of_that_day_or_range() -> None:
    on = DateMention(10, 5, None)
    assert on.matches("2023-10-05T14:00:00+00:00") and not on.matches("2023-10-06")
    assert DateMention(10, 5, 2023, "before").matches("2023-10-04")
    assert DateMention(10, 5, 2023, "after").matches("2023-11-01")
    assert not DateMention(10, 5, 2022).matches("2023-10-05")
    assert not on.matches("last Tuesday")  # an unparseable date never matches


def test_a_multi_part_question_is_split_where_claims_turn() -> None:
    question = (
        "Does the TechCrunch article say the merger closed in March, while the Verge article on "
        "October 5 reports that regulators objected?"
    )
    parts = split_parts(question)
    assert len(parts) == 2
    assert parts[0].startswith("Does the TechCrunch article") and "regulators objected" in parts[1]
    query = plan(question, CATALOG)
    assert query.question.sources == {"TechCrunch", "The Verge"}
    assert [p.sources for p in query.parts] == [{"TechCrunch"}, {"The Verge"}]
    assert query.parts[1].dates == (DateMention(10, 5, None, "on"),)


def test_short_fragments_join_their_clause_and_inherit_the_questions_sources() -> None:
    question = (
        "Which company, as reported by TechCrunch, paid billions for default search placement, "
        "and is accused of hurting publishers' ad revenue?"
    )
    query = plan(question, CATALOG)
    assert len(query.parts) == 2
    assert "TechCrunch" in query.parts[0].text  # "as reported by TechCrunch" is not a part alone
    assert all(p.sources == {"TechCrunch"} for p in query.parts)


def test_a_long_source_name_is_no_claim_of_its_own() -> None:
    question = (
        "Did the Fed raise rates again in September, as covered by Cnbc | World Business News Leader, "
        "and did TechCrunch report that startups cut hiring?"
    )
    assert len(split_parts(question)) == 3  # counted as words, the name alone looks like a claim
    parts = plan(question, CATALOG).parts
    assert len(parts) == 2
    assert "Fed raise rates" in parts[0].text and parts[0].sources == {"Cnbc | World Business News Leader"}
    assert "startups cut hiring" in parts[1].text and parts[1].sources == {"TechCrunch"}


def test_a_fragment_announcing_a_source_and_day_joins_the_clause_after_it() -> None:
    question = (
        "Between the report from TechCrunch published on October 12, 2023, concerning the chipmaker's "
        "merger talks, and the report from The Independent - Sports published on December 6, 2023, "
        "about the club's new stadium, was there a change in tone?"
    )
    parts = plan(question, CATALOG).parts
    assert [p.text.split(" published")[0] for p in parts[:2]] == [
        "Between the report from TechCrunch",
        "the report from The Independent - Sports",
    ]
    assert "merger talks" in parts[0].text and "new stadium" in parts[1].text
    assert parts[0].dates == (DateMention(10, 12, 2023, "on"),)
    assert parts[1].sources == {"The Independent - Sports"} and parts[1].dates == (DateMention(12, 6, 2023),)


def test_each_part_knows_where_it_lies_in_the_question() -> None:
    """The dense search encodes the question once and pools each part's span of it."""
    question = (
        "Did the Fed raise rates again in September, as covered by Cnbc | World Business News Leader, "
        "and did TechCrunch report that startups cut hiring, while the Verge said layoffs slowed?"
    )
    query = plan(question, CATALOG)
    assert query.question.span == (0, len(question))
    assert len(query.parts) == 3
    for part in query.parts:
        start, end = part.span
        # The span holds the part's words in order (with the commas and "and" the text drops).
        assert question[start:end].replace(",", "").split() == part.text.replace(",", "").split()
    ends = [p.span[1] for p in query.parts]
    starts = [p.span[0] for p in query.parts]
    assert starts == sorted(starts) and all(e <= s for e, s in zip(ends, starts[1:]))  # no overlap
    # A fragment saying where a claim was made, after it, stays with that claim.
    trailing = (
        "Did prices rise sharply, as reported by TechCrunch on October 5, and did the Fed hold rates steady?"
    )
    assert [p.sources for p in plan(trailing, CATALOG).parts] == [{"TechCrunch"}, {"TechCrunch"}]
    assert "October 5" in plan(trailing, CATALOG).parts[0].text


def test_no_split_inside_numbers_dates_or_not_yet() -> None:
    assert split_parts("Did he reach 2,000-plus yards by December 5, 2023 for the Dolphins?") == [
        "Did he reach 2,000-plus yards by December 5, 2023 for the Dolphins"
    ]
    assert len(split_parts("Which sale set a price not yet achieved in the city's real estate history?")) == 1
    # A list of names is one part: its commas are not where one claim turns to another.
    listed = (
        "Did Sporting News report the absence of Tee Higgins, Noah Brown, Treylon Burks, and Kadarius Toney "
        "due to injuries?"
    )
    assert len(split_parts(listed)) == 1
    assert len(split_parts("Did the Herald report the fare rise, while the Post reported the strike?")) == 2


def test_each_mechanism_can_be_switched_off() -> None:
    question = "Did TechCrunch on October 5 report X, while The Verge reported Y?"
    query = plan(question, CATALOG, sources=False, dates=False, split=False)
    assert query.parts == () and query.question.sources == frozenset() and query.question.dates == ()
    assert plan("What happened to the merger?", CATALOG).parts == ()  # one claim: nothing to split
