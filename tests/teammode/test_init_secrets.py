"""``cockpit init`` never prints a password (issue 14, point 12): a PostgreSQL URL is shown as
``cockpit copy`` shows it, through the one redaction helper (``cockpit.db.files.display_name``)."""

import pytest

from cockpit.cli import main
from tests.helpers import run_cli

SECRET = "s3cr3t-Pa55"


@pytest.mark.parametrize("url", [
    f"postgresql://ann:{SECRET}@127.0.0.1:{{port}}/cockpit",
    f"postgresql://ann@127.0.0.1:{{port}}/cockpit?password={SECRET}&sslmode=disable",
])
def test_init_on_an_unreachable_server_names_it_without_the_password(url, closed_port):
    result = run_cli("init", "--db", url.format(port=closed_port))
    assert result.returncode == 2
    assert "cannot open postgresql://ann" in result.stderr and "***" in result.stderr
    assert SECRET not in result.stderr + result.stdout


def test_a_created_server_workspace_is_named_without_the_password(monkeypatch, capsys):
    opened = []
    monkeypatch.setattr("cockpit.workspace.open_workspace", lambda target, **options: opened.append(target))
    url = f"postgresql://ann:{SECRET}@db.example.org:5432/cockpit"
    for args in (["init", "--db", url], ["init", "--db", url, "--demo"],
                 ["init", "--db", f"postgresql://ann@db.example.org/cockpit?password={SECRET}"]):
        assert main(args) == 0
    out, err = capsys.readouterr()
    assert opened[0] == url  # the real URL is used to connect; only the message is redacted
    assert SECRET not in out + err
    assert "created workspace postgresql://ann:***@db.example.org:5432/cockpit" in out
    assert "created demo workspace postgresql://ann:***@db.example.org:5432/cockpit" in out
    assert "?password=***" in out
