"""The browser view (``cockpit serve``): textual-serve behind a token, an Origin check and a Host check.

textual-serve runs one cockpit process per browser tab (its ``AppService`` starts the command with
Textual's web driver and relays the terminal over a websocket; the page draws it with xterm.js).  This
module wraps its aiohttp application so that:

- every URL lives under ``/<token>/`` (the page, its websocket, its static files); anything else, or
  a wrong token, is refused with 403 before any handler runs (compared in constant time);
- a request or websocket handshake whose ``Origin`` is not this server itself is refused (another web
  page open in the viewer's browser cannot drive the cockpit, even if it learnt the URL);
- while bound to loopback, a ``Host`` that is not a loopback name is refused (DNS rebinding);
- responses are not cached, not framed, send no Referer and load nothing from other sites (CSP);
- the page itself names no other site: textual-serve's template links Google Fonts, which the policy
  above would block anyway; ``OfflineTemplates`` drops every link to another site from the template and
  serves the Roboto Mono font textual-serve ships, so no request leaves the machine;
- at most ``max_sessions`` cockpit processes run at once.
"""

import asyncio
import hmac
import ipaddress
import logging
import re
import signal
import socket
from collections.abc import Awaitable, Callable
from typing import Any

import aiohttp_jinja2
import jinja2
from aiohttp import web
from textual_serve.server import Server

log = logging.getLogger("cockpit.serve")

LOOPBACK_NAMES = frozenset({"127.0.0.1", "localhost", "::1"})
Handler = Callable[[web.Request], Awaitable[web.StreamResponse]]


def is_loopback(host: str) -> bool:
    if host == "localhost":
        return True
    try:
        return ipaddress.ip_address(host).is_loopback
    except ValueError:
        return False


def host_name(host_header: str) -> str:
    """``127.0.0.1:8765`` -> ``127.0.0.1``; ``[::1]:8765`` -> ``::1``."""
    if host_header.startswith("["):
        return host_header[1:].split("]", 1)[0]
    return host_header.rsplit(":", 1)[0] if host_header.count(":") == 1 else host_header


def url_host(host: str) -> str:
    """The host as written in a URL the user can open (wildcards become this machine's name)."""
    if host in ("", "0.0.0.0", "::"):
        return socket.gethostname()
    return f"[{host}]" if ":" in host else host


#: A ``<link>`` or ``<script>`` element that loads something from another site (``http(s)://`` or ``//``).
EXTERNAL_ELEMENT = re.compile(
    r"""<(?:link|script)\b[^>]*?\b(?:href|src)\s*=\s*["']?(?:https?:)?//[^>]*>(?:\s*</script>)?""",
    re.IGNORECASE)

#: The font the page asks for, served from textual-serve's own static folder instead of Google Fonts.
LOCAL_FONT = """<style>
      @font-face {
        font-family: "Roboto Mono";
        src: url("{{ config.static.url }}fonts/RobotoMono-VariableFont_wght.ttf") format("truetype");
        font-weight: 100 700;
      }
    </style>"""


def offline(html: str) -> str:
    """A page template without links to other sites (and the local font in place of the first)."""
    replacement = [LOCAL_FONT]
    return EXTERNAL_ELEMENT.sub(lambda _match: replacement.pop() if replacement else "", html)


class OfflineTemplates(jinja2.FileSystemLoader):
    """textual-serve's templates, read through ``offline``: the page loads nothing from the internet."""

    def get_source(self, environment: jinja2.Environment, template: str) -> tuple[str, str | None, Any]:
        source, filename, uptodate = super().get_source(environment, template)
        return offline(source), filename, uptodate


