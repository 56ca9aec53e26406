"""Languages come from profile files, and only from them.

The list of languages is written nowhere in code: the registry (``lexicon.languages``) is built from
the profile files present. Adding a fourth language means adding its profile file and nothing else —
proved here with a minimal Russian profile (``fixtures/languages/ru.toml``) and a small Russian
record written for this test (``fixtures/languages/ru-record.txt``, modelled on the UN's Russian
summary records: "Краткий отчет о 537-м заседании"), both ways a user can add one: a folder named
by ``TBDIALOGUE_LANGUAGES``, and the file dropped into a copy of the package.
"""

from __future__ import annotations

import json
import os
import re
import shutil
import subprocess
import sys

import pytest

from tbdialogue.lexicon import languages
from tbdialogue.lexicon.languages import UnknownLanguage
from tbdialogue.model import Record

from .conftest import ROOT, SAMPLE, run_cli

FIXTURES = ROOT / "tests" / "fixtures" / "languages"
RU_RECORD = FIXTURES / "ru-record.txt"


def test_the_registry_is_the_profile_files():
    files = sorted(p.stem for p in (ROOT / "src/tbdialogue/lexicon/profiles").glob("*.toml"))
    assert sorted(languages.codes()) == files
    assert languages.codes()[0] == "en"  # ties in language detection go to English
    for lang in languages.all_languages():
        assert lang.stemmer and lang.text_search and lang.function_words


def test_no_language_list_is_written_in_code():
    """The old spellings of the list (("en", "fr", "es"), "en, fr or es") appear in no module."""
    pattern = re.compile(
        r"""["'](en|fr|es)["']\s*,\s*["'](en|fr|es)["']\s*,\s*["'](en|fr|es)["']|\ben, fr,? (?:or|and) es\b"""
    )
    offenders = [
        str(p.relative_to(ROOT))
        for p in (ROOT / "src/tbdialogue").rglob("*.py")
        if pattern.search(p.read_text("utf-8"))
    ]
    assert offenders == []


def test_the_record_schema_does_not_enumerate_languages():
    prop = Record.model_json_schema()["properties"]["language"]
    assert "enum" not in prop and prop["pattern"] == "^[a-z]{2,3}$"


def test_an_unknown_language_is_one_clear_error():
    with pytest.raises(UnknownLanguage, match=r"unknown language 'xx': use en, es, fr|unknown language 'xx': use en"):
        languages.check("xx")
    result = run_cli("parse", str(SAMPLE), "--language", "xx")
    assert result.returncode == 2
    err = result.stderr.decode()
    assert "xx" in err and "en" in err and "Traceback" not in err and len(err.strip().splitlines()) == 1


def _check_russian_record(record: dict) -> None:
    assert record["language"] == "ru"
    assert record["symbol"] == "CMW/C/SR.537" and record["body"] == "CMW"
    assert (record["session"], record["meeting"]) == (37, 537)
    assert record["date"] == "2023-11-30" and record["distribution_date"] == "2023-12-04"
    assert record["chair"] == "г-н Унвер" and record["original_language"] == "English"
    assert [p["number"] for p in record["paragraphs"]] == [1, 2, 3, 4, 5]
    assert not [w for w in record["warnings"] if "no speaker label" in w or "state party" in w]
    assert (record["state_party"], record["state_party_code"]) == ("Kyrgyzstan", "KGZ")
    assert record["documents"] == ["CMW/C/KGZ/2"]  # the State named in the heading, from [states]
    speakers = [(t["speaker"]["name"], t["speaker"]["role"], t["speaker"]["side"]) for t in record["turns"]]
    assert speakers == [
        ("Г-н Базарбаев", None, "state"),
        ("Г-жа Джумхур", "Докладчик по стране", "committee"),
        ("Г-н Базарбаев", None, "state"),
        ("Председатель", "Chair", "committee"),
    ]
    assert [(e["kind"], e["time"]) for e in record["events"]] == [
        ("called_to_order", "15 ч. 00 м."),
        ("delegation_joined", None),
        ("rose", "18 ч. 00 м."),
    ]


