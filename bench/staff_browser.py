"""Just enough of a staff member's browser to sign in and press Save in the admin, for benchmarks and drills."""

from __future__ import annotations

from html.parser import HTMLParser
from urllib.parse import urlsplit

import requests

# What the load balancer adds: the visitor came over HTTPS.
FORWARDED = {"X-Forwarded-Proto": "https"}


class FormFields(HTMLParser):
    """The fields a browser would submit from the first <form> with a given action (or any)."""

    def __init__(self):
        super().__init__()
        self.fields: list[tuple[str, str]] = []
        self._select: str | None = None
        self._textarea: str | None = None
        self._text: list[str] = []
        self._in_form = False

    def handle_starttag(self, tag, attrs):
        attrs = dict(attrs)
        if tag == "form":
            self._in_form = True
        if not self._in_form:
            return
        name = attrs.get("name")
        if tag == "input" and name and attrs.get("type") not in ("submit", "button", "file", "image"):
            if attrs.get("type") in ("checkbox", "radio") and "checked" not in attrs:
                return
            self.fields.append(
                (name, attrs.get("value") or ("on" if attrs.get("type") == "checkbox" else ""))
            )
        elif tag == "select" and name:
            self._select = name
        elif tag == "option" and self._select and "selected" in attrs:
            self.fields.append((self._select, attrs.get("value", "")))
        elif tag == "textarea" and name:
            self._textarea, self._text = name, []

    def handle_data(self, data):
        if self._textarea:
            self._text.append(data)

    def handle_endtag(self, tag):
        if tag == "select":
            self._select = None
        elif tag == "textarea" and self._textarea:
            self.fields.append((self._textarea, "".join(self._text).removeprefix("\n")))
            self._textarea = None
        elif tag == "form":
            self._in_form = False


class Browser:
    """Keeps its own cookies: production's cookies are Secure, and the servers here speak plain HTTP
    behind X-Forwarded-Proto, so a cookie jar that honours Secure would never send them back."""

    def __init__(self, base_url: str):
        self.base_url = base_url
        self.cookies: dict[str, str] = {}

    def _headers(self) -> dict[str, str]:
        origin = "https://" + urlsplit(self.base_url).netloc
        headers = {**FORWARDED, "Origin": origin, "Referer": origin + "/"}
        if "csrftoken" in self.cookies:  # what the admin's own forms send, for posts without a form
            headers["X-CSRFToken"] = self.cookies["csrftoken"]
        return headers

    def get(self, path: str) -> requests.Response:
        return self._send("GET", path)

    def post(self, path: str, data) -> requests.Response:
        return self._send("POST", path, data)

    def _send(self, method: str, path: str, data=None) -> requests.Response:
        response = requests.request(
            method,
            self.base_url + path,
            data=data,
            headers=self._headers(),
            cookies=self.cookies,
            timeout=30,
            allow_redirects=False,
        )
        self.cookies.update(response.cookies.get_dict())
        return response

    def submit(self, path: str, changes: dict[str, str] | None = None) -> requests.Response:
        """GET a form page and POST its form back with `changes`, as pressing Save would."""
        page = self.get(path)
        parser = FormFields()
        parser.feed(page.text)
        fields = [(name, value) for name, value in parser.fields if name not in (changes or {})]
        return self.post(path, [*fields, *(changes or {}).items()])

    def sign_in(self, login_path: str, username: str, password: str) -> requests.Response:
        return self.submit(login_path, {"username": username, "password": password})
