"""Security headers on every response, and owner-only files for the databases in instance/."""
from __future__ import annotations

import os
import stat
from pathlib import Path

from flask import Flask, Response

# No inline script or style anywhere (templates use static files only): a test parses every page for them.
CONTENT_SECURITY_POLICY = "; ".join([
    "default-src 'self'",
    "script-src 'self'",
    "style-src 'self'",
    "img-src 'self' data:",
    "font-src 'self'",
    "connect-src 'self'",
    "form-action 'self'",
    "base-uri 'none'",
    "object-src 'none'",
    "frame-ancestors 'none'",
])


def register_security_headers(app: Flask) -> None:
    """Add CSP, framing, sniffing and referrer headers (and HSTS behind HTTPS) to every response."""
    headers = {
        "Content-Security-Policy": app.config.get("CONTENT_SECURITY_POLICY") or CONTENT_SECURITY_POLICY,
        "X-Frame-Options": "DENY",
        "X-Content-Type-Options": "nosniff",
        "Referrer-Policy": "strict-origin-when-cross-origin",
        "Cross-Origin-Opener-Policy": "same-origin",
        "Permissions-Policy": "camera=(), microphone=(), geolocation=()",
    }
    if app.config.get("SESSION_COOKIE_SECURE"):  # served over HTTPS only
        headers["Strict-Transport-Security"] = "max-age=31536000"

    @app.after_request
    def _security_headers(response: Response) -> Response:
        for name, value in headers.items():
            response.headers.setdefault(name, value)
        return response


def private_file(path: str | os.PathLike) -> None:
    """Create `path` readable by its owner only (0600), or take group/other bits off an existing file; the
    databases hold password hashes and private contacts. SQLite gives its -wal/-shm files the same mode."""
    path = Path(path)
    path.parent.mkdir(parents=True, exist_ok=True)
    try:
        fd = os.open(path, os.O_WRONLY | os.O_CREAT | os.O_EXCL, 0o600)
    except FileExistsError:
        mode = stat.S_IMODE(path.stat().st_mode)
        if mode & 0o077:
            path.chmod(mode & 0o700)
    else:
        os.close(fd)