def test_a_fourth_language_from_a_profile_folder(tmp_path):
    """TBDIALOGUE_LANGUAGES names a folder of profiles: parse, questions, ingest and search in
    Russian, with the Russian stemmer, without any other change."""
    env = {"TBDIALOGUE_LANGUAGES": str(FIXTURES)}
    parsed = run_cli("parse", str(RU_RECORD), "--format", "json", env=env)
    assert parsed.returncode == 0, parsed.stderr.decode()
    _check_russian_record(json.loads(parsed.stdout))

    forced = run_cli("parse", str(RU_RECORD), "--language", "ru", "--format", "json", env=env)
    assert forced.returncode == 0 and json.loads(forced.stdout)["language"] == "ru"
    help_text = run_cli("parse", "--help", env={**env, "COLUMNS": "200"}).stdout.decode()
    assert "ru" in help_text

    # Analysis: a language without request cues still has its direct questions ("…?").
    qs = run_cli("questions", str(RU_RECORD), "--format", "json", env=env)
    assert qs.returncode == 0, qs.stderr.decode()
    questions = json.loads(qs.stdout)["questions"]
    assert [q["text"] for q in questions] == [
        "Каким образом государство-участник контролирует частные агентства по найму?"
    ]

    # The corpus: indexed with the Russian stemmer ("агентства" finds "агентств…").
    db = tmp_path / "ru.db"
    assert run_cli("ingest", str(RU_RECORD), "--db", str(db), "-q", env=env).returncode == 0
    hits = run_cli("search", "агентство", "--db", str(db), "--format", "json", env=env)
    assert hits.returncode == 0, hits.stderr.decode()
    ids = [h["id"] for h in json.loads(hits.stdout)["hits"]]
    assert ids == ["CMW/C/SR.537/p4", "CMW/C/SR.537/p3"] or sorted(ids) == ["CMW/C/SR.537/p3", "CMW/C/SR.537/p4"]


def test_a_fourth_language_by_adding_its_file_to_the_package(tmp_path):
    """The same, with the profile file dropped into a copy of the package: nothing else changes."""
    pkg = tmp_path / "src" / "tbdialogue"
    shutil.copytree(ROOT / "src" / "tbdialogue", pkg, ignore=shutil.ignore_patterns("__pycache__"))
    shutil.copy(FIXTURES / "ru.toml", pkg / "lexicon" / "profiles" / "ru.toml")
    env = {k: v for k, v in os.environ.items() if k != "TBDIALOGUE_LANGUAGES"}
    env["PYTHONPATH"] = str(tmp_path / "src")
    result = subprocess.run(
        [sys.executable, "-m", "tbdialogue", "parse", str(RU_RECORD), "--format", "json"],
        capture_output=True,
        env=env,
        cwd=tmp_path,
        timeout=120,
    )
    assert result.returncode == 0, result.stderr.decode()
    _check_russian_record(json.loads(result.stdout))


def test_without_its_profile_the_language_is_unknown():
    """Without the profile, the Russian record is not read as Russian (no silent guess)."""
    result = run_cli("parse", str(RU_RECORD), "--language", "ru")
    assert result.returncode == 2 and b"unknown language 'ru'" in result.stderr


def test_a_broken_profile_is_refused_with_the_key_named(tmp_path):
    (tmp_path / "ru.toml").write_text(
        (FIXTURES / "ru.toml").read_text("utf-8").replace("(?P<n>", "(?P<number>"), "utf-8"
    )
    result = run_cli("parse", str(RU_RECORD), "--language", "ru", env={"TBDIALOGUE_LANGUAGES": str(tmp_path)})
    err = result.stderr.decode()
    assert result.returncode == 2 and "Traceback" not in err
    assert "language profile ru" in err and "(?P<n>" in err


def test_every_profile_key_is_documented():
    """docs/languages.md names every key the profiles use (as the README names every command)."""
    import tomllib

    doc = (ROOT / "docs" / "languages.md").read_text("utf-8")
    for path in (ROOT / "src/tbdialogue/lexicon/profiles").glob("*.toml"):
        for section, values in tomllib.loads(path.read_text("utf-8")).items():
            assert f"[{section}]" in doc, f"{path.name}: section [{section}] is not in docs/languages.md"
            if section in ("months", "thesaurus"):
                continue
            for key in values:
                assert f"`{key}`" in doc, f"{path.name}: [{section}] {key} is not in docs/languages.md"
