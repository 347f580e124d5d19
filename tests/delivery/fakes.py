"""Local fakes of the Dropbox and Google Drive HTTP APIs, for the official SDKs to talk to.

Each fake is a small threaded http.server on 127.0.0.1 with a free port. It implements what
secondtrack uses: the OAuth authorise redirect, the token endpoint (authorization_code with a
PKCE code_verifier check, refresh_token with invalid_grant once revoked), the upload endpoint,
the account endpoint and token revocation. Tests can expire or revoke tokens server-side.
"""

from __future__ import annotations

import base64
import hashlib
import json
import secrets
import socket
import threading
from dataclasses import dataclass, field
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from urllib.parse import parse_qsl, urlencode, urlsplit


def closed_port_url() -> str:
    """A URL on 127.0.0.1 where nothing listens: connection refused, like a network outage."""
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        port = s.getsockname()[1]
    return f"http://127.0.0.1:{port}"


def pkce_challenge(verifier: str) -> str:
    digest = hashlib.sha256(verifier.encode("ascii")).digest()
    return base64.urlsafe_b64encode(digest).decode("ascii").rstrip("=")


@dataclass
class Request:
    method: str
    path: str
    query: dict
    headers: dict
    body: bytes

    @property
    def form(self) -> dict:
        return dict(parse_qsl(self.body.decode()))

    @property
    def bearer(self) -> str:
        value = self.headers.get("authorization", "")
        return value[7:] if value.lower().startswith("bearer ") else ""


@dataclass
class Response:
    status: int = 200
    body: object = None
    headers: dict = field(default_factory=dict)


class FakeServer:
    """Start with `with Fake() as fake:`; `fake.url` is its base URL."""

    def __init__(self) -> None:
        self.lock = threading.Lock()
        self.calls: list[tuple[str, str]] = []
        self.httpd = ThreadingHTTPServer(("127.0.0.1", 0), self._handler())
        self.httpd.daemon_threads = True
        self.url = f"http://127.0.0.1:{self.httpd.server_address[1]}"
        self.thread = threading.Thread(
            target=self.httpd.serve_forever, kwargs={"poll_interval": 0.02}, daemon=True
        )

    def __enter__(self):
        self.thread.start()
        return self

    def __exit__(self, *exc) -> None:
        self.httpd.shutdown()
        self.httpd.server_close()

    def route(self, request: Request) -> Response:
        raise NotImplementedError

    def _handler(self):
        fake = self

        class Handler(BaseHTTPRequestHandler):
            def _serve(self) -> None:
                parts = urlsplit(self.path)
                length = int(self.headers.get("Content-Length") or 0)
                request = Request(
                    method=self.command,
                    path=parts.path,
                    query=dict(parse_qsl(parts.query)),
                    headers={k.lower(): v for k, v in self.headers.items()},
                    body=self.rfile.read(length) if length else b"",
                )
                with fake.lock:
                    fake.calls.append((request.method, request.path))
                    response = fake.route(request)
                self._send(response)

            def _send(self, response: Response) -> None:
                body = response.body
                extra = dict(response.headers)
                if not isinstance(body, bytes):
                    body = json.dumps(body).encode()
                    extra.setdefault("Content-Type", "application/json")
                self.send_response(response.status)
                for name, value in extra.items():
                    self.send_header(name, value)
                self.send_header("Content-Length", str(len(body)))
                self.end_headers()
                self.wfile.write(body)

            do_GET = do_POST = _serve

            def log_message(self, *args) -> None:
                pass

        return Handler


class OAuthState:
    """Codes, access tokens and refresh tokens an OAuth server has handed out."""

    def __init__(self) -> None:
        self.codes: dict[str, dict] = {}
        self.access: dict[str, dict] = {}  # token -> {"refresh": str, "expired": bool}
        self.refresh: set[str] = set()
        self.verifiers_checked = 0

    def issue_code(self, query: dict) -> str:
        code = secrets.token_urlsafe(12)
        self.codes[code] = dict(query)
        return code

    def redeem_code(self, form: dict, client_id: str) -> dict | None:
        grant = self.codes.pop(form.get("code", ""), None)
        if grant is None or grant["client_id"] != client_id:
            return None
        if grant.get("redirect_uri") != form.get("redirect_uri"):
            return None
        if grant.get("code_challenge_method") != "S256":
            return None
        if pkce_challenge(form.get("code_verifier", "")) != grant["code_challenge"]:
            return None
        self.verifiers_checked += 1
        return grant

    def new_tokens(self, refresh: str | None = None) -> tuple[str, str]:
        refresh = refresh or "rt-" + secrets.token_urlsafe(16)
        access = "at-" + secrets.token_urlsafe(16)
        self.refresh.add(refresh)
        self.access[access] = {"refresh": refresh, "expired": False}
        return access, refresh

    def check(self, token: str) -> str:
        """'ok', 'expired' or 'invalid' for a bearer token."""
        entry = self.access.get(token)
        if entry is None:
            return "invalid"
        return "expired" if entry["expired"] else "ok"

    def expire_access_tokens(self) -> None:
        for entry in self.access.values():
            entry["expired"] = True

    def revoke_everything(self) -> None:
        """As if the reader removed the app in their account settings."""
        self.access.clear()
        self.refresh.clear()

    def revoke(self, token: str) -> None:
        entry = self.access.pop(token, None)
        refresh = entry["refresh"] if entry else token
        self.refresh.discard(refresh)
        for key in [k for k, v in self.access.items() if v["refresh"] == refresh]:
            del self.access[key]


