"""Built-in templates: rendering with and without optional values, the etiquette
promise (SPEC guarantee 7) on every request text, StrictUndefined errors, user
templates overriding built-ins, and the wheel shipping the templates."""

from __future__ import annotations

import itertools
import re
import subprocess
import sys
import zipfile
from pathlib import Path
from typing import Any, NamedTuple

import pytest

from feedback_mailer.base.errors import InputError
from feedback_mailer.writing import templating
from feedback_mailer.writing.tone import pushy_phrases

REPO = Path(__file__).resolve().parent.parent
TEMPLATES = REPO / "templates"
REQUEST_TEMPLATES = sorted(
    info.name
    for info in templating.list_templates(None)
    if info.kind == "request" and info.language == "en"
)
FOLLOW_UP_TEMPLATES = sorted(
    info.name
    for info in templating.list_templates(None)
    if info.kind == "follow_up" and info.language == "en"
)


def request_vars(**changes: Any) -> dict[str, Any]:
    values: dict[str, Any] = {
        "contact_name": "Jane Doe",
        "contact_first_name": "Jane",
        "greet": None,
        "company": "Acme Corp",
        "role": "Program Manager",
        "interview_date": "Wednesday 18 November",
        "highlights": ["the team's focus on accessibility"],
        "sender_name": "Alex Candidate",
        "sender_email": "alex@example.com",
    }
    values.update(changes)
    return values


def follow_up_vars(**changes: Any) -> dict[str, Any]:
    values: dict[str, Any] = {
        "contact_name": "Jane Doe",
        "contact_first_name": "Jane",
        "greet": None,
        "company": "Acme Corp",
        "role": "Program Manager",
        "sender_name": "Alex Candidate",
        "sender_email": "alex@example.com",
        "original_subject": "Feedback on my Program Manager interview at Acme Corp",
        "original_sent": "Mon 23 Nov 2026",
        "original_text": "Dear Jane Doe,\n\nThank you for the interview.\n\nAlex",
    }
    values.update(changes)
    return values


def no_leftovers(text: str) -> None:
    """Nothing a missing value could leave behind."""
    assert "None" not in text
    assert "{{" not in text and "{%" not in text and "}}" not in text
    for line in text.splitlines():
        assert "  " not in line, f"double space where a value was left out: {line!r}"
        assert line == line.rstrip(), f"trailing white space: {line!r}"
    assert " ," not in text and " ." not in text
    assert "\n\n\n" not in text


# --- the built-ins exist ------------------------------------------------------------


def test_at_least_two_request_tones_and_one_follow_up() -> None:
    assert {"formal", "warm"} <= set(REQUEST_TEMPLATES)
    assert "follow_up" in FOLLOW_UP_TEMPLATES
    assert templating.DEFAULT_REQUEST_TEMPLATE in REQUEST_TEMPLATES
    assert templating.DEFAULT_FOLLOW_UP_TEMPLATE in FOLLOW_UP_TEMPLATES
    for info in templating.list_templates(None):
        assert info.origin == "built-in"


# --- rendering with and without optional values --------------------------------------


def test_formal_with_everything() -> None:
    rendered = templating.render("formal", request_vars(), None)
    assert rendered.subject == "Feedback on my Program Manager interview at Acme Corp"
    assert rendered.text.startswith("Dear Jane Doe,\n")
    assert "for the Program Manager position at Acme Corp on Wednesday 18 November" in rendered.text
    assert "the team's focus on accessibility" in rendered.text
    assert rendered.text.rstrip().endswith("Alex Candidate")
    assert rendered.text.endswith("\n") and not rendered.text.endswith("\n\n")
    assert rendered.html is None
    no_leftovers(rendered.text)


def test_warm_with_everything() -> None:
    rendered = templating.render("warm", request_vars(), None)
    assert "Acme Corp" in rendered.subject
    assert rendered.text.startswith("Hi Jane,\n")
    assert "on Wednesday 18 November about the Program Manager role at Acme Corp" in rendered.text
    assert rendered.text.rstrip().endswith("Alex Candidate")
    no_leftovers(rendered.text)


