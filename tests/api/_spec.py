"""Read an OpenAPI spec and the models a catalogue names, for the catalogue tests of every version."""

from __future__ import annotations

import typing
from typing import Any

from pydantic import BaseModel


def operations_of(spec: dict[str, Any]) -> dict[str, tuple[str, str, dict[str, Any]]]:
    """operationId -> (METHOD, path, the operation object)."""
    return {
        op["operationId"]: (method.upper(), path, op)
        for path, methods in spec["paths"].items()
        for method, op in methods.items()
    }


def models_of(annotation: Any) -> list[type[BaseModel]]:
    """The models in an annotation (a model, an Annotated one, or a union of them)."""
    if isinstance(annotation, type) and issubclass(annotation, BaseModel):
        return [annotation]
    if typing.get_origin(annotation) is typing.Annotated:
        return models_of(typing.get_args(annotation)[0])
    return [model for arm in typing.get_args(annotation) for model in models_of(arm)]


def fields(model: type[BaseModel]) -> tuple[set[str], set[str]]:
    """Return (names, required names) of a model."""
    names = {info.alias or name for name, info in model.model_fields.items()}
    required = {info.alias or name for name, info in model.model_fields.items() if info.is_required()}
    return names, required
