"""Woningdelen: rounds in which one-person households may share a dwelling (the policy's
`woningdelen`, up to `max_delers` per dwelling). No longer a 1:1 matching, so CP-SAT solves
them (`oplossers.los_op` sends them here), with the same arcs and weights as every round."""

from __future__ import annotations

import numpy as np

from .beleid import Beleid
from .doel import Bogen, bogen
from .regels import Ronde, bezwaren


def deel_bogen(r: Ronde, beleid: Beleid, ok: np.ndarray) -> np.ndarray:
    """Pairs allowed only when the dwelling is shared: one-person households in a dwelling of
    2+ bedrooms that every rule except the spare-bedroom rule allows."""
    alle = bezwaren(r, beleid)
    vorm = ok.shape
    zonder = np.ones(vorm, bool)
    for code, weigert in alle.items():
        if code != "te_veel_slaapkamers":
            zonder &= ~np.broadcast_to(weigert, vorm)
    return zonder & ~ok & (r.hh.alleen & (r.hh.nodig == 1))[:, None] & (r.w.slaapkamers >= 2)[None, :]


def via_cpsat(r: Ronde, beleid: Beleid, ok: np.ndarray, b: Bogen, seed: int,
              tijdslimiet: float | None = None) -> tuple[np.ndarray, int, str, Bogen]:
    from ortools.sat.python import cp_model

    n_hh = len(r.hh)
    if beleid.woningdelen:
        extra = deel_bogen(r, beleid, ok)
        # Up to max_delers households per dwelling: the weights must cover that many placements.
        plaatsen = int(np.maximum(np.minimum(beleid.max_delers, r.w.slaapkamers), 1).sum())
        b = bogen(r, ok | extra, beleid, min(n_hh, plaatsen))
        alleen_delen = extra[b.hh, b.w]
    else:
        alleen_delen = np.zeros(len(b), bool)
    model = cp_model.CpModel()
    x = [model.new_bool_var(f"x{i}") for i in range(len(b))]
    per_hh: dict[int, list[int]] = {}
    per_w: dict[int, list[int]] = {}
    for i, (h, w) in enumerate(zip(b.hh.tolist(), b.w.tolist())):
        per_hh.setdefault(h, []).append(i)
        per_w.setdefault(w, []).append(i)
    for bogen_h in per_hh.values():
        model.add_at_most_one(x[i] for i in bogen_h)
    alleen = r.hh.alleen & (r.hh.nodig == 1)
    for w, bogen_w in per_w.items():
        cap = min(beleid.max_delers, int(r.w.slaapkamers[w])) if beleid.woningdelen else 1
        cap = max(cap, 1)
        som = sum(x[i] for i in bogen_w)
        model.add(som <= cap)
        if cap > 1:
            for i in bogen_w:
                if not alleen[b.hh[i]]:
                    # A family (or a person who is not sharing) has the dwelling to itself.
                    model.add(som + (cap - 1) * x[i] <= cap)
                if alleen_delen[i]:
                    model.add(som >= 2).only_enforce_if(x[i])
    model.maximize(sum(int(v) * x[i] for i, v in enumerate(b.waarde.tolist())))
    solver = cp_model.CpSolver()
    solver.parameters.num_workers = 1
    solver.parameters.random_seed = seed
    if tijdslimiet:
        solver.parameters.max_time_in_seconds = tijdslimiet
    status = solver.solve(model)
    if status not in (cp_model.OPTIMAL, cp_model.FEASIBLE):
        raise RuntimeError(f"CP-SAT gaf status {solver.status_name(status)}")
    gekozen = np.array([i for i in range(len(b)) if solver.boolean_value(x[i])], np.int64)
    plaats = np.full(n_hh, -1, np.int64)
    waarde = 0
    for i in gekozen.tolist():
        plaats[b.hh[i]] = b.w[i]
        waarde += int(b.waarde[i])
    return plaats, waarde, solver.status_name(status), b