@pytest.mark.parametrize("name", REQUEST_TEMPLATES)
def test_no_contact_name_gives_a_graceful_greeting(name: str) -> None:
    rendered = templating.render(
        name, request_vars(contact_name=None, contact_first_name=None), None
    )
    first_line = rendered.text.splitlines()[0]
    assert re.fullmatch(r"(Hello|Hi|Hi there|Dear [A-Z][a-z]+( [A-Za-z]+)*),", first_line)
    assert "Jane" not in rendered.text
    no_leftovers(rendered.text)
    no_leftovers(rendered.subject)


@pytest.mark.parametrize("name", REQUEST_TEMPLATES)
def test_no_role(name: str) -> None:
    rendered = templating.render(name, request_vars(role=None), None)
    assert "Program Manager" not in rendered.text + rendered.subject
    assert "Acme Corp" in rendered.subject
    no_leftovers(rendered.text)
    no_leftovers(rendered.subject)


def test_formal_subject_without_role() -> None:
    rendered = templating.render("formal", request_vars(role=None), None)
    assert rendered.subject == "Feedback on my interview at Acme Corp"


@pytest.mark.parametrize("name", REQUEST_TEMPLATES)
def test_no_interview_date(name: str) -> None:
    rendered = templating.render(name, request_vars(interview_date=None), None)
    assert "November" not in rendered.text
    assert " on ," not in rendered.text
    no_leftovers(rendered.text)


@pytest.mark.parametrize("name", REQUEST_TEMPLATES)
@pytest.mark.parametrize("count", [0, 1, 2])
def test_highlights(name: str, count: int) -> None:
    highlights = ["the whiteboard session", "meeting the design team"][:count]
    rendered = templating.render(name, request_vars(highlights=highlights), None)
    for highlight in highlights:
        assert rendered.text.count(highlight) == 1
    if count == 0:
        assert "appreciated" not in rendered.text and "enjoyed" not in rendered.text
    if count == 2:
        first, second = highlights
        assert rendered.text.index(first) < rendered.text.index(second)
        assert f"{first} and {second}." in rendered.text
    no_leftovers(rendered.text)


@pytest.mark.parametrize("name", REQUEST_TEMPLATES)
def test_nothing_optional_at_all(name: str) -> None:
    rendered = templating.render(
        name,
        request_vars(
            contact_name=None,
            contact_first_name=None,
            role=None,
            interview_date=None,
            highlights=[],
        ),
        None,
    )
    assert "Acme Corp" in rendered.subject
    no_leftovers(rendered.text)
    no_leftovers(rendered.subject)


@pytest.mark.parametrize("name", REQUEST_TEMPLATES)
def test_the_body_names_the_company_and_the_role(name: str) -> None:
    """A recipient who reads many such messages needs both in the text, not only
    in the subject; without a role the company is still named."""
    rendered = templating.render(name, request_vars(), None)
    first_paragraph = rendered.text.split("\n\n")[1]
    assert "Acme Corp" in first_paragraph and "Program Manager" in first_paragraph
    no_role = templating.render(name, request_vars(role=None), None)
    assert "Acme Corp" in no_role.text.split("\n\n")[1]
    no_leftovers(no_role.text)


@pytest.mark.parametrize(
    ("name", "greet", "first_line"),
    [
        ("formal", "Ms Doe", "Dear Ms Doe,"),
        ("formal", None, "Dear Jane Doe,"),
        ("warm", "Jane", "Hi Jane,"),
        ("warm", None, "Hi Jane,"),
        ("warm", "Dr Doe", "Hi Dr Doe,"),
    ],
)
def test_the_greeting_uses_greet_else_the_tones_rule(
    name: str, greet: str | None, first_line: str
) -> None:
    rendered = templating.render(name, request_vars(greet=greet), None)
    assert rendered.text.splitlines()[0] == first_line


@pytest.mark.parametrize(
    ("highlights", "sentence"),
    [
        (["the whiteboard session"], "the whiteboard session."),
        (["a", "b"], "a and b."),
        (["a", "b", "c"], "a, b and c."),
    ],
)
@pytest.mark.parametrize("name", REQUEST_TEMPLATES)
def test_highlights_are_joined_as_a_person_writes_them(
    name: str, highlights: list[str], sentence: str
) -> None:
    rendered = templating.render(name, request_vars(highlights=highlights), None)
    assert re.search(r"(appreciated|enjoyed) " + re.escape(sentence) + "\n", rendered.text)


