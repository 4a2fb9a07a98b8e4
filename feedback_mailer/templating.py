"""Find, list and render Jinja2 templates (built-in and the user's own).

A template is one `NAME.j2` file with a `subject` block, a `text` block and
an optional `html` block. A user's file in `<config dir>/templates/` takes
precedence over a built-in of the same name. Templates whose name starts with
`follow_up` are follow-ups; the rest are requests.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING, Any

from feedback_mailer.errors import InputError

if TYPE_CHECKING:
    import jinja2

SUFFIX = ".j2"
FOLLOW_UP_PREFIX = "follow_up"
DEFAULT_REQUEST_TEMPLATE = "formal"
DEFAULT_FOLLOW_UP_TEMPLATE = "follow_up"


def builtin_dir() -> Path:
    """Built-ins ship inside the wheel; a source checkout keeps them at the repo root."""
    packaged = Path(__file__).parent / "templates"
    if packaged.is_dir():
        return packaged
    return Path(__file__).parent.parent / "templates"


@dataclass(frozen=True)
class TemplateInfo:
    name: str
    kind: str  # "request" | "follow_up"
    origin: str  # "built-in" | "user"
    path: Path


@dataclass(frozen=True)
class Rendered:
    subject: str
    text: str
    html: str | None


def kind_of(name: str) -> str:
    return "follow_up" if name.startswith(FOLLOW_UP_PREFIX) else "request"


def list_templates(user_dir: Path | None) -> list[TemplateInfo]:
    found: dict[str, TemplateInfo] = {}
    sources = [(builtin_dir(), "built-in")]
    if user_dir is not None:
        sources.append((user_dir, "user"))
    for directory, origin in sources:  # later sources override earlier ones
        if not directory.is_dir():
            continue
        for path in sorted(directory.glob(f"*{SUFFIX}")):
            name = path.name[: -len(SUFFIX)]
            found[name] = TemplateInfo(name, kind_of(name), origin, path)
    return sorted(found.values(), key=lambda info: (info.kind, info.name))


def find_template(name: str, user_dir: Path | None) -> TemplateInfo:
    for info in list_templates(user_dir):
        if info.name == name:
            return info
    known = ", ".join(info.name for info in list_templates(user_dir))
    raise InputError(f"There is no template named {name!r}: choose one of {known}.")


def _environment(directory: Path) -> jinja2.Environment:
    import jinja2

    return jinja2.Environment(
        loader=jinja2.FileSystemLoader(str(directory)),
        undefined=jinja2.StrictUndefined,
        autoescape=False,  # plain text mail; an html block escapes explicitly with |e
        keep_trailing_newline=True,
    )


def _render_block(template: jinja2.Template, block: str, variables: Mapping[str, Any]) -> str:
    context = template.new_context(dict(variables))
    return "".join(template.blocks[block](context))


def render(name: str, variables: Mapping[str, Any], user_dir: Path | None) -> Rendered:
    """Render one template's blocks; every failure names the template."""
    import jinja2

    info = find_template(name, user_dir)
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
    except jinja2.TemplateError as error:
        raise InputError(f"Template {name!r} ({info.path}) failed to render: {error}.") from None
    return Rendered(subject=subject, text=text, html=html)


def source(name: str, user_dir: Path | None) -> str:
    return find_template(name, user_dir).path.read_text(encoding="utf-8")
