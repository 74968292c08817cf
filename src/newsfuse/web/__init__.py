"""The web app and JSON API over a newsfuse store (`newsfuse serve`). The package exports its three
public names lazily (what a server may take is the `web` section of newsfuse.config), so that importing one helper module loads neither FastAPI nor the store.

    from newsfuse.web import WebConfig, create_app
"""

from __future__ import annotations

from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from newsfuse.web.app import create_app
    from newsfuse.web.service import WebConfig

__all__ = ["WebConfig", "create_app"]


def __getattr__(name: str) -> object:
    # FastAPI and the store load only when the app is wanted, not when a helper module is imported.
    if name == "create_app":
        from newsfuse.web.app import create_app

        return create_app
    if name == "WebConfig":
        from newsfuse.web.service import WebConfig

        return WebConfig
    raise AttributeError(name)