def test_the_follow_up_greets_as_the_request_did_and_names_the_role() -> None:
    rendered = templating.render("follow_up", follow_up_vars(greet="Ms Doe"), None)
    assert rendered.text.startswith("Hello Ms Doe,\n")
    assert "my Program Manager interview at Acme Corp" in rendered.text


def test_follow_up_with_and_without_a_name() -> None:
    rendered = templating.render("follow_up", follow_up_vars(), None)
    assert rendered.subject == "Re: Feedback on my Program Manager interview at Acme Corp"
    assert rendered.text.startswith("Hello Jane Doe,\n")
    assert "Acme Corp" in rendered.text
    # the original is quoted line by line
    assert "> Dear Jane Doe,\n" in rendered.text
    assert "> Thank you for the interview.\n" in rendered.text
    assert "On Mon 23 Nov 2026, Alex Candidate wrote:" in rendered.text
    anonymous = templating.render(
        "follow_up", follow_up_vars(contact_name=None, contact_first_name=None, role=None), None
    )
    assert anonymous.text.startswith("Hello,\n")
    assert "None" not in anonymous.text


def test_values_are_not_template_code() -> None:
    rendered = templating.render(
        "formal", request_vars(company="{{ sender_email }}", contact_name="{% raw %}"), None
    )
    assert "{{ sender_email }}" in rendered.subject
    assert "Dear {% raw %}," in rendered.text


def test_subject_white_space_is_folded_to_one_line() -> None:
    rendered = templating.render("formal", request_vars(company="Acme   Corp", role=None), None)
    assert rendered.subject == "Feedback on my interview at Acme Corp"


# --- etiquette guarantee 7 on every built-in text ------------------------------------

_VARIANTS = [
    dict(
        zip(
            ("contact_name", "contact_first_name", "greet", "role", "interview_date", "highlights"),
            (*names, *combo),
            strict=True,
        )
    )
    for names, *combo in itertools.product(
        (("Jane Doe", "Jane", None), (None, None, None), ("Jane Doe", "Jane", "Ms Doe")),
        ("Program Manager", None),
        ("Wednesday 18 November", None),
        ([], ["the whiteboard session"], ["the whiteboard session", "meeting the team"]),
    )
]
_FORBIDDEN = [
    r"reconsider",
    r"re-consider",
    r"other candidates?",
    r"other applicants?",
    r"\bcompar",  # compare, compared, comparison
    r"better than",
    r"chosen candidate",
    r"change (your|the) decision",
    r"another chance",
    r"https?:",
    r"www\.",
    r"://",
    r"<img",
    r"\.(png|gif|jpe?g)\b",
    r"read receipt",
    r"disposition-notification",
]


def _etiquette_problems(text: str) -> list[str]:
    lower = text.lower()
    problems = [f"says {pattern!r}" for pattern in _FORBIDDEN if re.search(pattern, lower)]
    if not re.search(r"\bthank", lower):
        problems.append("does not thank")
    if "decision" not in lower or not re.search(r"\b(accept|respect)", lower):
        problems.append("does not accept the decision")
    if "feedback" not in lower or not re.search(r"\b(specific|concrete)\b", lower):
        problems.append("does not ask for specific feedback")
    if "understand" not in lower:
        problems.append("gives no easy out")
    if not re.search(r"\bif (you are not able|you can'?t|it isn'?t possible|not)", lower):
        problems.append("the easy out is not conditional")
    if pushy_phrases(text):
        problems.append(f"pushy phrases {pushy_phrases(text)}")
    return problems


@pytest.mark.parametrize("name", REQUEST_TEMPLATES)
def test_every_request_template_keeps_the_etiquette_promise(name: str) -> None:
    for variant in _VARIANTS:
        rendered = templating.render(name, request_vars(**variant), None)
        for text in filter(None, (rendered.subject, rendered.text, rendered.html)):
            assert not pushy_phrases(text), (variant, text)
        problems = _etiquette_problems(f"{rendered.subject}\n{rendered.text}")
        assert problems == [], (name, variant, problems)
        if rendered.html is not None:
            assert _etiquette_problems(rendered.html) == []