def _redirect(grant_query: dict, code: str) -> Response:
    query = urlencode({"code": code, "state": grant_query["state"]})
    return Response(302, b"", {"Location": grant_query["redirect_uri"] + "?" + query})


class FakeDropbox(FakeServer):
    """Dropbox's www (authorise), api (token, account, revoke) and content (upload) hosts."""

    app_key = "fake-dropbox-key"
    app_secret = "fake-dropbox-secret"

    def __init__(self) -> None:
        super().__init__()
        self.oauth = OAuthState()
        self.files: dict[str, bytes] = {}

    def route(self, request: Request) -> Response:
        handlers = {
            ("GET", "/oauth2/authorize"): self.authorize,
            ("POST", "/oauth2/token"): self.token,
            ("POST", "/2/files/upload"): self.upload,
            ("POST", "/2/users/get_current_account"): self.account,
            ("POST", "/2/auth/token/revoke"): self.revoke,
        }
        handler = handlers.get((request.method, request.path))
        return handler(request) if handler else Response(404, {"error": "not found"})

    def authorize(self, request: Request) -> Response:
        if request.query.get("client_id") != self.app_key:
            return Response(400, b"unknown app")
        return _redirect(request.query, self.oauth.issue_code(request.query))

    def token(self, request: Request) -> Response:
        form = request.form
        if form.get("client_id") != self.app_key:
            return Response(400, {"error": "invalid_client"})
        if form.get("grant_type") == "authorization_code":
            if self.oauth.redeem_code(form, self.app_key) is None:
                return Response(400, {"error": "invalid_grant"})
            access, refresh = self.oauth.new_tokens()
            return Response(200, self._token_body(access, refresh))
        if form.get("grant_type") == "refresh_token":
            if form.get("refresh_token") not in self.oauth.refresh:
                return Response(400, {"error": "invalid_grant", "error_description": "revoked"})
            access, _ = self.oauth.new_tokens(form["refresh_token"])
            body = {"access_token": access, "expires_in": 14400, "token_type": "bearer"}
            return Response(200, body)
        return Response(400, {"error": "unsupported_grant_type"})

    def _token_body(self, access: str, refresh: str) -> dict:
        return {
            "access_token": access,
            "token_type": "bearer",
            "expires_in": 14400,
            "refresh_token": refresh,
            "scope": "account_info.read files.content.write",
            "uid": "12345",
            "account_id": "dbid:" + "A" * 35,
        }

    def _auth_failure(self, request: Request) -> Response | None:
        state = self.oauth.check(request.bearer)
        if state == "ok":
            return None
        tag = "expired_access_token" if state == "expired" else "invalid_access_token"
        return Response(401, {"error_summary": tag + "/", "error": {".tag": tag}})

    def upload(self, request: Request) -> Response:
        failure = self._auth_failure(request)
        if failure:
            return failure
        arg = json.loads(request.headers["dropbox-api-arg"])
        path = arg["path"]
        stem, dot, ext = path.rpartition(".")
        n = 1
        while path in self.files and arg.get("autorename"):
            path = f"{stem} ({n}){dot}{ext}"
            n += 1
        self.files[path] = request.body
        metadata = {
            "name": path.rsplit("/", 1)[-1],
            "id": "id:" + secrets.token_hex(8),
            "client_modified": "2025-06-01T10:00:00Z",
            "server_modified": "2025-06-01T10:00:00Z",
            "rev": "0123456789abcdef",
            "size": len(request.body),
            "path_lower": path.lower(),
            "path_display": path,
        }
        return Response(200, metadata)

    def account(self, request: Request) -> Response:
        failure = self._auth_failure(request)
        if failure:
            return failure
        name = {
            "given_name": "Alice",
            "surname": "Tanaka",
            "familiar_name": "Alice",
            "display_name": "Alice Tanaka",
            "abbreviated_name": "AT",
        }
        account = {
            "account_id": "dbid:" + "A" * 35,
            "name": name,
            "email": "alice.dropbox@example.org",
            "email_verified": True,
            "disabled": False,
            "locale": "en",
            "referral_link": "https://db.tt/fake",
            "is_paired": False,
            "account_type": {".tag": "basic"},
            "root_info": {".tag": "user", "root_namespace_id": "1", "home_namespace_id": "1"},
        }
        return Response(200, account)

    def revoke(self, request: Request) -> Response:
        failure = self._auth_failure(request)
        if failure:
            return failure
        self.oauth.revoke(request.bearer)
        return Response(200, None)


