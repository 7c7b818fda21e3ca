"""The API reference page's content, read from the OpenAPI document: endpoints by tag, their parameters, bodies
and answers, each schema flattened to fields (a readable page without a script from a CDN)."""
from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

METHODS = ("get", "post", "put", "patch", "delete")


@dataclass
class Field:
    """One field of a body or an answer (nested objects are dotted: `contact.email`; lists end in `[]`)."""

    name: str
    type: str
    required: bool
    description: str = ""


@dataclass
class Answer:
    """One status an endpoint answers with, its media type and the fields of its body."""

    status: str
    media_type: str
    fields: list[Field]


@dataclass
class Endpoint:
    """One operation: method, path, what it does, its parameters, request body and answers."""

    method: str
    path: str
    summary: str
    description: str
    anchor: str
    parameters: list[Field] = field(default_factory=list)
    body: list[Field] = field(default_factory=list)
    answers: list[Answer] = field(default_factory=list)


def reference(document: dict[str, Any]) -> list[tuple[str, list[Endpoint]]]:
    """The document's endpoints grouped by their first tag, in the document's tag order, then path order."""
    schemas = document.get("components", {}).get("schemas", {})
    groups: dict[str, list[Endpoint]] = {t["name"]: [] for t in document.get("tags", [])}
    for path, item in document.get("paths", {}).items():
        for method in METHODS:
            operation = item.get(method)
            if operation is None:
                continue
            tag = (operation.get("tags") or ["other"])[0]
            groups.setdefault(tag, []).append(_endpoint(method, path, operation, schemas))
    return [(tag, endpoints) for tag, endpoints in groups.items() if endpoints]


def _endpoint(method: str, path: str, operation: dict[str, Any], schemas: dict[str, Any]) -> Endpoint:
    parameters = [Field(p["name"] + (" (path)" if p.get("in") == "path" else ""),
                        _type(p.get("schema", {}), schemas), bool(p.get("required")),
                        p.get("description") or p.get("schema", {}).get("description", ""))
                  for p in operation.get("parameters", [])]
    body_schema = _media_schema(operation.get("requestBody", {}))
    answers = []
    for status, answer in sorted(operation.get("responses", {}).items()):
        media_type, schema = next(iter(answer.get("content", {}).items()), ("", {}))
        answers.append(Answer(status, media_type, _fields(schema.get("schema", {}), schemas)))
    anchor = f"{method}-{path}".replace("/", "-").replace("{", "").replace("}", "").replace(".", "-").strip("-")
    return Endpoint(method.upper(), path, operation.get("summary", ""), operation.get("description", ""), anchor,
                    parameters, _fields(body_schema, schemas) if body_schema else [], answers)


def _media_schema(request_body: dict[str, Any]) -> dict[str, Any]:
    for media in request_body.get("content", {}).values():
        return media.get("schema", {})
    return {}


def _resolve(schema: dict[str, Any], schemas: dict[str, Any]) -> dict[str, Any]:
    while "$ref" in schema:
        schema = schemas.get(schema["$ref"].rsplit("/", 1)[-1], {})
    return schema


def _nullable(schema: dict[str, Any]) -> tuple[dict[str, Any], bool]:
    """`anyOf [X, null]` (pydantic's Optional) -> (X, True)."""
    options = schema.get("anyOf")
    if options and len(options) == 2 and {"type": "null"} in options:
        return next(o for o in options if o != {"type": "null"}), True
    return schema, False


def _type(schema: dict[str, Any], schemas: dict[str, Any]) -> str:
    inner, nullable = _nullable(schema)
    resolved = _resolve(inner, schemas)
    if resolved.get("enum"):
        name = " | ".join(f'"{v}"' if isinstance(v, str) else str(v) for v in resolved["enum"])
    elif resolved.get("type") == "array":
        name = f"list of {_type(resolved.get('items', {}), schemas)}"
    elif "anyOf" in resolved:
        name = " or ".join(_type(o, schemas) for o in resolved["anyOf"])
    else:
        fmt = resolved.get("format")
        name = fmt if fmt in ("date-time", "date", "uri", "email") else resolved.get("type") or "object"
    return f"{name} or null" if nullable else name


def _fields(schema: dict[str, Any], schemas: dict[str, Any], prefix: str = "", depth: int = 0) -> list[Field]:
    """The schema's properties, objects flattened one level at a time (at most three deep)."""
    resolved = _resolve(_nullable(schema)[0], schemas)
    if resolved.get("type") == "array" and prefix:
        resolved = _resolve(_nullable(resolved.get("items", {}))[0], schemas)
    required = set(resolved.get("required", ()))
    out: list[Field] = []
    for name, prop in resolved.get("properties", {}).items():
        inner = _resolve(_nullable(prop)[0], schemas)
        out.append(Field(prefix + name, _type(prop, schemas), name in required,
                         prop.get("description") or inner.get("description", "") if inner.get("properties") is None
                         else prop.get("description", "")))
        nested = inner if inner.get("properties") else _resolve(_nullable(inner.get("items", {}))[0], schemas)
        if nested.get("properties") and depth < 2:
            suffix = "[]." if inner.get("type") == "array" else "."
            out.extend(_fields(nested, schemas, f"{prefix}{name}{suffix}", depth + 1))
    return out