@pytest.mark.parametrize("name", FOLLOW_UP_TEMPLATES)
def test_every_follow_up_template_is_gentle(name: str) -> None:
    for contact_name in ("Jane Doe", None):
        rendered = templating.render(name, follow_up_vars(contact_name=contact_name), None)
        own_words = rendered.text.split(" wrote:\n", 1)[0]
        lower = own_words.lower()
        assert pushy_phrases(rendered.subject + "\n" + own_words) == []
        assert "understand" in lower
        assert re.search(r"\b(once|one)\b", lower), "says it is the only reminder"
        assert "thank" in lower
        for pattern in _FORBIDDEN:
            assert not re.search(pattern, lower), pattern
        assert rendered.subject.startswith("Re: ")


def test_the_etiquette_checker_catches_a_pushy_text() -> None:
    pushy = (
        "Subject: urgent\nI ask you to reconsider; I am better than the other candidates. "
        "See https://me.example/pixel.png ASAP!!"
    )
    problems = _etiquette_problems(pushy)
    assert any("reconsider" in p for p in problems)
    assert any("other candidates" in p for p in problems)
    assert any("https" in p for p in problems)
    assert any("pushy" in p for p in problems)
    assert "does not thank" in problems


# --- StrictUndefined and broken templates --------------------------------------------


def test_a_missing_variable_names_template_and_variable() -> None:
    variables = request_vars()
    del variables["company"]
    with pytest.raises(InputError) as caught:
        templating.render("formal", variables, None)
    message = str(caught.value)
    assert "'formal'" in message and "company" in message
    assert "\n" not in message


def test_a_user_template_with_an_undefined_variable(tmp_path: Path) -> None:
    (tmp_path / "mine.j2").write_text(
        "{% block subject %}Hi {{ company }}{% endblock %}"
        "{% block text %}Hello {{ recruiter_nickname }}{% endblock %}",
        encoding="utf-8",
    )
    with pytest.raises(InputError) as caught:
        templating.render("mine", request_vars(), tmp_path)
    message = str(caught.value)
    assert "'mine'" in message
    assert "recruiter_nickname" in message
    assert str(tmp_path / "mine.j2") in message


def test_a_template_without_blocks(tmp_path: Path) -> None:
    (tmp_path / "bare.j2").write_text("Hello {{ company }}", encoding="utf-8")
    with pytest.raises(InputError, match=r"subject.*text"):
        templating.render("bare", request_vars(), tmp_path)


def test_a_template_with_a_syntax_error_names_the_line(tmp_path: Path) -> None:
    (tmp_path / "broken.j2").write_text(
        "{% block subject %}x{% endblock %}\n{% block text %}\n{% if %}\n{% endblock %}\n",
        encoding="utf-8",
    )
    with pytest.raises(InputError, match="line 3") as caught:
        templating.render("broken", request_vars(), tmp_path)
    assert "'broken'" in str(caught.value)


def test_an_unknown_template_lists_the_known_ones() -> None:
    with pytest.raises(InputError) as caught:
        templating.render("nope", request_vars(), None)
    message = str(caught.value)
    assert "'nope'" in message
    for name in REQUEST_TEMPLATES + FOLLOW_UP_TEMPLATES:
        assert name in message


# --- user templates --------------------------------------------------------------------


def test_a_user_template_overrides_a_built_in_by_name(tmp_path: Path) -> None:
    (tmp_path / "formal.j2").write_text(
        "{% block subject %}My own subject for {{ company }}{% endblock %}"
        "{% block text %}My own text.{% endblock %}",
        encoding="utf-8",
    )
    (tmp_path / "follow_up_short.j2").write_text(
        "{% block subject %}Re: x{% endblock %}{% block text %}y{% endblock %}", encoding="utf-8"
    )
    infos = {i.name: i for i in templating.list_templates(tmp_path) if i.language == "en"}
    assert infos["formal"].origin == "user"
    assert infos["formal"].path == tmp_path / "formal.j2"
    assert infos["warm"].origin == "built-in"
    assert infos["follow_up_short"].kind == "follow_up"
    rendered = templating.render("formal", request_vars(), tmp_path)
    assert rendered.subject == "My own subject for Acme Corp"
    assert rendered.text == "My own text.\n"
    assert templating.source("formal", tmp_path).startswith("{% block subject %}My own")
    assert templating.source("warm", tmp_path) == (TEMPLATES / "warm.j2").read_text("utf-8")


