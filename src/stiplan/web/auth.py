"""Sign-in, sessions, CSRF and role guards of the web app (issue 16), and the dependency every
write route is declared with.

- ``SessionMiddleware`` reads the signed session cookie into ``request.state`` and writes it
  back (HttpOnly, SameSite=Lax, Secure when asked) when a route changed it.
- ``session_guard`` is an app-wide dependency (``create_app`` passes it to ``FastAPI``): it
  finds who is signed in, refuses anonymous readers of a ``--private`` server and checks the
  CSRF token of every POST/PUT/PATCH/DELETE, for every route at once.
- ``require_role(action)`` is the guard of a write route, and ``write_route`` the one way to
  declare one (``tests/web/test_auth.py`` enumerates the app's routes and holds every
  non-GET route to it). A refusal is recorded in the audit trail and answered 401 (nobody
  signed in) or 403 (a role or ministry scope that does not allow it).

Without users in the store none of this writes: the app stays the read-only dashboard,
``/login`` says there is nobody to sign in as, and every write route answers 403. The
routes (login, logout, the audit trail) are in ``web/auth_pages.py``.
"""

from __future__ import annotations

import os
from collections.abc import Callable
from dataclasses import dataclass, field
from http.cookies import SimpleCookie
from pathlib import Path
from typing import Any

from fastapi import APIRouter, Depends, FastAPI, HTTPException, Request
from starlette.concurrency import run_in_threadpool
from starlette.datastructures import MutableHeaders
from starlette.types import ASGIApp, Message, Receive, Scope, Send

from stiplan import queries
from stiplan.queries import Actor, Session, SessionCodec
from stiplan.web.deps import StorePool

SECRET_ENV = "STIPLAN_SECRET_KEY"
SAFE_METHODS = frozenset({"GET", "HEAD", "OPTIONS"})
OPEN = "open"
"""The action of a write route anyone may post to (sign-in and sign-out): CSRF still applies."""
PUBLIC_PATHS = ("/login", "/logout", "/static/")
FORM_MAX_FIELDS = 20_000
"""Fields a posted form may have (Starlette's default is 1,000). The form is parsed here first,
for its CSRF token, and kept for the route: a survey form has two fields per row it edits."""


@dataclass
class AuthConfig:
    """How the app treats people: whether users exist (sign-in offered, writes possible),
    whether reading needs sign-in, whether cookies are Secure, and the writable stores the
    sign-in and the audit trail use (None without users: the app never writes)."""

    enabled: bool = False
    private: bool = False
    secure: bool = False
    codec: SessionCodec | None = None
    writer: StorePool | None = None


@dataclass
class AuthState:
    """What the templates need (``request.state.auth``): sign-in offered, who is signed in
    ('' for nobody) and the session's CSRF token ('' before a session exists)."""

    enabled: bool
    user: str = ""
    role: str = ""
    csrf: str = ""
    session: Session | None = None
    new_session: Session | None = field(default=None, repr=False)
    clear: bool = False


def install_auth(app: FastAPI, path: Path | str, public: bool = True, secure: bool = False) -> None:
    """Set up ``app.state.auth`` and the session middleware for the store at ``path``.

    Whether users exist is decided now: add the first user, then restart the server.
    ``public=False`` (``--private``) needs users. The signing key is ``$STIPLAN_SECRET_KEY``
    or the one kept in the store (made on first use), so every worker shares it.
    """
    config = AuthConfig(private=not public, secure=secure)
    with app.state.pool.lend() as store:
        config.enabled = queries.users_configured(store)
    if config.private and not config.enabled:
        raise queries.QueryError(
            "--private には利用者が必要です（`stiplan users add` で追加）"
            " / --private needs users: add one with `stiplan users add`"
        )
    if config.enabled:
        config.writer = StorePool(path, read_only=False, size=4)
        with config.writer.lend() as store:
            secret = os.environ.get(SECRET_ENV) or queries.session_secret(store, create=True)
        assert secret is not None
        config.codec = SessionCodec(secret)
    app.state.auth = config
    app.add_middleware(SessionMiddleware, config=config)