class FakeGoogle(FakeServer):
    """Google's OAuth endpoints (authorise, token, revoke) and the Drive v3 API."""

    client_id = "fake-client.apps.googleusercontent.com"
    client_secret = "fake-google-secret"
    scope = "https://www.googleapis.com/auth/drive.file"

    def __init__(self) -> None:
        super().__init__()
        self.oauth = OAuthState()
        self.files: list[dict] = []

    def route(self, request: Request) -> Response:
        handlers = {
            ("GET", "/o/oauth2/auth"): self.authorize,
            ("POST", "/token"): self.token,
            ("POST", "/revoke"): self.revoke,
            ("GET", "/drive/v3/about"): self.about,
            ("POST", "/upload/drive/v3/files"): self.upload,
        }
        handler = handlers.get((request.method, request.path))
        return handler(request) if handler else Response(404, {"error": "not found"})

    def authorize(self, request: Request) -> Response:
        query = request.query
        if query.get("client_id") != self.client_id or query.get("scope") != self.scope:
            return Response(400, b"bad client or scope")
        return _redirect(query, self.oauth.issue_code(query))

    def _client_ok(self, request: Request, form: dict) -> bool:
        basic = request.headers.get("authorization", "")
        if basic.lower().startswith("basic "):
            user, _, password = base64.b64decode(basic[6:]).decode().partition(":")
        else:
            user, password = form.get("client_id", ""), form.get("client_secret", "")
        return (user, password) == (self.client_id, self.client_secret)

    def token(self, request: Request) -> Response:
        form = request.form
        if not self._client_ok(request, form):
            return Response(401, {"error": "invalid_client"})
        if form.get("grant_type") == "authorization_code":
            if self.oauth.redeem_code(form, self.client_id) is None:
                return Response(400, {"error": "invalid_grant", "error_description": "Bad Request"})
            access, refresh = self.oauth.new_tokens()
            body = {"access_token": access, "expires_in": 3599, "refresh_token": refresh}
            return Response(200, {**body, "scope": self.scope, "token_type": "Bearer"})
        if form.get("grant_type") == "refresh_token":
            if form.get("refresh_token") not in self.oauth.refresh:
                reason = "Token has been expired or revoked."
                return Response(400, {"error": "invalid_grant", "error_description": reason})
            access, _ = self.oauth.new_tokens(form["refresh_token"])
            body = {"access_token": access, "expires_in": 3599, "scope": self.scope}
            return Response(200, {**body, "token_type": "Bearer"})
        return Response(400, {"error": "unsupported_grant_type"})

    def revoke(self, request: Request) -> Response:
        self.oauth.revoke(request.form.get("token") or request.query.get("token", ""))
        return Response(200, {})

    def _auth_failure(self, request: Request) -> Response | None:
        if self.oauth.check(request.bearer) == "ok":
            return None
        message = "Request had invalid authentication credentials."
        return Response(
            401, {"error": {"code": 401, "message": message, "status": "UNAUTHENTICATED"}}
        )

    def about(self, request: Request) -> Response:
        user = {"displayName": "Alice Tanaka", "emailAddress": "alice.google@example.org"}
        return self._auth_failure(request) or Response(200, {"user": user})

    def upload(self, request: Request) -> Response:
        failure = self._auth_failure(request)
        if failure:
            return failure
        if request.query.get("uploadType") != "multipart":
            return Response(400, {"error": {"code": 400, "message": "only multipart here"}})
        metadata, content_type, data = _multipart_related(request)
        created = {"id": secrets.token_hex(8), "name": metadata["name"]}
        self.files.append({**created, "mimeType": content_type, "data": data})
        return Response(200, created)


def _multipart_related(request: Request) -> tuple[dict, str, bytes]:
    """The metadata JSON, the media type and the bytes of a Drive multipart upload."""
    boundary = request.headers["content-type"].split("boundary=", 1)[1].strip('"').encode()
    decoded = []
    for raw in request.body.split(b"--" + boundary)[1:-1]:
        crlf, lf = raw.find(b"\r\n\r\n"), raw.find(b"\n\n")
        eol = b"\r\n" if crlf != -1 and (lf == -1 or crlf < lf) else b"\n"
        head, _, body = raw[len(eol) :].partition(eol + eol)
        lines = head.decode().splitlines()
        headers = dict(line.split(": ", 1) for line in lines if ": " in line)
        decoded.append((headers.get("Content-Type", ""), body[: -len(eol)]))
    return json.loads(decoded[0][1]), decoded[1][0], decoded[1][1]