def test_a_missing_user_dir_is_fine(tmp_path: Path) -> None:
    assert templating.list_templates(tmp_path / "nope") == templating.list_templates(None)


def test_an_html_block_is_optional_and_rendered(tmp_path: Path) -> None:
    (tmp_path / "rich.j2").write_text(
        "{% block subject %}S{% endblock %}{% block text %}T{% endblock %}"
        "{% block html %}<p>{{ company | e }}</p>{% endblock %}",
        encoding="utf-8",
    )
    rendered = templating.render("rich", request_vars(company="A & B"), tmp_path)
    assert rendered.html == "<p>A &amp; B</p>"


# --- the wheel ships the templates ----------------------------------------------------


def test_the_wheel_ships_every_built_in_template(tmp_path: Path) -> None:
    result = subprocess.run(
        [
            sys.executable,
            "-m",
            "pip",
            "wheel",
            "--no-deps",
            "--no-build-isolation",
            "--quiet",
            "-w",
            str(tmp_path),
            str(REPO),
        ],
        capture_output=True,
        text=True,
        timeout=300,
        check=False,
    )
    assert result.returncode == 0, result.stderr
    (wheel,) = tmp_path.glob("feedback_mailer-*.whl")
    with zipfile.ZipFile(wheel) as archive:
        names = set(archive.namelist())
        sources = sorted(TEMPLATES.glob("*.j2"))
        assert {p.name for p in sources} >= {"formal.j2", "warm.j2", "follow_up.j2"}
        for source in sources:
            member = f"feedback_mailer/templates/{source.name}"
            assert member in names
            assert archive.read(member) == source.read_bytes()
        assert "feedback_mailer/cli.py" in names


# --- every language (issue 15) -----------------------------------------------------------
# Each language's built-in texts, rendered with non-ASCII names, keep the same promise as
# the English ones: the words change, the checks do not.

LANGUAGES = ("en", "de", "fr", "es")
KINDS = ("formal", "warm", "follow_up", "thank_you")


class Etiquette(NamedTuple):
    thank: str
    decision: str
    accept: str
    feedback: str
    specific: str
    understand: str
    easy_out: str
    once: str  # a follow-up says it is the only one
    attribution: str  # the line above the quoted original in a follow-up
    forbidden: tuple[str, ...]


_LINKS_AND_TRACKING = (
    r"https?:",
    r"www\.",
    r"://",
    r"<img",
    r"\.(png|gif|jpe?g)\b",
    r"read receipt",
    r"disposition-notification",
)
ETIQUETTE = {
    "en": Etiquette(
        thank=r"\bthank",
        decision=r"decision",
        accept=r"\b(accept|respect)",
        feedback=r"feedback",
        specific=r"\b(specific|concrete)\b",
        understand=r"understand",
        easy_out=r"\bif (you are not able|you can'?t|it isn'?t possible|not)",
        once=r"\b(once|one)\b",
        attribution=" wrote:\n",
        forbidden=tuple(_FORBIDDEN),
    ),
    "de": Etiquette(
        thank=r"dank",
        decision=r"entscheidung",
        accept=r"\b(akzeptiere|respektiere)\b",
        feedback=r"feedback|rückmeldung",
        specific=r"\bkonkret",
        understand=r"verständnis|\bverstehe\b",
        easy_out=r"\b(sollte ihnen|falls es nicht|falls nicht)",
        once=r"\b(einmalig|einmal|einzige)",
        attribution=" schrieb ",
        forbidden=(
            r"überdenk",
            r"revidier",
            r"andere[nr]? (bewerber|kandidat)",
            r"vergleich",
            r"(zweite|weitere|noch eine) chance",
            *_LINKS_AND_TRACKING,
        ),
    ),
    "fr": Etiquette(
        thank=r"merci|remerci",
        decision=r"décision",
        accept=r"\b(accepte|respecte)\b",
        feedback=r"\bretours?\b",
        specific=r"\b(précis|concret)",
        understand=r"\bcompren",
        easy_out=r"\b(si cela ne|s'il ne|si ce n'est pas)",
        once=r"\bune (seule )?fois\b",
        attribution=" a écrit\u00a0:\n",  # a no-break space before the colon
        forbidden=(
            r"reconsid",
            r"revenir sur (votre|la|cette) décision",
            r"autres? (candidat|postulant)",
            r"\bcompar",
            r"(seconde|deuxième|autre) chance",
            *_LINKS_AND_TRACKING,
        ),
    ),
    "es": Etiquette(
        thank=r"gracias|agradec",
        decision=r"decisión",
        accept=r"\b(acepto|respeto)\b",
        feedback=r"comentarios|opinión",
        specific=r"\bconcret",
        understand=r"\b(entiendo|comprendo)\b",
        easy_out=r"\bsi no\b",
        once=r"\buna sola vez\b",
        attribution=" escribió:\n",
        forbidden=(
            r"reconsider",
            r"replante",
            r"otr[oa]s (candidat|aspirante)",
            r"\bcompar(?!t)",  # compare, not "compartir" (to share)
            r"(otra|segunda) oportunidad",
            *_LINKS_AND_TRACKING,
        ),
    ),
}

