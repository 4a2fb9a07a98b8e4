"""`auth login --browser`: the authorization-code flow with PKCE (RFC 7636) and
the loopback listener the browser is redirected to (RFC 8252)."""

from __future__ import annotations

import threading
import time
from collections.abc import Callable, Mapping
from typing import TYPE_CHECKING, Any

from feedback_mailer.base.errors import CredentialError
from feedback_mailer.setup import oauth2_endpoint as endpoint
from feedback_mailer.setup import oauth2_providers as providers

if TYPE_CHECKING:
    from feedback_mailer.setup.config import OAuth2Config

BROWSER_WAIT_SECONDS = 600.0  # how long `auth login --browser` waits for the redirect


class RedirectListener:
    """A one-shot HTTP listener on 127.0.0.1 for the browser's redirect (RFC 8252)."""

    def __init__(self) -> None:
        from http.server import BaseHTTPRequestHandler, HTTPServer

        outer = self
        self.query: str | None = None
        self.done = threading.Event()

        class Handler(BaseHTTPRequestHandler):
            def do_GET(self) -> None:
                from urllib.parse import parse_qs, urlsplit

                parts = urlsplit(self.path)
                params = parse_qs(parts.query)
                if parts.path != "/" or not ({"code", "error"} & params.keys()):
                    self.send_error(404)
                    return
                ok = "code" in params
                body = (
                    "<!doctype html><meta charset=utf-8><title>feedback-mailer</title><p>"
                    + (
                        "Signed in: you can close this tab and go back to the terminal."
                        if ok
                        else "The sign-in did not succeed: see the terminal."
                    )
                ).encode()
                self.send_response(200)
                self.send_header("Content-Type", "text/html; charset=utf-8")
                self.send_header("Content-Length", str(len(body)))
                self.end_headers()
                self.wfile.write(body)
                if not outer.done.is_set():
                    outer.query = parts.query
                    outer.done.set()

            def log_message(self, format: str, *args: Any) -> None:
                pass  # nothing about the request reaches the terminal

        self.server = HTTPServer(("127.0.0.1", 0), Handler)
        self.port = self.server.server_address[1]
        self.thread = threading.Thread(
            target=self.server.serve_forever, kwargs={"poll_interval": 0.1}, daemon=True
        )

    def __enter__(self) -> RedirectListener:
        self.thread.start()
        return self

    def __exit__(self, *_: object) -> None:
        self.server.shutdown()
        self.server.server_close()

    def wait(self, seconds: float) -> str | None:
        ends = time.monotonic() + seconds
        while not self.done.wait(0.2):  # short waits: Ctrl-C stays responsive
            if time.monotonic() >= ends:
                return None
        return self.query


def browser_flow(
    oauth: OAuth2Config,
    who: str,
    out: Callable[[str], None],
    open_browser: Callable[[str], bool] | None,
) -> Mapping[str, Any]:
    from urllib.parse import parse_qs

    from authlib.common.security import generate_token

    preset = providers.preset(oauth.provider)
    params: dict[str, str] = dict(preset.authorize_params) if preset else {}
    if preset is not None:
        params["login_hint"] = who
    verifier = generate_token(64)
    with RedirectListener() as listener:
        host = preset.redirect_host if preset else "127.0.0.1"
        redirect_uri = f"http://{host}:{listener.port}/"
        session = endpoint.client_session(
            oauth,
            scope=" ".join(oauth.scopes),
            redirect_uri=redirect_uri,
            code_challenge_method="S256",
        )
        url, state = session.create_authorization_url(
            oauth.authorization_endpoint, code_verifier=verifier, **params
        )
        opened = open_browser(url) if open_browser is not None else False
        if opened:
            out(f"Your browser shows the sign-in page: sign in as {who} there.")
            out(f"If it did not open, open this address in a browser on this computer: {url}")
        else:
            out(f"Open this address in a browser on this computer and sign in as {who}:")
            out(url)
        query = listener.wait(BROWSER_WAIT_SECONDS)
    if query is None:
        raise CredentialError(
            f"No sign-in arrived within {BROWSER_WAIT_SECONDS / 60:g} minutes: nothing was stored; "
            "run `feedback-mailer auth login` again."
        )
    answer = {key: values[0] for key, values in parse_qs(query).items()}
    if answer.get("state") != state:
        raise CredentialError(
            "The browser came back with an answer to another sign-in (the state does not "
            "match): nothing was stored; run `feedback-mailer auth login` again."
        )
    if "error" in answer:
        words = endpoint.words(answer["error"], answer.get("error_description"))
        raise CredentialError(
            f"The sign-in for {who} did not succeed ({words}): nothing was stored."
        )
    with endpoint.talking_to(oauth, who, oauth.token_endpoint):
        return dict(
            session.fetch_token(
                oauth.token_endpoint,
                authorization_response=f"{redirect_uri}?{query}",
                code_verifier=verifier,
            )
        )
