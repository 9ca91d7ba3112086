"""The API's own docs page at /api/docs: the OpenAPI description rendered as HTML (no CDN, no Swagger UI)."""

from __future__ import annotations

from typing import Any

from fastapi import APIRouter
from starlette.requests import Request
from starlette.responses import HTMLResponse

from newsevents.web.render import page

router = APIRouter(include_in_schema=False)


def schema_type(schema: dict[str, Any]) -> str:
    """A short type name for a parameter schema ("integer", "string or null")."""
    if "anyOf" in schema:
        return " or ".join(schema_type(s) for s in schema["anyOf"])
    return str(schema.get("type", "any"))


def constraints(schema: dict[str, Any]) -> str:
    """Limits of a parameter as text ("1 ≤ value ≤ 200")."""
    parts = [schema.get(k) for k in ("anyOf",)]
    schemas = schema.get("anyOf", [schema]) if parts[0] else [schema]
    out = []
    for s in schemas:
        lo, hi = s.get("minimum"), s.get("maximum")
        if lo is not None and hi is not None:
            out.append(f"{lo} ≤ value ≤ {hi}")
        elif lo is not None:
            out.append(f"≥ {lo}")
        elif hi is not None:
            out.append(f"≤ {hi}")
        if "enum" in s:
            out.append("one of " + ", ".join(map(str, s["enum"])))
    return "; ".join(out)


def operations(spec: dict[str, Any]) -> list[dict[str, Any]]:
    """Every operation of the OpenAPI description, flattened for the template."""
    ops = []
    for path, methods in spec.get("paths", {}).items():
        for method, op in methods.items():
            params = []
            for p in op.get("parameters", []):
                schema = p.get("schema", {})
                params.append({
                    "name": p["name"], "where": p["in"], "required": p.get("required", False), "type": schema_type(schema),
                    "default": schema.get("default"), "limits": constraints(schema), "description": p.get("description", ""),
                })
            responses = [{"status": code, "description": r.get("description", "")} for code, r in op.get("responses", {}).items() if code != "422"]
            ops.append({
                "path": path, "method": method.upper(), "summary": op.get("summary", ""), "description": op.get("description", ""),
                "params": params, "responses": responses, "anchor": "op-" + path.strip("/").replace("/", "-").replace("{", "").replace("}", ""),
            })
    return ops


@router.get("/api/docs", response_class=HTMLResponse)
def api_docs(request: Request) -> HTMLResponse:
    """The routes, their parameters and a form to try each one."""
    spec = request.app.openapi()
    return page(request, "api_docs.html", {"title": "API", "spec": spec, "ops": operations(spec)})