# Names, a company and a role that are not ASCII, as real ones often are.
UNICODE_VARS = {
    "contact_name": "Zoë Müller-Łukasiewicz",
    "contact_first_name": "Zoë",
    "company": "Société Générale Ñandú",
    "role": "Ingénieure Données",
    "sender_name": "Ana Peña Øster",
    "sender_email": "ana@example.com",
}


def language_vars(kind: str, **changes: Any) -> dict[str, Any]:
    base = follow_up_vars() if kind == "follow_up" else request_vars()
    if kind == "thank_you":
        base["original_subject"] = "Feedback on my interview"
    base.update(UNICODE_VARS)
    base.update(changes)
    return base


def etiquette_problems(text: str, language: str, kind: str) -> list[str]:
    """What a built-in text of this kind must say, and must never say, in its language."""
    rules = ETIQUETTE[language]
    lower = text.lower()
    problems = [f"says {pattern!r}" for pattern in rules.forbidden if re.search(pattern, lower)]
    if pushy_phrases(text, language):
        problems.append(f"pushy phrases {pushy_phrases(text, language)}")
    if not re.search(rules.thank, lower):
        problems.append("does not thank")
    if kind == "thank_you":
        if "?" in text or "¿" in text:
            problems.append("asks a new question")
        return problems
    if not re.search(rules.understand, lower):
        problems.append("gives no easy out")
    if kind == "follow_up":
        if not re.search(rules.once, lower):
            problems.append("does not say it is the only reminder")
        return problems
    if not (re.search(rules.decision, lower) and re.search(rules.accept, lower)):
        problems.append("does not accept the decision")
    if not (re.search(rules.feedback, lower) and re.search(rules.specific, lower)):
        problems.append("does not ask for specific feedback")
    if not re.search(rules.easy_out, lower):
        problems.append("the easy out is not conditional")
    return problems


def test_every_built_in_exists_in_every_language() -> None:
    found = {(info.name, info.language) for info in templating.list_templates(None)}
    for language in LANGUAGES:
        for kind in KINDS:
            assert (kind, language) in found
    kinds = {info.name: info.kind for info in templating.list_templates(None)}
    assert kinds["thank_you"] == "thank_you"


@pytest.mark.parametrize("language", LANGUAGES)
@pytest.mark.parametrize("kind", KINDS)
def test_every_language_keeps_the_etiquette_promise_with_non_ascii_names(
    kind: str, language: str
) -> None:
    for variant in _VARIANTS:
        if variant["contact_name"] is not None:  # the non-ASCII names instead of Jane Doe
            variant = {k: v for k, v in variant.items() if not k.startswith("contact_")}
        rendered = templating.render(kind, language_vars(kind, **variant), None, language)
        own = rendered.text.split(ETIQUETTE[language].attribution, 1)[0]
        problems = etiquette_problems(f"{rendered.subject}\n{own}", language, kind)
        assert problems == [], (kind, language, variant, problems, rendered.text)
        no_leftovers(rendered.subject)
        no_leftovers(own)
        assert "Société Générale Ñandú" in rendered.text + rendered.subject
        assert rendered.text.rstrip().endswith("Ana Peña Øster") or kind == "follow_up"
        greeting = rendered.text.splitlines()[0]
        if variant.get("greet"):
            assert variant["greet"] in greeting
        elif "contact_name" not in variant:
            assert "Zoë" in greeting
        for highlight in variant["highlights"] if kind != "follow_up" else ():
            assert rendered.text.count(highlight) == 1


