"""A click group that imports a command's module only when the command is used or listed
(click's documented LazyGroup pattern), with click's own help texts in Dutch."""

from __future__ import annotations

import importlib

import click

from matching.klik_nl import NlContext, in_het_nederlands


class LuieGroep(click.Group):
    """`luie_opdrachten` maps a command's name to "module:naam" of its click command."""

    context_class = NlContext

    def __init__(self, *args, luie_opdrachten: dict[str, str] | None = None, **kwargs):
        super().__init__(*args, **kwargs)
        self.luie_opdrachten = dict(luie_opdrachten or {})

    def list_commands(self, ctx: click.Context) -> list[str]:
        return sorted(set(super().list_commands(ctx)) | set(self.luie_opdrachten))

    def get_command(self, ctx: click.Context, naam: str) -> click.Command | None:
        if naam in self.luie_opdrachten and naam not in self.commands:
            module, _, attribuut = self.luie_opdrachten[naam].partition(":")
            opdracht = getattr(importlib.import_module(module), attribuut)
            if not isinstance(opdracht, click.Command):
                raise TypeError(f"{self.luie_opdrachten[naam]} is geen click-opdracht")
            self.add_command(opdracht, naam)
        opdracht = super().get_command(ctx, naam)
        return in_het_nederlands(opdracht) if opdracht is not None else None
