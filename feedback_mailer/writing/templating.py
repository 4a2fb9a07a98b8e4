"""Find, list and render Jinja2 templates (built-in and the user's own).

A template is one `NAME.j2` file with a `subject` block, a `text` block and
an optional `html` block. A user's file in `<config dir>/templates/` takes
precedence over a built-in of the same name. Templates whose name starts with
`follow_up` are follow-ups, `thank_you` thank-yous; the rest are requests.
`NAME.j2` is written in English, `NAME.de.j2` in German (any two-letter code).

Templates are code that `run` executes unattended, so they render in Jinja2's
sandbox (no attribute of Python's internals is reachable), and a user's
templates, their directory and the config directory holding it are refused
when another user owns them or can write them (base/permissions.py).
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING, Any

from feedback_mailer.base.errors import InputError

if TYPE_CHECKING:
    import jinja2

SUFFIX = ".j2"
FOLLOW_UP_PREFIX = "follow_up"
THANK_YOU_PREFIX = "thank_you"
DEFAULT_REQUEST_TEMPLATE = "formal"
DEFAULT_FOLLOW_UP_TEMPLATE = "follow_up"
DEFAULT_THANK_YOU_TEMPLATE = "thank_you"
DEFAULT_LANGUAGE = "en"  # the language of a template file without a language code


def builtin_dir() -> Path:
    """Built-ins ship inside the wheel; a source checkout keeps them at the repo root."""
    package = Path(__file__).resolve().parent.parent
    packaged = package / "templates"
    if packaged.is_dir():
        return packaged
    return package.parent / "templates"


@dataclass(frozen=True)
class TemplateInfo:
    name: str
    kind: str  # "request" | "follow_up" | "thank_you"
    origin: str  # "built-in" | "user"
    path: Path
    language: str = DEFAULT_LANGUAGE


@dataclass(frozen=True)
class Rendered:
    subject: str
    text: str
    html: str | None


def kind_of(name: str) -> str:
    if name.startswith(FOLLOW_UP_PREFIX):
        return "follow_up"
    return "thank_you" if name.startswith(THANK_YOU_PREFIX) else "request"


def _name_and_language(stem: str) -> tuple[str, str]:
    """`formal.de` → ("formal", "de"); `formal` → ("formal", "en")."""
    name, dot, code = stem.rpartition(".")
    if dot and name and len(code) == 2 and code.isascii() and code.isalpha() and code.islower():
        return name, code
    return stem, DEFAULT_LANGUAGE


TEMPLATE = "The template"
TEMPLATES_DIRECTORY = "The templates directory"


def permission_problems(user_dir: Path) -> list[str]:
    """A sentence for each of the user's templates, their directory or the
    directory holding it that another user owns or can write."""
    from feedback_mailer.base import permissions

    problems = [
        permissions.file_problem(user_dir, TEMPLATES_DIRECTORY, "The config directory"),
    ]
    if _is_dir(user_dir):
        problems += [
            permissions.file_problem(path, TEMPLATE, TEMPLATES_DIRECTORY)
            for path in sorted(user_dir.glob(f"*{SUFFIX}"))
        ]
    return [problem for problem in problems if problem]


def _is_dir(path: Path) -> bool:
    try:
        return path.is_dir()
    except OSError:  # a name too long for the file system, a loop of links
        return False


def list_templates(user_dir: Path | None) -> list[TemplateInfo]:
    """Built-ins and the user's own; refused (InputError) when another user could
    have changed the user's templates."""
    found: dict[tuple[str, str], TemplateInfo] = {}
    sources = [(builtin_dir(), "built-in")]
    if user_dir is not None:
        problems = permission_problems(user_dir)
        if problems:
            raise InputError(problems[0])
        sources.append((user_dir, "user"))
    for directory, origin in sources:  # later sources override earlier ones
        if not _is_dir(directory):
            continue
        for path in sorted(directory.glob(f"*{SUFFIX}")):
            name, language = _name_and_language(path.name[: -len(SUFFIX)])
            found[name, language] = TemplateInfo(name, kind_of(name), origin, path, language)
    return sorted(
        found.values(),
        key=lambda info: (info.kind, info.name, info.language != DEFAULT_LANGUAGE, info.language),
    )


