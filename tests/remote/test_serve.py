"""``cockpit serve``: token, Origin and Host checks, read-only by default, and a real browser tab."""

import asyncio
import os
import signal
import subprocess
import sys
import time
from pathlib import Path
from urllib.parse import urlsplit

import aiohttp
import pytest

from cockpit.commands.serve import child_command
from cockpit.db.engine import make_engine
from cockpit.db.migrate import upgrade
from cockpit.db.store import Store
from tests.remote.cdp import Browser, install_chromium

ROOT = Path(__file__).resolve().parents[2]
DEADLINE = 90.0  # for not hanging on a loaded machine; not a speed check


@pytest.fixture(scope="module")
def workspace(tmp_path_factory) -> Path:
    db = tmp_path_factory.mktemp("serve") / "standup.db"
    engine = make_engine(f"sqlite:///{db}")
    upgrade(engine)
    store = Store(engine, actor="pm")
    store.workspace.setup_defaults("Stand-up demo")
    stage = store.workspace.stages()[0].id
    store.items.create(title="Ship the coupon service", stage_id=stage)
    store.engine.dispose()
    return db


def start_server(db: Path, *extra: str) -> tuple[subprocess.Popen, str]:
    env = os.environ | {"PYTHONPATH": str(ROOT), "COCKPIT_HOME": str(db.parent / "home")}
    process = subprocess.Popen([sys.executable, "-m", "cockpit", "serve", "--db", str(db), "--port", "0", *extra],
                               cwd=ROOT, env=env, stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True)
    assert process.stdout is not None
    for line in process.stdout:  # the URL is printed once the port is bound
        if line.strip().startswith("http://"):
            return process, line.strip()
    raise AssertionError(f"serve printed no URL: {process.stderr.read() if process.stderr else ''}")


@pytest.fixture(scope="module")
def served(workspace):
    """One server for the module (starting Python, Textual and the workspace takes seconds)."""
    process, url = start_server(workspace)
    yield url
    process.send_signal(signal.SIGINT)
    try:
        process.wait(timeout=30)
    except subprocess.TimeoutExpired:
        process.kill()
        process.wait()
    assert process.returncode == 0


def test_the_url_is_on_loopback_with_a_long_random_token(served):
    parts = urlsplit(served)
    assert parts.hostname == "127.0.0.1" and parts.port
    token = parts.path.strip("/")
    assert len(token) >= 32 and "/" not in token


async def test_requests_without_the_token_or_from_elsewhere_are_refused(served):
    parts = urlsplit(served)
    root = f"http://127.0.0.1:{parts.port}"
    token = parts.path.strip("/")
    same_origin = {"Origin": root}
    async with aiohttp.ClientSession() as http:
        async def status(path: str, **headers: str) -> int:
            async with http.get(root + path, headers=headers, allow_redirects=False) as response:
                return response.status

        assert await status(f"/{token}/") == 200
        assert await status(f"/{token}/", **same_origin) == 200
        assert await status(f"/{token}/static/js/textual.js") == 200
        assert await status("/") == 403
        assert await status("/static/js/textual.js") == 403
        wrong = token[:-1] + ("y" if token.endswith("x") else "x")  # one character off, never the token
        assert await status(f"/{wrong}/") == 403  # a wrong token
        assert await status(f"/{token}x/") == 403
        assert await status(f"/?token={token}") == 403
        assert await status(f"/{token}/", Origin="http://evil.example") == 403  # a foreign Origin
        assert await status(f"/{token}/", Origin="null") == 403
        assert await status(f"/{token}/", Host="evil.example") == 403  # DNS rebinding
        async with http.get(root + f"/{token}/") as response:
            assert response.headers["Referrer-Policy"] == "no-referrer"
            assert "frame-ancestors 'none'" in response.headers["Content-Security-Policy"]
            assert f"ws://127.0.0.1:{parts.port}/{token}/ws" in await response.text()

        async def handshake(path: str, **headers: str) -> int:
            try:
                ws = await http.ws_connect(f"ws://127.0.0.1:{parts.port}{path}", headers=headers)
            except aiohttp.WSServerHandshakeError as refused:
                return refused.status
            await ws.close()
            return 101

        assert await handshake("/ws") == 403
        assert await handshake("/wrong-token/ws") == 403
        assert await handshake(f"/{token}/ws", Origin="http://evil.example") == 403
        assert await handshake(f"/{token}/ws", Origin=f"http://localhost.evil.example:{parts.port}") == 403


async def test_a_websocket_with_the_token_gets_a_read_only_cockpit(served):
    parts = urlsplit(served)
    root = f"http://127.0.0.1:{parts.port}"
    async with aiohttp.ClientSession() as http:
        ws = await http.ws_connect(f"ws://127.0.0.1:{parts.port}{parts.path}ws?width=120&height=30",
                                   headers={"Origin": root})
        seen = b""
        end = time.monotonic() + DEADLINE
        try:
            while b"read-only view" not in seen and time.monotonic() < end:
                message = await ws.receive(timeout=DEADLINE)
                if message.type == aiohttp.WSMsgType.BINARY:
                    seen += message.data
                elif message.type in (aiohttp.WSMsgType.CLOSE, aiohttp.WSMsgType.CLOSED):
                    break
        finally:
            await ws.close()
    assert b"Stand-up demo" in seen and b"read-only view" in seen


def test_the_tabs_run_a_read_only_cockpit_unless_edits_are_allowed():
    viewer = child_command("/w/x.db", allow_edit=False, present=False, actor="pm (browser)")
    assert viewer[-1] == "--read-only" and viewer[1:3] == ["-m", "cockpit"]
    editor = child_command("/w/x.db", allow_edit=True, present=True, actor="pm (browser)")
    assert "--read-only" not in editor and "--present-only" in editor


def test_serve_refuses_a_missing_workspace_in_one_line(tmp_path):
    result = subprocess.run([sys.executable, "-m", "cockpit", "serve", "--db", str(tmp_path / "none.db")],
                            cwd=ROOT, env=os.environ | {"PYTHONPATH": str(ROOT)}, capture_output=True, text=True,
                            timeout=60)
    assert result.returncode == 2 and "does not exist" in result.stderr
    assert len(result.stderr.strip().splitlines()) == 1 and not (tmp_path / "none.db").exists()


@pytest.fixture(scope="module")
def chromium() -> str:
    found = install_chromium()
    if found is None:
        pytest.skip("headless Chromium is not installed and `apt-get install chromium` failed here")
    return found


async def test_a_browser_tab_shows_the_cockpit(served, chromium, tmp_path):
    async with Browser(chromium, tmp_path / "profile") as browser:
        tab = await browser.open(served)
        screen = None
        end = time.monotonic() + DEADLINE
        while time.monotonic() < end:
            screen = await browser.screen_text(tab)
            if screen and "read-only view" in screen["text"] and "Help" in screen["text"]:
                break
            await asyncio.sleep(0.2)  # polling the browser for the app's first frame
        await browser.screenshot(tab, tmp_path / "browser.png")
    assert screen is not None, "the page never created its terminal"
    text = screen["text"]
    assert "Stand-up demo" in text and "read-only view" in text, text
    assert "f1 Help" in text and "^q Quit" in text  # the footer's key hints (as many as 142 columns hold)
    assert screen["drawn"] and screen["cols"] >= 80
    assert (tmp_path / "browser.png").stat().st_size > 10_000
