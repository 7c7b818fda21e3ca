"""The production gunicorn settings: the control socket is per instance or off (never the per-user default)."""
from __future__ import annotations

import importlib

import pytest

gunicorn_config = pytest.importorskip("gunicorn.config")


def _settings(monkeypatch, **env):
    for name in ("GUNICORN_CONTROL_SOCKET",):
        monkeypatch.delenv(name, raising=False)
    for name, value in env.items():
        monkeypatch.setenv(name, value)
    import matchmaker.gunicorn_conf as conf

    conf = importlib.reload(conf)
    cfg = gunicorn_config.Config()
    for name, value in vars(conf).items():
        if name in cfg.settings:
            cfg.set(name, value)
    return cfg


def test_no_shared_control_socket_by_default(monkeypatch):
    cfg = _settings(monkeypatch)
    if "control_socket_disable" not in cfg.settings:
        pytest.fail("this gunicorn has no control socket settings: pin or drop this test")
    assert cfg.control_socket_disable is True


def test_control_socket_at_the_instance_path(monkeypatch, tmp_path):
    path = str(tmp_path / "web.ctl")
    cfg = _settings(monkeypatch, GUNICORN_CONTROL_SOCKET=path)
    assert cfg.control_socket_disable is False
    assert cfg.control_socket == path
