"""format=flowed (RFC 3676): wrapped under 79 columns, joined again exactly."""

from __future__ import annotations

from hypothesis import given
from hypothesis import strategies as st

from feedback_mailer.mail import flowed

PARAGRAPH = (
    "Thank you for taking the time to interview me for the Program Manager position at "
    "Acme Corp on Wednesday 18 November, and for letting me know your decision."
)


def test_a_long_paragraph_is_wrapped_with_soft_breaks() -> None:
    lines = flowed.encode(PARAGRAPH).split("\n")
    assert len(lines) > 1
    assert all(len(line) <= 78 for line in lines)
    assert lines[0].endswith(" ") and not lines[-1].endswith(" ")
    assert flowed.decode("\n".join(lines)) == PARAGRAPH


def test_quoted_lines_keep_their_depth_on_every_wrapped_line() -> None:
    encoded = flowed.encode(f"> {PARAGRAPH}\n>\n>> short")
    lines = encoded.split("\n")
    assert len(lines) > 3
    assert all(line.startswith("> ") and len(line) <= 78 for line in lines[:-2])
    assert lines[-2:] == [">", ">> short"]
    assert flowed.decode(encoded) == f"> {PARAGRAPH}\n>\n>> short"


def test_lines_that_would_read_as_quotes_are_space_stuffed() -> None:
    assert flowed.encode("From here on\n>not a quote? no: a quote") == (
        " From here on\n> not a quote? no: a quote"
    )
    assert flowed.decode(" From here on") == "From here on"


def test_the_signature_separator_is_kept() -> None:
    assert flowed.encode("Thanks\n-- \nAlex") == "Thanks\n-- \nAlex"
    assert flowed.decode("Thanks\n-- \nAlex") == "Thanks\n-- \nAlex"


def test_a_word_longer_than_a_line_stays_whole() -> None:
    url_like = "x" * 120
    assert flowed.encode(f"see {url_like} there").split("\n") == ["see ", url_like + " ", "there"]


_words = st.text(alphabet=st.characters(min_codepoint=33, max_codepoint=0x2FF), min_size=1)
_line = st.lists(_words, max_size=40).map(" ".join)


@given(st.lists(_line, max_size=8))
def test_any_text_of_plain_lines_round_trips(lines: list[str]) -> None:
    text = "\n".join(line for line in lines if not line.startswith(">") and line != "--")
    encoded = flowed.encode(text)
    assert all(len(line) <= 78 or " " not in line.strip() for line in encoded.split("\n"))
    assert flowed.decode(encoded) == text
