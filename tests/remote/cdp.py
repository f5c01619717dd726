"""Headless Chromium driven over the DevTools protocol, to see what a browser tab really shows.

textual-serve draws the terminal with xterm.js on a canvas, so the page's DOM holds no text.  Instead a
script installed before the page loads catches the page's terminal object (textual.js keeps it in a
closure; the trap is a setter for the ``fitAddon`` property it assigns first), and ``screen_text()``
reads xterm.js's own screen buffer: exactly the characters the canvas draws.  A screenshot is saved too.
"""

import asyncio
import base64
import itertools
import json
import shutil
import subprocess
from pathlib import Path
from typing import Any

import aiohttp

CHROMIUM_FLAGS = ["--headless", "--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run",
                  "--disable-background-networking", "--disable-component-update", "--disable-sync",
                  "--window-size=1280,800", "--remote-debugging-port=0"]

TRAP = """
Object.defineProperty(Object.prototype, "fitAddon", {
  configurable: true,
  get() { return undefined; },
  set(value) {
    Object.defineProperty(this, "fitAddon", {value, writable: true, configurable: true, enumerable: true});
    window.__cockpitTerminal = this;
  },
});
"""

READ_SCREEN = """
(() => {
  const holder = window.__cockpitTerminal;
  const term = holder && holder.terminal;
  if (!term || !term.buffer) return null;
  const buffer = term.buffer.active, lines = [];
  for (let y = 0; y < term.rows; y++) {
    const line = buffer.getLine(buffer.viewportY + y);
    lines.push(line ? line.translateToString(true) : "");
  }
  return {text: lines.join("\\n"), cols: term.cols, rows: term.rows,
          drawn: document.body.classList.contains("-first-byte")};
})()
"""


def find_chromium() -> str | None:
    for name in ("chromium", "chromium-browser", "google-chrome"):
        if found := shutil.which(name):
            return found
    return None


def install_chromium() -> str | None:
    """Debian's chromium package, installed when missing (the test setup); None if that fails."""
    if (found := find_chromium()) is not None:
        return found
    if shutil.which("apt-get") is None:
        return None
    try:
        subprocess.run("apt-get update && apt-get install -y chromium", shell=True, check=True,
                       stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL, timeout=900)
    except (subprocess.SubprocessError, OSError):
        return None
    return find_chromium()


class Browser:
    """One headless Chromium with a fresh profile; ``async with Browser(path, profile) as b``."""

    def __init__(self, executable: str, profile: Path) -> None:
        self.executable = executable
        self.profile = profile
        self.process: subprocess.Popen | None = None
        self._ids = itertools.count(1)

    async def __aenter__(self) -> "Browser":
        self.process = subprocess.Popen([self.executable, *CHROMIUM_FLAGS, f"--user-data-dir={self.profile}",
                                         "about:blank"], stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
        port_file = self.profile / "DevToolsActivePort"
        for _ in range(600):  # Chromium writes its DevTools port here once it listens
            if port_file.exists() and len(lines := port_file.read_text().split()) >= 2:
                break
            if self.process.poll() is not None:
                raise RuntimeError("chromium exited at start")
            await asyncio.sleep(0.05)
        else:
            raise RuntimeError("chromium did not open its DevTools port")
        self.http = aiohttp.ClientSession()
        self.ws = await self.http.ws_connect(f"ws://127.0.0.1:{lines[0]}{lines[1]}", max_msg_size=0)
        return self

    async def __aexit__(self, *_exc: object) -> None:
        await self.ws.close()
        await self.http.close()
        if self.process is not None:
            self.process.terminate()
            try:
                self.process.wait(timeout=10)
            except subprocess.TimeoutExpired:
                self.process.kill()
                self.process.wait()

    async def call(self, method: str, params: dict | None = None, session: str | None = None) -> dict[str, Any]:
        message_id = next(self._ids)
        message: dict[str, Any] = {"id": message_id, "method": method, "params": params or {}}
        if session is not None:
            message["sessionId"] = session
        await self.ws.send_str(json.dumps(message))
        while True:
            reply = json.loads((await self.ws.receive()).data)
            if reply.get("id") == message_id:
                if "error" in reply:
                    raise RuntimeError(f"{method}: {reply['error']}")
                return reply.get("result", {})

    async def open(self, url: str) -> str:
        """A new tab on ``url`` with the terminal trap installed; returns its session id."""
        target = (await self.call("Target.createTarget", {"url": "about:blank"}))["targetId"]
        session = (await self.call("Target.attachToTarget", {"targetId": target, "flatten": True}))["sessionId"]
        await self.call("Page.enable", session=session)
        await self.call("Page.addScriptToEvaluateOnNewDocument", {"source": TRAP}, session=session)
        await self.call("Page.navigate", {"url": url}, session=session)
        return session

    async def screen_text(self, session: str) -> dict | None:
        result = await self.call("Runtime.evaluate", {"expression": READ_SCREEN, "returnByValue": True},
                                 session=session)
        return result.get("result", {}).get("value")

    async def screenshot(self, session: str, path: Path) -> None:
        data = (await self.call("Page.captureScreenshot", {"format": "png"}, session=session))["data"]
        path.write_bytes(base64.b64decode(data))
