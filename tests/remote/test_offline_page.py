"""``cockpit serve``'s page loads nothing from other sites: it works offline and tells no one it is open."""

import re

from aiohttp.test_utils import TestClient, TestServer

from cockpit.webview import CockpitServer, offline

TOKEN = "t" * 32
ANY_URL = re.compile(r"""(?:(?:https?|wss?):)?//[^\s"'<>)]+""")
SVG_NAMESPACE = "http://www.w3.org/2000/svg"  # names the XML dialect; a browser fetches nothing


def foreign_urls(html: str, host: str) -> list[str]:
    """Every absolute URL in the page that is not this server (nor the SVG namespace)."""
    return [url for url in ANY_URL.findall(html)
            if url != SVG_NAMESPACE and url.split("//", 1)[1].split("/", 1)[0] != host]


async def test_the_served_page_links_nothing_outside_this_machine():
    server = CockpitServer("true", token=TOKEN, host="127.0.0.1", port=0)
    async with TestClient(TestServer(await server.build_app(), host="127.0.0.1")) as client:
        response = await client.get(f"/{TOKEN}/")
        assert response.status == 200
        html = await response.text()
        host = f"127.0.0.1:{client.port}"
        assert foreign_urls(html, host) == [], "the page would make the browser call another site"
        assert "fonts.googleapis.com" not in html
        # the font the page names is served from here
        fonts = re.findall(r'url\("([^"]+\.ttf)"\)', html)
        assert fonts, "the page declares no local font"
        for font in fonts:
            assert font.startswith(f"http://{host}/{TOKEN}/static/")
            font_response = await client.get(font.split(host, 1)[1])
            assert font_response.status == 200 and len(await font_response.read()) > 10_000
        assert f"http://{host}/{TOKEN}/static/js/textual.js" in html  # the page itself is intact


def test_links_and_scripts_from_other_sites_are_dropped_from_any_template():
    html = ('<head><link rel="stylesheet" href="https://fonts.googleapis.com/css?family=X" />'
            "<link rel=stylesheet href=//cdn.example/x.css>"
            '<script src="http://cdn.example/x.js"></script>'
            '<link rel="stylesheet" href="{{ config.static.url }}css/xterm.css" /></head>')
    page = offline(html)
    assert "example" not in page and "googleapis" not in page
    assert 'href="{{ config.static.url }}css/xterm.css"' in page and "@font-face" in page