class CockpitServer(Server):
    """A textual-serve ``Server`` that only answers requests carrying its token."""

    def __init__(self, command: str, *, token: str, host: str = "127.0.0.1", port: int = 8765,
                 title: str = "Cockpit", max_sessions: int = 8) -> None:
        super().__init__(command, host=host, port=port, title=title)
        self.token = token
        self.prefix = f"/{token}"
        self.loopback = is_loopback(host)
        self.max_sessions = max_sessions
        self.sessions = 0
        self.bound_port: int | None = None

    # --- the gate ------------------------------------------------------------------------------

    def refusal(self, request: web.Request) -> str | None:
        """Why ``request`` is refused, or None if it may pass."""
        candidate = request.path.split("/", 2)[1] if request.path.startswith("/") else ""
        if not hmac.compare_digest(candidate.encode(), self.token.encode()):
            return "this address needs the token printed by `cockpit serve`"
        if self.loopback and host_name(request.host) not in LOOPBACK_NAMES:
            return "this server only answers on the loopback address"
        origin = request.headers.get("Origin")
        if origin is not None and origin != f"{request.scheme}://{request.host}":
            return "requests from another web site are refused"
        return None

    @web.middleware
    async def guard(self, request: web.Request, handler: Handler) -> web.StreamResponse:
        reason = self.refusal(request)
        if reason is not None:
            log.warning("refused %s %s from %s: %s", request.method, _redacted(request.path, self.token),
                        request.remote, reason)
            raise web.HTTPForbidden(text=f"Forbidden: {reason}.\n")
        return await handler(request)

    async def secure_headers(self, request: web.Request, response: web.StreamResponse) -> None:
        host = request.host
        response.headers["Cache-Control"] = "no-store"
        response.headers["Referrer-Policy"] = "no-referrer"
        response.headers["X-Frame-Options"] = "DENY"
        response.headers["X-Content-Type-Options"] = "nosniff"
        response.headers["Content-Security-Policy"] = (
            "default-src 'self'; script-src 'self' 'unsafe-inline'; style-src 'self' 'unsafe-inline'; "
            f"img-src 'self' data:; font-src 'self' data:; connect-src 'self' ws://{host} wss://{host}; "
            "frame-ancestors 'none'; base-uri 'none'; form-action 'none'"
        )

    # --- the application -----------------------------------------------------------------------

    async def build_app(self) -> web.Application:
        """Our aiohttp application (textual-serve's own private ``_make_app`` is never called: ``serve``
        below replaces the base class's, so no private method of textual-serve is overridden)."""
        app = web.Application(middlewares=[self.guard])
        aiohttp_jinja2.setup(app, loader=OfflineTemplates(self.templates_path))
        prefix = self.prefix
        app.add_routes([
            web.get(f"{prefix}/", self.handle_index, name="index"),
            web.get(f"{prefix}/ws", self.handle_websocket, name="websocket"),
            web.get(prefix + "/download/{key}", self.handle_download, name="download"),
            web.static(f"{prefix}/static", self.statics_path, name="static"),
        ])
        app.on_response_prepare.append(self.secure_headers)
        return app

    @aiohttp_jinja2.template("app_index.html")
    async def handle_index(self, request: web.Request) -> dict[str, Any]:
        """The page; its URLs are built from the address the browser used (works behind --host)."""
        base = f"{request.scheme}://{request.host}{self.prefix}"
        websocket = ("wss" if request.scheme == "https" else "ws") + f"://{request.host}{self.prefix}/ws"
        size = request.query.get("fontsize", "16")
        return {
            "font_size": int(size) if size.isdigit() and 6 <= int(size) <= 64 else 16,
            "app_websocket_url": websocket,
            "config": {"static": {"url": f"{base}/static/"}},
            "application": {"name": self.title},
        }

    async def handle_websocket(self, request: web.Request) -> web.WebSocketResponse:
        if self.sessions >= self.max_sessions:
            raise web.HTTPServiceUnavailable(text=f"at most {self.max_sessions} viewers at once\n")
        self.sessions += 1
        try:
            return await super().handle_websocket(request)
        finally:
            self.sessions -= 1

    # --- running -------------------------------------------------------------------------------

    def url(self) -> str:
        return f"http://{url_host(self.host)}:{self.bound_port or self.port}{self.prefix}/"

    def serve(self, debug: bool = False, on_ready: Callable[[str], None] | None = None) -> None:  # type: ignore[override]
        """Serve until SIGINT / SIGTERM; ``on_ready(url)`` once the port is bound."""
        self.debug = debug
        asyncio.run(self._serve(on_ready or (lambda _url: None)))

    async def _serve(self, on_ready: Callable[[str], None]) -> None:
        runner = web.AppRunner(await self.build_app(), handle_signals=False, access_log=None)
        await runner.setup()
        site = web.TCPSite(runner, self.host, self.port)
        await site.start()
        self.bound_port = runner.addresses[0][1]
        stop = asyncio.Event()
        loop = asyncio.get_running_loop()
        for signum in (signal.SIGINT, signal.SIGTERM):
            try:
                loop.add_signal_handler(signum, stop.set)
            except (NotImplementedError, RuntimeError):
                pass
        on_ready(self.url())
        try:
            await stop.wait()
        finally:
            await runner.cleanup()


def _redacted(path: str, token: str) -> str:
    """A path for the log, without the token if it was right (so the log never holds it)."""
    return path.replace(token, "<token>") if token else path
