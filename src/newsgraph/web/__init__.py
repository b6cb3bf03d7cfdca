"""The web interface: ``newsgraph serve`` opens the store in a browser (FastAPI, Jinja2). The app loads
on first use, so ``newsgraph --help`` starts without FastAPI."""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    from newsgraph.web.app import WebSettings
    from newsgraph.web.server import create_app

__all__ = ["WebSettings", "create_app"]


def __getattr__(name: str) -> Any:
    if name == "WebSettings":
        from newsgraph.web.app import WebSettings

        return WebSettings
    if name == "create_app":
        from newsgraph.web.server import create_app

        return create_app
    raise AttributeError(f"module 'newsgraph.web' has no attribute {name!r}")
