"""Language detection from script and common words."""

from __future__ import annotations

import pytest

from qa.ingestion.language import detect
from tests.conftest import SEED


@pytest.mark.parametrize(
    ("text", "language"),
    [
        ("北京市政府周二宣布，新地铁线将于明年开通。", "zh"),
        ("東京は晴れです。今日は暑い日になりました。", "ja"),
        ("서울시는 월요일에 새 다리를 개통했다.", "ko"),
        ("Новый мост в Москве открыли в понедельник.", "ru"),
        ("Die neue Brücke in Hamburg wurde am Montag eröffnet, sagte der Bürgermeister.", "de"),
        ("Le maire a dit que le pont sera ouvert lundi et que les travaux sont finis.", "fr"),
        ("El alcalde dijo que el puente se abrirá el lunes y que las obras terminaron.", "es"),
        ("12345 67", ""),
        ("Xyzzy plugh qwv.", ""),
    ],
)
def test_the_language_is_told_from_script_and_common_words(text: str, language: str) -> None:
    assert detect(text) == language


def test_the_seed_article_is_english() -> None:
    assert detect(SEED.read_text(encoding="utf-8")) == "en"
