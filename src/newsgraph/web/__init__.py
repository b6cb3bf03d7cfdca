"""The web interface: ``newsgraph serve`` opens the store in a browser (FastAPI, Jinja2, SVG drawn server-side)."""

from newsgraph.web.app import WebSettings, create_app

__all__ = ["WebSettings", "create_app"]