@pytest.mark.parametrize(
    ("language", "kind", "expected"),
    [
        ("de", "formal", "Guten Tag Zoë Müller-Łukasiewicz,\n\nvielen Dank für das Vorstellungs"),
        ("de", "warm", "Hallo Zoë,\n\nherzlichen Dank für das angenehme Gespräch am "),
        ("fr", "formal", "Bonjour Zoë Müller-Łukasiewicz,\n\nJe vous remercie pour notre entre"),
        ("fr", "warm", "Bonjour Zoë,\n\nMerci beaucoup pour notre échange du "),
        ("es", "formal", "Buenos días, Zoë Müller-Łukasiewicz:\n\nLe agradezco que me haya"),
        ("es", "warm", "Hola, Zoë:\n\nMuchas gracias por reunirse conmigo el "),
        ("en", "thank_you", "Dear Zoë Müller-Łukasiewicz,\n\nThank you very much for taking"),
        ("de", "thank_you", "Guten Tag Zoë Müller-Łukasiewicz,\n\nherzlichen Dank, dass Sie"),
        ("fr", "thank_you", "Bonjour Zoë Müller-Łukasiewicz,\n\nMerci beaucoup d'avoir pris"),
        ("es", "thank_you", "Buenos días, Zoë Müller-Łukasiewicz:\n\nMuchas gracias por dedicar"),
    ],
)
def test_each_language_greets_and_opens_as_a_native_speaker_writes(
    language: str, kind: str, expected: str
) -> None:
    rendered = templating.render(kind, language_vars(kind), None, language)
    assert rendered.text.startswith(expected)


@pytest.mark.parametrize(
    ("language", "joined"),
    [("de", "a, b und c"), ("fr", "a, b et c"), ("es", "a, b y c"), ("en", "a, b and c")],
)
def test_highlights_are_joined_in_the_language(language: str, joined: str) -> None:
    rendered = templating.render(
        "formal", language_vars("formal", highlights=["a", "b", "c"]), None, language
    )
    assert f"{joined}.\n" in rendered.text


@pytest.mark.parametrize(
    ("language", "line"),
    [
        ("de", "Am Mo., 23. Nov. 2026 schrieb Ana Peña Øster:"),
        ("fr", "Le lun. 23 nov. 2026, Ana Peña Øster a écrit\u00a0:"),
        ("es", "El lun, 23 nov 2026, Ana Peña Øster escribió:"),
    ],
)
def test_each_follow_up_quotes_the_original_under_its_own_attribution_line(
    language: str, line: str
) -> None:
    variables = language_vars("follow_up", original_sent=line.split(" ", 1)[1].split(",")[0])
    if language == "de":
        variables["original_sent"] = "Mo., 23. Nov. 2026"
    elif language == "fr":
        variables["original_sent"] = "lun. 23 nov. 2026"
    else:
        variables["original_sent"] = "lun, 23 nov 2026"
    rendered = templating.render("follow_up", variables, None, language)
    assert f"\n{line}\n> Dear Jane Doe,\n" in rendered.text


def test_a_missing_language_version_names_the_languages_there_are(tmp_path: Path) -> None:
    (tmp_path / "mine.it.j2").write_text(
        "{% block subject %}Grazie{% endblock %}{% block text %}Grazie.{% endblock %}",
        encoding="utf-8",
    )
    info = {(i.name, i.language): i for i in templating.list_templates(tmp_path)}
    assert info["mine", "it"].origin == "user"
    assert templating.render("mine", request_vars(), tmp_path, "it").text == "Grazie.\n"
    with pytest.raises(InputError, match=r"'formal'.*'it'.*en, de, es, fr") as caught:
        templating.render("formal", request_vars(), None, "it")
    assert "formal.it.j2" in str(caught.value)
