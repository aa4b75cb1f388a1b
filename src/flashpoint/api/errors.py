"""One error shape for every failure the API reports.

Every error, whatever raised it, reaches the client as::

    {"error": {"status": 404, "code": "not_found", "message": "...", "details": [...]}}

``code`` is stable and machine-readable, ``message`` is for people, ``details`` lists
the individual problems of a validation error (empty otherwise). Handlers here cover
Starlette's HTTP errors (unknown path, wrong method, body too large), request
validation, flashpoint's own exceptions and, last, anything unexpected, which becomes
a 500 that says nothing about the code that failed: the traceback goes to the log.
"""

from __future__ import annotations

import logging
from collections.abc import Mapping, Sequence
from http import HTTPStatus
from typing import Any, Final

from fastapi import FastAPI, Request
from fastapi.exceptions import RequestValidationError
from fastapi.responses import JSONResponse
from starlette.exceptions import HTTPException

from flashpoint.errors import ConfigError, FlashpointError, ModelNotAvailableError

__all__ = ["ApiError", "error_body", "error_response", "install_error_handlers"]

log = logging.getLogger(__name__)

#: The ``code`` of each HTTP status the API sends; others use the status phrase.
CODES: Final = {
    400: "bad_request",
    403: "forbidden",
    404: "not_found",
    405: "method_not_allowed",
    413: "payload_too_large",
    422: "validation_error",
    500: "internal_error",
    503: "unavailable",
}


class ApiError(HTTPException):
    """An error a route raises on purpose, with its own ``code`` (e.g. ``fetch_forbidden``)."""

    def __init__(self, status: int, message: str, *, code: str | None = None) -> None:
        super().__init__(status_code=status, detail=message)
        self.code = code or _code(status)


def _code(status: int) -> str:
    known = CODES.get(status)
    if known is not None:
        return known
    try:
        return HTTPStatus(status).phrase.lower().replace(" ", "_").replace("-", "_")
    except ValueError:
        return "error"


def error_body(
    status: int, message: str, *, code: str | None = None, details: Sequence[Any] = ()
) -> dict[str, Any]:
    """The JSON of an error response."""
    return {
        "error": {
            "status": status,
            "code": code or _code(status),
            "message": message,
            "details": list(details),
        }
    }


def error_response(
    status: int,
    message: str,
    *,
    code: str | None = None,
    details: Sequence[Any] = (),
    headers: Mapping[str, str] | None = None,
) -> JSONResponse:
    body = error_body(status, message, code=code, details=details)
    return JSONResponse(body, status_code=status, headers=dict(headers or {}))


async def _http_error(request: Request, exc: Exception) -> JSONResponse:
    assert isinstance(exc, HTTPException)
    code = exc.code if isinstance(exc, ApiError) else None
    phrase = HTTPStatus(exc.status_code).phrase
    message = exc.detail if isinstance(exc.detail, str) else phrase
    # The router's own 404 and 405 say only the status phrase; say what was asked.
    if message == phrase and exc.status_code == 404:
        message = f"no such endpoint: {request.url.path}"
    elif message == phrase and exc.status_code == 405:
        message = f"{request.method} is not allowed on {request.url.path}"
    return error_response(exc.status_code, message, code=code, headers=exc.headers)


def _problem(error: Mapping[str, Any]) -> dict[str, Any]:
    # The offending input and pydantic's context are left out: they can be large, are
    # not always JSON, and echo back whatever the client sent.
    return {
        "loc": [part if isinstance(part, int) else str(part) for part in error.get("loc", ())],
        "message": str(error.get("msg", "")),
        "type": str(error.get("type", "")),
    }


async def _validation_error(request: Request, exc: Exception) -> JSONResponse:
    assert isinstance(exc, RequestValidationError)
    details = [_problem(e) for e in exc.errors()]
    first = details[0] if details else None
    where = ".".join(str(p) for p in first["loc"]) if first else ""
    message = f"invalid request: {where}: {first['message']}" if first else "invalid request"
    return error_response(422, message, details=details)


async def _flashpoint_error(request: Request, exc: Exception) -> JSONResponse:
    if isinstance(exc, ModelNotAvailableError):
        # The server's own configuration is at fault here, not the request.
        log.error("cannot code: %s", exc)
        return error_response(503, str(exc), code="model_unavailable")
    if isinstance(exc, ConfigError):
        return error_response(422, str(exc), code="invalid_parameter")
    return error_response(400, str(exc))


async def _unexpected(request: Request, exc: Exception) -> JSONResponse:
    log.exception("unexpected error on %s %s", request.method, request.url.path, exc_info=exc)
    return error_response(500, "internal server error")


def install_error_handlers(app: FastAPI) -> None:
    """Make every error of ``app`` use the one shape."""
    app.add_exception_handler(HTTPException, _http_error)
    app.add_exception_handler(RequestValidationError, _validation_error)
    app.add_exception_handler(FlashpointError, _flashpoint_error)
    app.add_exception_handler(Exception, _unexpected)
