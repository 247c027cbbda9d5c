"""Bezetting: how many bedrooms a household needs under a policy.

Partners share a room; every other adult has one. Children share up to `kinderen_per_kamer`
to a room, of the same gender unless all are younger than `gemengd_tot_leeftijd`. Under
`ouder_deelt_met_kind` a single parent takes one young child into their room. Nareizigers of
a single adult are taken to be a partner plus children of unknown gender and age.
"""

from __future__ import annotations

from math import ceil

from .beleid import Beleid
from .huishoudens import Huishouden, Kind


def kinderkamers(kinderen: tuple[Kind, ...] | list[Kind], per_kamer: int, gemengd_tot: int) -> int:
    """Fewest rooms for these children.

    Older children (>= gemengd_tot) fill single-gender rooms; younger ones first fill the spare
    places in rooms of their own gender, the rest share mixed rooms. That is optimal: an extra
    single-gender room for young children holds no more than a mixed one would. Children of
    gender `x` (unknown) never share with older children.
    """
    if not kinderen:
        return 0
    oud: dict[str, int] = {}
    jong: dict[str, int] = {}
    for kind in kinderen:
        d = oud if kind.leeftijd >= gemengd_tot else jong
        d[kind.geslacht] = d.get(kind.geslacht, 0) + 1
    kamers = 0
    rest_jong = 0
    for g in oud.keys() | jong.keys():
        o, j = oud.get(g, 0), jong.get(g, 0)
        if g == "x":
            kamers += o  # unknown gender: an older child sleeps alone
            rest_jong += j
            continue
        k = ceil(o / per_kamer)
        kamers += k
        rest_jong += max(0, j - (k * per_kamer - o))
    return kamers + ceil(rest_jong / per_kamer)


def volwassenkamers(volwassenen: int, partners: bool) -> int:
    """Bedrooms for the adults: a couple shares one, every other adult sleeps alone."""
    return volwassenen - 1 if partners and volwassenen >= 2 else volwassenen


def slaapkamers_nodig(hh: Huishouden, beleid: Beleid, met_nareizigers: bool | None = None,
                      ruim: bool = False) -> int:
    """Bedrooms the household needs. `met_nareizigers` defaults to the policy's choice:
    only `vooruit` sizes for the family still to come.

    `ruim`: the need when children share only as `ruim_kinderen_per_kamer` same-gender
    children per room and no parent shares. The spare-bedroom limit is counted from the larger
    of the two, so allowing more sharing lets a family into smaller dwellings without ever
    making a dwelling that fitted before 'too big' (loosening a rule never removes a dwelling)."""
    if met_nareizigers is None:
        met_nareizigers = beleid.nareizigers == "vooruit"
    volw = hh.volwassenen
    partners = hh.heeft_partners
    onbekende_kinderen = 0
    if met_nareizigers and hh.nareizigers:
        if volw == 1:
            partners = True  # the first nareiziger of a single adult is taken to be the partner
            volw = 2
            onbekende_kinderen = hh.nareizigers - 1
        else:
            onbekende_kinderen = hh.nareizigers
    kamers_volw = volwassenkamers(volw, partners)
    kinderen = list(hh.kinderen)
    if ruim:
        per_kamer = beleid.ruim_kinderen_per_kamer
        return (kamers_volw + kinderkamers(kinderen, per_kamer, 0)
                + ceil(onbekende_kinderen / per_kamer))
    kamers = kinderkamers(kinderen, beleid.kinderen_per_kamer, beleid.gemengd_tot_leeftijd)
    if beleid.ouder_deelt_met_kind and volw == 1 and kinderen:
        # Try each child who may share the parent's room; keep the best.
        for i, kind in enumerate(kinderen):
            if kind.leeftijd < beleid.ouder_kind_tot_leeftijd:
                rest = kinderen[:i] + kinderen[i + 1:]
                kamers = min(kamers, kinderkamers(rest, beleid.kinderen_per_kamer,
                                                  beleid.gemengd_tot_leeftijd))
    kamers += ceil(onbekende_kinderen / beleid.nareiziger_kinderen_per_kamer)
    return kamers_volw + kamers


def deelt_ouder_met_kind(hh: Huishouden, beleid: Beleid) -> bool:
    """Whether the need computed above relies on a parent sharing with a child (a crowding KPI)."""
    if not (beleid.ouder_deelt_met_kind and hh.volwassenen == 1 and hh.kinderen):
        return False
    if beleid.nareizigers == "vooruit" and hh.nareizigers:
        return False
    zonder = kinderkamers(hh.kinderen, beleid.kinderen_per_kamer, beleid.gemengd_tot_leeftijd)
    return slaapkamers_nodig(hh, beleid) < 1 + zonder