def find_template(
    name: str, user_dir: Path | None, language: str = DEFAULT_LANGUAGE
) -> TemplateInfo:
    templates = list_templates(user_dir)
    for info in templates:
        if info.name == name and info.language == language:
            return info
    languages = [info.language for info in templates if info.name == name]
    if languages:
        raise InputError(
            f"Template {name!r} has no version in the language {language!r}: it is written in "
            f"{', '.join(languages)}. Choose one with --lang, or write your own "
            f"{name}.{language}{SUFFIX} (`feedback-mailer templates list` shows where)."
        )
    known = ", ".join(dict.fromkeys(info.name for info in templates))
    raise InputError(f"There is no template named {name!r}: choose one of {known}.")


def resolve_name(name: str, user_dir: Path | None, kind: str) -> str:
    """The name of the `kind` template a person meant: exact, or the one whose name
    differs only in case ('Warm' is warm). Otherwise a sentence that offers only
    templates of that kind, with the closest one first."""
    import difflib

    names = list(dict.fromkeys(info.name for info in list_templates(user_dir)))
    if name in names and kind_of(name) == kind:
        return name
    of_kind = [known for known in names if kind_of(known) == kind]
    same = [known for known in of_kind if known.lower() == name.lower()]
    if len(same) == 1:
        return same[0]
    what = kind.replace("_", "-")
    offer = ", ".join(of_kind)
    if name in names:
        raise InputError(
            f"{name!r} is a {kind_of(name).replace('_', '-')} template: choose a {what} "
            f"template ({offer})."
        )
    lowered = [known.lower() for known in of_kind]
    close = difflib.get_close_matches(name.lower(), lowered, n=1)
    hint = f" (did you mean {of_kind[lowered.index(close[0])]!r}?)" if close else ""
    raise InputError(f"There is no {what} template named {name!r}{hint}: choose one of {offer}.")


def _environment(directory: Path) -> jinja2.Environment:
    import jinja2
    from jinja2.sandbox import SandboxedEnvironment

    from feedback_mailer.writing.salutations import formal
    from feedback_mailer.writing.wording import de_dative, de_genitive, natural_join

    environment = SandboxedEnvironment(
        loader=jinja2.FileSystemLoader(str(directory)),
        undefined=jinja2.StrictUndefined,
        autoescape=False,  # plain text mail; an html block escapes explicitly with |e
        keep_trailing_newline=True,
    )
    # `highlights | natural_join` gives "A, B and C"; another language passes its
    # own word: `highlights | natural_join("und")`.
    environment.filters["natural_join"] = natural_join
    # `name | formal_salutation("de")` gives "Sehr geehrter Herr Becker," for
    # "Herr Becker": the first line of a formal message in that language.
    environment.filters["formal_salutation"] = formal
    # German needs the article before a company with a legal form: "bei der X GmbH".
    environment.filters["de_dative"] = de_dative
    environment.filters["de_genitive"] = de_genitive
    return environment


def _render_block(template: jinja2.Template, block: str, variables: Mapping[str, Any]) -> str:
    context = template.new_context(dict(variables))
    return "".join(template.blocks[block](context))


def render(
    name: str,
    variables: Mapping[str, Any],
    user_dir: Path | None,
    language: str = DEFAULT_LANGUAGE,
) -> Rendered:
    """Render one template's blocks (sandboxed); every failure names the template."""
    import jinja2
    from jinja2.exceptions import SecurityError

    info = find_template(name, user_dir, language)
    try:
        template = _environment(info.path.parent).get_template(info.path.name)
        if "subject" not in template.blocks or "text" not in template.blocks:
            raise InputError(
                f"Template {name!r} ({info.path}) needs a `subject` block and a `text` block."
            )
        subject = " ".join(_render_block(template, "subject", variables).split())
        text = _render_block(template, "text", variables).strip("\n") + "\n"
        html = _render_block(template, "html", variables) if "html" in template.blocks else None
    except jinja2.UndefinedError as error:
        raise InputError(
            f"Template {name!r} ({info.path}) uses an undefined variable: {error.message}. "
            f"Available: {', '.join(sorted(variables))}."
        ) from None
    except jinja2.TemplateSyntaxError as error:
        raise InputError(
            f"Template {name!r} ({info.path}) has a syntax error on line {error.lineno}: "
            f"{error.message}."
        ) from None
    except SecurityError as error:
        raise InputError(
            f"Template {name!r} ({info.path}) tried to reach beyond its variables "
            f"({str(error).rstrip('.')}), "
            "which templates may not do: remove that expression."
        ) from None
    except jinja2.TemplateError as error:
        raise InputError(f"Template {name!r} ({info.path}) failed to render: {error}.") from None
    return Rendered(subject=subject, text=text, html=html)


def source(name: str, user_dir: Path | None, language: str = DEFAULT_LANGUAGE) -> str:
    return find_template(name, user_dir, language).path.read_text(encoding="utf-8")