def close_auth(app: FastAPI) -> None:
    """Close the writable stores (at shutdown)."""
    config: AuthConfig | None = getattr(app.state, "auth", None)
    if config is not None and config.writer is not None:
        config.writer.close()


def auth_config(request: Request) -> AuthConfig:
    config: AuthConfig = request.app.state.auth
    return config


def auth_state(request: Request) -> AuthState:
    state: AuthState = request.state.auth
    return state


def client_address(request: Request) -> str:
    """The client's address as the server sees it (behind a proxy, run uvicorn with
    ``--proxy-headers`` so that this is the visitor's, not the proxy's)."""
    return request.client.host if request.client else ""


# -- the session cookie ------------------------------------------------------------------------


class SessionMiddleware:
    """Reads the session cookie into ``request.state.auth`` and sets or clears it on the
    way out when a route asked to (``start_session`` / ``end_session``)."""

    def __init__(self, app: ASGIApp, config: AuthConfig) -> None:
        self.app = app
        self.config = config

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] != "http":
            await self.app(scope, receive, send)
            return
        session = self._read(scope)
        state = AuthState(self.config.enabled, session=session)
        if session is not None:
            state.user, state.csrf = session.user, session.csrf
        scope.setdefault("state", {})["auth"] = state

        async def send_with_cookie(message: Message) -> None:
            if message["type"] == "http.response.start":
                cookie = self._cookie(state)
                if cookie:
                    MutableHeaders(scope=message).append("set-cookie", cookie)
            await send(message)

        await self.app(scope, receive, send_with_cookie)

    def _read(self, scope: Scope) -> Session | None:
        if self.config.codec is None:
            return None
        for name, value in scope.get("headers", []):
            if name == b"cookie":
                cookie: SimpleCookie = SimpleCookie()
                try:
                    cookie.load(value.decode("latin-1"))
                except Exception:  # a malformed cookie header: no session
                    return None
                morsel = cookie.get(queries.SESSION_COOKIE)
                return None if morsel is None else self.config.codec.loads(morsel.value)
        return None

    def _cookie(self, state: AuthState) -> str:
        codec = self.config.codec
        if codec is None or (state.new_session is None and not state.clear):
            return ""
        flags = "; Path=/; HttpOnly; SameSite=Lax" + ("; Secure" if self.config.secure else "")
        if state.new_session is None:
            return f"{queries.SESSION_COOKIE}=; Max-Age=0{flags}"
        value = codec.dumps(state.new_session)
        return f"{queries.SESSION_COOKIE}={value}; Max-Age={codec.max_age}{flags}"


def csrf_token(request: Request) -> str:
    """The session's CSRF token for a form, starting an anonymous session if there is none
    (the sign-in form needs one before anyone is signed in)."""
    state = auth_state(request)
    if not state.csrf and state.enabled:
        start_session(request, "", "")
    return state.csrf


def start_session(request: Request, user: str, fingerprint: str) -> None:
    """A new session (and a new CSRF token) for ``user`` ('' for an anonymous visitor)."""
    state = auth_state(request)
    session = Session(user, fingerprint, queries.new_csrf_token())
    state.new_session, state.session, state.clear = session, session, False
    state.user, state.csrf = user, session.csrf


def end_session(request: Request) -> None:
    """Drop the session (the cookie is cleared on the way out)."""
    state = auth_state(request)
    state.new_session, state.session, state.clear = None, None, True
    state.user = state.role = state.csrf = ""


# -- the app-wide dependency -------------------------------------------------------------------


def _resolve(config: AuthConfig, session: Session | None, client: str) -> Actor | None:
    if config.writer is None or session is None or not session.user:
        return None
    with config.writer.lend() as store:
        return queries.session_actor(store, session.user, session.fingerprint, client)


def _record(config: AuthConfig, actor: Actor, action: str, target: str, reason: str) -> None:
    if config.writer is None:
        return
    with config.writer.lend() as store:
        queries.record(store, actor, action, target, outcome="refused", reason=reason)


async def _sent_token(request: Request) -> str | None:
    token = request.headers.get(queries.CSRF_HEADER)
    if token is None and request.headers.get("content-type", "").startswith(
        ("application/x-www-form-urlencoded", "multipart/form-data")
    ):
        value = (await request.form(max_fields=FORM_MAX_FIELDS)).get(queries.CSRF_FIELD)
        token = value if isinstance(value, str) else None
    return token


