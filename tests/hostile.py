"""A hostile article for the web tests: markup and script that must only ever show as text."""

from __future__ import annotations

from typing import Any

HOSTILE_ID = "hostile"
HOSTILE: dict[str, Any] = {
    "id": HOSTILE_ID, "outlet": "Evil <b>Outlet</b>", "title": "Talks <script>alert(1)</script> resume",
    "url": "javascript:alert(1)", "published": "2023-02-22",
    "text": ("Japan and China held their first security dialogue in four years in Tokyo on Wednesday. "
             "<script>alert(1)</script> Senior officials attended the talks. "
             "<img src=x onerror=alert(1)> The meeting lasted five hours, an official said.\n\n"
             "Japan raised concerns about Chinese military activity near the Senkaku Islands."),
}