async def session_guard(request: Request) -> None:
    """Who is signed in (``request.state.actor``); private servers refuse anonymous
    readers; every unsafe method must carry the session's CSRF token."""
    config, state = auth_config(request), auth_state(request)
    client = client_address(request)
    actor = await run_in_threadpool(_resolve, config, state.session, client)
    if actor is None and state.user:  # a stale session (disabled user, new password)
        end_session(request)
    request.state.actor = actor or Actor("", None, (), client)
    if actor is not None:
        state.role = actor.role.value if actor.role else ""
    path = request.url.path
    if config.private and actor is None and not path.startswith(PUBLIC_PATHS):
        if path.startswith("/api"):
            raise HTTPException(401, "sign-in required")
        target = f"/login?next={path}" if path != "/" else "/login"
        raise HTTPException(303, "sign-in required", headers={"location": target})
    if request.method in SAFE_METHODS:
        return
    sent = await _sent_token(request)
    if not queries.csrf_tokens_match(state.csrf, sent):
        why = "CSRF token missing or wrong"
        await run_in_threadpool(_record, config, request.state.actor, "csrf", path, why)
        raise HTTPException(403, why)


SessionGuard = Depends(session_guard)


# -- role guards and write routes --------------------------------------------------------------


class RoleGuard:
    """The dependency of a write route: lets the signed-in actor take ``action`` (for the
    ministry named by the ``ministry_param`` path, query or form parameter, if scoped) or
    records the refusal and answers 401/403. The actor is the dependency's value."""

    def __init__(self, action: str, ministry_param: str | None = None) -> None:
        self.action = action
        self.ministry_param = ministry_param

    async def __call__(self, request: Request) -> Actor:
        config = auth_config(request)
        actor: Actor = request.state.actor
        if config.writer is None:
            raise HTTPException(403, "this server has no users: it is read-only")
        if self.action == OPEN:
            return actor
        ministry = await self._ministry(request)
        await run_in_threadpool(self._authorize, config.writer, actor, request, ministry)
        return actor

    def _authorize(
        self, writer: StorePool, actor: Actor, request: Request, ministry: str | None
    ) -> None:
        route = request.scope.get("route")
        name = getattr(route, "name", None) or request.url.path
        with writer.lend() as store:
            try:
                queries.authorize(
                    store,
                    actor,
                    self.action,
                    audit_action=name,
                    target=ministry or "",
                    ministry=ministry,
                )
            except queries.Refused as refused:
                raise HTTPException(refused.status, str(refused)) from refused

    async def _ministry(self, request: Request) -> str | None:
        name = self.ministry_param
        if name is None:
            return None
        value: Any = request.path_params.get(name) or request.query_params.get(name)
        if value is None and request.method not in SAFE_METHODS:
            value = (await request.form()).get(name)
        return queries.resolve_ministry(value) if isinstance(value, str) and value else None


def require_role(action: str, ministry_param: str | None = None) -> RoleGuard:
    """The guard for ``action`` (``queries.INGEST``, ``queries.MINISTRY_WRITE``…; ``OPEN``
    for sign-in and sign-out), scoped by ``ministry_param`` if given."""
    return RoleGuard(action, ministry_param)


def write_route(
    router: APIRouter,
    path: str,
    guard: RoleGuard,
    *,
    name: str,
    methods: tuple[str, ...] = ("POST",),
) -> Callable[[Callable[..., Any]], Callable[..., Any]]:
    """Declare a write route: ``methods`` on ``path`` behind ``guard`` (and the app-wide
    CSRF check). The only way a route that changes anything is declared."""
    return router.api_route(path, methods=list(methods), name=name, dependencies=[Depends(guard)])


def writer_pool(request: Request) -> StorePool:
    """The writable stores of a server with users (a write route only runs on one)."""
    pool = auth_config(request).writer
    if pool is None:  # pragma: no cover - the role guard refuses first
        raise HTTPException(403, "this server has no users: it is read-only")
    return pool
