"""The compiled kernels (`matching.snelkern`, extra `snel`) and the numpy code they replace give
the same admissible pairs and the same arcs, terms, weights and bounds, on random rounds of
every shape and policy, with and without promises, accessibility needs, dwellings for large
families and households without a kern preference. Both sides are also checked against
independent oracles elsewhere (tests/test_oplossers.py: `bezwaren`, `doel_oud`); this file
makes sure the numpy path stays tested where numba is installed, and the kernels where it is."""

import dataclasses

import numpy as np
import pytest

from matching import snelkern
from matching.doel import bogen
from matching.kenmerktabel import HuishoudenTabel, WoningTabel, toelaatbaar_in_tabellen
from matching.regels import toelaatbaar
from referentie import BELEIDEN
from test_oplossers import _willekeurige_ronde

pytest.importorskip("numba")


def _met_en_zonder(functie, monkeypatch):
    snel = functie()
    monkeypatch.setattr(snelkern, "_GELADEN", {})
    assert snelkern.kernen() is None
    langzaam = functie()
    monkeypatch.setattr(snelkern, "_GELADEN", None)
    assert snelkern.kernen() is not None
    return snel, langzaam


@pytest.mark.parametrize("seed", range(40))
def test_zelfde_toelaatbare_paren_en_bogen(seed, monkeypatch):
    rng = np.random.default_rng(seed)
    namen = sorted(BELEIDEN)
    for k in range(25):
        beleid = BELEIDEN[namen[k % len(namen)]].met(studio_voor_alleenstaande=bool(k % 2))
        n_hh, n_w = int(rng.integers(1, 30)), int(rng.integers(1, 30))
        r = _willekeurige_ronde(rng, n_hh, n_w, bool(rng.integers(2)), bool(rng.integers(2)))
        if k % 3 == 0:  # the last households hold a promise
            belofte = np.arange(n_hh) >= n_hh - int(rng.integers(1, n_hh + 1))
            r = dataclasses.replace(r, hh=dataclasses.replace(r.hh, toegezegd=belofte))
        ok, ok_np = _met_en_zonder(lambda: toelaatbaar(r, beleid), monkeypatch)
        assert ok.dtype == ok_np.dtype == bool and ok.shape == ok_np.shape and (ok == ok_np).all()
        b, b_np = _met_en_zonder(lambda: bogen(r, ok, beleid), monkeypatch)
        assert (b.hh == b_np.hh).all() and (b.w == b_np.w).all() and (b.cel == b_np.cel).all()
        assert b.waarde.dtype == np.int64 and (b.waarde == b_np.waarde).all()
        assert (b.exact, b.grens) == (b_np.exact, b_np.grens)
        assert b.termen.keys() == b_np.termen.keys()
        assert all((b.termen[n] == b_np.termen[n]).all() for n in b.termen)


def test_uitzetten_met_de_omgeving(monkeypatch):
    monkeypatch.setattr(snelkern, "_GELADEN", None)
    monkeypatch.setenv("HUISVESTING_SNELKERN", "0")
    assert snelkern.kernen() is None
    monkeypatch.setattr(snelkern, "_GELADEN", None)
    monkeypatch.setenv("HUISVESTING_SNELKERN", "1")
    assert snelkern.kernen() is not None


@pytest.mark.parametrize("seed", range(10))
def test_grenzen_kern_grootste_en_som_van_de_besten(seed):
    """The kernel's per-level largest term and per-household best term, against numpy on the
    terms themselves (the largest term only decides when a round's order nears 64 bits, which
    no round of this size does, so it is checked here directly)."""
    from matching.doel import _termen
    rng = np.random.default_rng(seed)
    r = _willekeurige_ronde(rng, int(rng.integers(2, 40)), int(rng.integers(2, 40)), True, False)
    ok = rng.random((len(r.hh), len(r.w))) < 0.4
    belofte = rng.random(len(r.hh)) < 0.3
    cel = np.flatnonzero(ok)
    hi, wi = np.divmod(cel, ok.shape[1])
    t = np.vstack([_termen(r, hi, wi), belofte[hi].astype(np.int64)])
    k_cel, k_hi, k_wi = (np.empty(len(cel), np.int64) for _ in range(3))
    max_plaatsingen = int(rng.integers(1, 40))
    som, hoogste, _, _ = snelkern.kernen()["grenzen"](
        ok, r.peildag, r.hh.personen, r.hh.koppeldag, r.hh.nodig, r.hh.voorkeur_code,
        r.w.beschikbaar, r.w.slaapkamers, r.w.kern_code, belofte, True, 6, max_plaatsingen, k_cel, k_hi, k_wi)
    assert (k_cel == cel).all() and (k_hi == hi).all() and (k_wi == wi).all()
    assert (hoogste == t.max(axis=1)).all()
    # each household's best term per level, then the largest max_plaatsingen of them summed
    beste = {}
    for x, h in enumerate(hi.tolist()):
        beste[h] = np.maximum(beste.get(h, t[:, x]), t[:, x])
    per_huishouden = np.array(list(beste.values())).T
    verwacht = [sum(sorted(rij)[-max_plaatsingen:]) for rij in per_huishouden.tolist()]
    assert som.tolist() == verwacht


def test_blokkadecodes_zoals_de_kern_ze_kent():
    """The kernel compares a household's blokkade with the codes as numbers (numba cannot
    import them from regels, which imports the kernel)."""
    from matching.regels import GEEN_BLOKKADE, NIET_IN_NL, WACHT_NAREIZIGERS
    assert (GEEN_BLOKKADE, NIET_IN_NL, WACHT_NAREIZIGERS) == (0, 1, 2)


@pytest.mark.parametrize("seed", range(8))
def test_toewijzing_kiest_als_scipy_ook_bij_gelijke_kosten(seed):
    """The compiled assignment takes the same optimum as scipy's linear_sum_assignment, the
    same one among equal optima too (few distinct costs: many ties), in both orientations."""
    from scipy.optimize import linear_sum_assignment
    toewijzing = snelkern.kernen()["toewijzing"]
    rng = np.random.default_rng(seed)
    for k in range(1500):
        nr, nc = int(rng.integers(1, 16)), int(rng.integers(1, 16))
        if k % 3 == 0:
            c = -rng.integers(0, 3, (nr, nc)).astype(np.float64)
        elif k % 3 == 1:
            c = np.zeros((nr, nc))
            m = rng.random((nr, nc)) < 0.35
            c[m] = -rng.integers(1, 4, int(m.sum()))
        else:
            c = -rng.integers(0, 2 ** int(rng.integers(1, 51)), (nr, nc)).astype(np.float64)
            c[rng.random((nr, nc)) < 0.5] = 0
        rij, kol = linear_sum_assignment(c)
        verwacht = np.full(nr, -1)
        verwacht[rij] = kol
        assert toewijzing(c).tolist() == verwacht.tolist(), c


@pytest.mark.parametrize("seed", range(30))
def test_kleine_ronde_in_een_stap_zoals_stap_voor_stap(seed, monkeypatch):
    """`los_op` with auto on a small round (one compiled step, `snelkern.klein`) gives what
    the steps it replaces give (bogen, kies_oplosser, _op_bogen): the same placements, value
    and solver, on random rounds of every policy, with promises and single rows or columns;
    and the arcs an explanation asks for afterwards are the same."""
    from matching import oplossers
    rng = np.random.default_rng(seed)
    namen = sorted(BELEIDEN)
    gezien = set()
    for k in range(30):
        beleid = BELEIDEN[namen[k % len(namen)]]
        n_hh = 1 if k % 7 == 0 else int(rng.integers(1, 25))
        n_w = 1 if k % 11 == 0 else int(rng.integers(1, 25))
        r = _willekeurige_ronde(rng, n_hh, n_w, bool(rng.integers(2)), bool(rng.integers(2)))
        if k % 3 == 0:
            belofte = np.arange(n_hh) >= n_hh - int(rng.integers(1, n_hh + 1))
            r = dataclasses.replace(r, hh=dataclasses.replace(r.hh, toegezegd=belofte))
        ok = toelaatbaar(r, beleid)
        if k % 4 == 0:  # denser than the rules leave it
            ok = ok | (rng.random(ok.shape) < 0.5)
        snel = oplossers.los_op(r, beleid, ok=ok)
        with monkeypatch.context() as m:
            m.setattr(oplossers, "_klein", lambda *a: None)
            stap = oplossers.los_op(r, beleid, ok=ok)
        assert snel.plaats.tolist() == stap.plaats.tolist()
        assert (snel.doelwaarde, snel.oplosser, snel.status) == (stap.doelwaarde, stap.oplosser, stap.status)
        assert (snel.bogen.waarde == stap.bogen.waarde).all() and snel.bogen.grens == stap.bogen.grens
        gezien.add(str(snel.oplosser))
    assert gezien >= {"scipy", "enkel"}


def test_kleine_ronde_laat_andere_paden_aan_de_stappen():
    """Where the one step does not apply it says so (None) and los_op takes the steps: weights
    that are not lexicographic, and an objective past 2**52 (then not scipy)."""
    from matching import oplossers
    from matching.beleid import Doel
    rng = np.random.default_rng(3)
    r = _willekeurige_ronde(rng, 12, 12, False, False)
    beleid = BELEIDEN["flexibel"]
    ok = np.ones((12, 12), bool)
    assert oplossers._klein(r, beleid, ok) is not None
    niet_lex = beleid.met(doel=Doel(lexicografisch=False))
    assert oplossers._klein(r, niet_lex, ok) is None
    groot = dataclasses.replace(r, hh=dataclasses.replace(r.hh, koppeldag=r.hh.koppeldag - 10 ** 9))
    assert oplossers._klein(groot, beleid, ok) is None
    assert oplossers.los_op(groot, beleid, ok=ok).oplosser != "scipy"
    # Around 2**52: the one step exactly where the objective's bound stays below it.
    kanten = set()
    for wacht in range(0, 120, 3):
        x = dataclasses.replace(r, hh=dataclasses.replace(r.hh, koppeldag=r.hh.koppeldag - int(1.35 ** wacht)))
        b = bogen(x, ok, beleid)
        kanten.add(b.grens < 2 ** 52)
        assert (oplossers._klein(x, beleid, ok) is not None) == (b.grens < 2 ** 52 and b.exact == ("personen", "wachttijd", "beschikbaarheid", "passing", "voorkeur")), wacht
    assert kanten == {True, False}


def test_kernen_zonder_closure_dus_de_schijfcache_werkt():
    """numba keys its disk cache on a kernel's code and its closure; a closure over other
    kernels hashes differently in every process, so such a kernel would be compiled again in
    every process (1.5 s each, seen with `klein`). None may have one."""
    for naam, kern in snelkern.kernen().items():
        assert kern.py_func.__closure__ is None, naam


def _in_tabellen(rng, r):
    """The round's households and dwellings as rows of row tables, mixed in a random order among
    the rows of another round: the tables and the round's row numbers."""
    ander = _willekeurige_ronde(rng, len(r.hh), len(r.w), True, True)

    def veld(k, naam):
        waarde = getattr(k, naam)
        if waarde is None:  # as a round built from a table has them
            waarde = k.personen_huur if naam == "gezin" else np.zeros(len(k), np.int64)
        return waarde

    def vul(tabel, eigen, vreemd):
        plek = rng.permutation(len(eigen) + len(vreemd))
        for _ in plek:
            tabel._nieuwe_rij()
        for naam, kolom in tabel._kol.items():
            kolom[plek[:len(eigen)]] = veld(eigen, naam)
            kolom[plek[len(eigen):]] = veld(vreemd, naam)
        return tabel, plek[:len(eigen)].tolist()

    return vul(HuishoudenTabel(), r.hh, ander.hh), vul(WoningTabel(), r.w, ander.w)


@pytest.mark.parametrize("seed", range(20))
def test_toelaatbaar_op_rijnummers(seed, monkeypatch):
    """The kernel that reads the rules' fields from row tables by row number gives what the
    numpy rules give on the round's own arrays, with the round's rows anywhere among others."""
    rng = np.random.default_rng(1000 + seed)
    namen = sorted(BELEIDEN)
    paren = 0
    for k in range(25):
        beleid = BELEIDEN[namen[k % len(namen)]].met(studio_voor_alleenstaande=bool(k % 2))
        if k % 4 == 3:  # reservations ahead, of some kinds only: the soort rule decides
            beleid = beleid.met(soorten=("vrij", "nieuwbouw"), vooruit_maanden=12)
        r = _willekeurige_ronde(rng, int(rng.integers(1, 20)), int(rng.integers(1, 20)), bool(k % 3), bool(k % 4))
        # (most households free to move: more admissible pairs to get wrong)
        vrij = np.where(rng.random(len(r.hh)) < 0.8, 0, r.hh.blokkade)
        r = dataclasses.replace(r, hh=dataclasses.replace(r.hh, blokkade=vrij))
        (ht, hi), (wt, wi) = _in_tabellen(rng, r)
        _, zonder = _met_en_zonder(lambda: toelaatbaar(r, beleid), monkeypatch)
        rijen = toelaatbaar_in_tabellen(ht, hi, wt, wi, r.peildag, beleid)
        assert rijen.shape == zonder.shape and (rijen == zonder).all()
        paren += int(np.count_nonzero(zonder))
    assert paren >= 25  # not vacuous


@pytest.mark.parametrize("seed", range(20))
def test_klein_op_rijnummers(seed):
    """The one compiled step reading the row tables by row number gives what los_op gives on the
    round's own arrays (the same placements among ties), with and without promises; and its
    optimum is the min-cost flow's, an independent solver."""
    from matching.oplossers import klein_op_rijen, los_op
    rng = np.random.default_rng(2000 + seed)
    namen = sorted(BELEIDEN)
    gedaan = 0
    for k in range(25):
        beleid = BELEIDEN[namen[k % len(namen)]]
        n_hh, n_w = int(rng.integers(1, 20)), int(rng.integers(1, 20))
        r = _willekeurige_ronde(rng, n_hh, n_w, bool(k % 3), bool(k % 4))
        vrij = np.where(rng.random(n_hh) < 0.8, 0, r.hh.blokkade)
        toegezegd = int(rng.integers(1, n_hh + 1)) if k % 3 == 0 else 0
        belofte = (np.arange(n_hh) >= n_hh - toegezegd) if toegezegd else None
        r = dataclasses.replace(r, hh=dataclasses.replace(r.hh, blokkade=vrij, toegezegd=belofte))
        (ht, hi), (wt, wi) = _in_tabellen(rng, r)
        ok = toelaatbaar(r, beleid)
        opl = klein_op_rijen(ht.kolommen, hi, toegezegd, wt.kolommen, wi, r.peildag, beleid, ok, "auto", lambda: r)
        ref = los_op(r, beleid, ok=ok)
        assert opl is not None
        assert opl.plaats.tolist() == ref.plaats.tolist() and opl.doelwaarde == ref.doelwaarde
        assert opl.oplosser == ref.oplosser
        assert opl.doelwaarde == los_op(r, beleid, "stroom", ok=ok).doelwaarde
        assert (opl.bogen.waarde == ref.bogen.waarde).all()  # the arcs, for an explanation, from the round
        gedaan += int(np.count_nonzero(opl.plaats >= 0))
    assert gedaan > 20  # not vacuous: placements to get wrong


def test_klein_op_rijnummers_laat_andere_paden_aan_los_op(monkeypatch):
    """Where los_op would not take the one step, neither does the version on row numbers: it
    says so (None) and the caller makes the round for los_op."""
    from matching.beleid import Doel
    from matching.oplossers import DICHT_CELLEN, klein_op_rijen
    rng = np.random.default_rng(5)
    r = _willekeurige_ronde(rng, 12, 12, False, False)
    (ht, hi), (wt, wi) = _in_tabellen(rng, r)
    beleid, ok = BELEIDEN["flexibel"], np.ones((12, 12), bool)

    def stap(b=beleid, oplosser="auto", ok=ok):
        return klein_op_rijen(ht.kolommen, hi, 0, wt.kolommen, wi, r.peildag, b, ok, oplosser, lambda: r)

    assert stap() is not None
    assert stap(b=beleid.met(doel=Doel(lexicografisch=False))) is None
    assert stap(b=beleid.met(woningdelen=True)) is None
    assert stap(oplosser="scipy") is None and stap(oplosser="stroom") is None
    n = int(np.sqrt(DICHT_CELLEN)) + 1  # a round too large for the small path
    assert stap(ok=np.zeros((n, n), bool)) is None
    groot = dataclasses.replace(r, hh=dataclasses.replace(r.hh, koppeldag=r.hh.koppeldag - 10 ** 9))
    (ht, hi), (wt, wi) = _in_tabellen(rng, groot)  # an objective past 2**52
    assert stap() is None
    monkeypatch.setattr(snelkern, "_GELADEN", {})
    (ht, hi), (wt, wi) = _in_tabellen(rng, r)
    assert stap() is None  # without the kernels


def test_ronde_in_een_stap(monkeypatch):
    """A simulated round's one compiled step (`ronde_op_rijen`) against the steps it stands for,
    each on the round's own arrays: the numpy rules' pairs; a holder whose own reservation no
    longer fits left to the caller; a futile round (no waiting household with a pair, no holder
    with one in the pool) said to be futile; any other solved as `los_op` solves it, with the
    holders' promise (same placements, optimum and solver), or left to the caller where the
    small path does not apply. Without the kernels: only the pairs."""
    from matching.dagen import horizon_dag
    from matching.oplossers import DICHT_CELLEN, Rondeuitkomst, los_op, ronde_op_rijen
    from matching.wisseling import volgende_wisseling, wisseling_uit
    rng = np.random.default_rng(3000)
    namen = sorted(BELEIDEN)
    gezien, wissels = set(), set()
    for k in range(120):
        beleid = BELEIDEN[namen[k % len(namen)]]
        n_hh, n_w = int(rng.integers(1, 14)), int(rng.integers(1, 14))
        n_h = int(rng.integers(0, min(n_hh, n_w, 1 + k % 3) + 1)) if k % 2 else 0
        n_k, n_a = n_hh - n_h, n_w - n_h
        r = _willekeurige_ronde(rng, n_hh, n_w, bool(k % 3), bool(k % 4))
        geplant = k % 6 - 1  # a dwelling free on the peildag, the horizon's last day, or the day after either
        if 0 <= geplant < 4:
            dagen = r.w.beschikbaar.copy()
            dagen[0] = (r.peildag, horizon_dag(r.peildag, beleid.vooruit_maanden))[geplant % 2] + geplant // 2
            r = dataclasses.replace(r, w=dataclasses.replace(r.w, beschikbaar=dagen))
        # Mostly free to move, sometimes nobody is (futile rounds), holders never blocked.
        kans = 0.85 if k % 5 else 0.0
        vrij = np.where((rng.random(n_hh) < kans) | (np.arange(n_hh) >= n_k), 0, np.maximum(r.hh.blokkade, 1))
        belofte = (np.arange(n_hh) >= n_k) if n_h else None
        r = dataclasses.replace(r, hh=dataclasses.replace(r.hh, blokkade=vrij, toegezegd=belofte))
        if k % 4 != 3:
            # Mostly as in a simulated round: each holder's own reservation a dwelling that fits it.
            ok0, eigen = toelaatbaar(r, beleid), []
            for i in range(n_k, n_hh):
                vrije = [j for j in np.flatnonzero(ok0[i]).tolist() if j not in eigen]
                eigen.append(vrije[0] if vrije else next(j for j in range(n_w) if j not in eigen))
            rest = [j for j in range(n_w) if j not in eigen]
            r = dataclasses.replace(r, w=r.w.deel(np.array(rest + eigen, np.int64)))
        (ht, hi), (wt, wi) = _in_tabellen(rng, r)
        ok_ref = toelaatbaar(r, beleid)
        oplosser = "scipy" if k % 7 == 6 else "auto"  # the small path is auto's only
        stap = ronde_op_rijen(ht, hi, wt, wi, r.peildag, beleid, n_k, n_a, oplosser, True, lambda: r)
        assert stap.ok.shape == ok_ref.shape and (stap.ok == ok_ref).all()
        eigen_past = all(ok_ref[n_k + i, n_a + i] for i in range(n_h))
        vergeefs = not ok_ref[:n_k].any() and not ok_ref[n_k:, :n_a].any()
        if not eigen_past:
            assert stap.uitkomst is Rondeuitkomst.VERDER and stap.opl is None
        elif vergeefs:
            assert stap.uitkomst is Rondeuitkomst.VERGEEFS and stap.opl is None
            # What the skip needs of the dwellings, read in the same step: the first day one comes
            # free after the peildag and after its horizon, so the same day as from the list.
            dagen = r.w.beschikbaar.tolist()
            grens = horizon_dag(r.peildag, beleid.vooruit_maanden)
            assert stap.wissel == (min([d for d in dagen if d > r.peildag], default=None),
                                   min([d for d in dagen if d > grens], default=None))
            assert wisseling_uit(r.peildag, *stap.wissel, beleid) == volgende_wisseling(r, beleid)
            wissels.update(("later", "buiten")[i] for i in (0, 1) if stap.wissel[i] is not None)
            wissels.add(f"geplant {geplant}" if 0 <= geplant < 4 else "")
        else:
            ref = los_op(r, beleid, ok=ok_ref)
            if oplosser == "auto" and n_hh * n_w < DICHT_CELLEN and beleid.doel.lexicografisch \
                    and not beleid.zijvoorwaarden and ref.oplosser in ("leeg", "enkel", "scipy"):
                assert stap.uitkomst is Rondeuitkomst.OPGELOST
                assert stap.opl.plaats.tolist() == ref.plaats.tolist() and stap.opl.doelwaarde == ref.doelwaarde
                assert stap.opl.oplosser == ref.oplosser
                assert (stap.opl.bogen.waarde == ref.bogen.waarde).all()
            else:
                assert stap.uitkomst is Rondeuitkomst.VERDER and stap.opl is None
        if stap.uitkomst is not Rondeuitkomst.VERGEEFS:
            assert stap.wissel is None
        zonder = ronde_op_rijen(ht, hi, wt, wi, r.peildag, beleid, n_k, n_a, oplosser, False, lambda: r)
        assert zonder.uitkomst is (stap.uitkomst if stap.uitkomst is not Rondeuitkomst.OPGELOST
                                   else Rondeuitkomst.VERDER)
        monkeypatch.setattr(snelkern, "_GELADEN", {})
        kaal = ronde_op_rijen(ht, hi, wt, wi, r.peildag, beleid, n_k, n_a, oplosser, True, lambda: r)
        monkeypatch.setattr(snelkern, "_GELADEN", None)
        assert kaal.uitkomst is Rondeuitkomst.VERDER and (kaal.ok == ok_ref).all()
        gezien.add((stap.uitkomst, eigen_past, n_h > 0))
    # Not vacuous: every outcome, with and without holders.
    assert {u for u, _, _ in gezien} == set(Rondeuitkomst)
    assert (Rondeuitkomst.VERDER, False, True) in gezien and (Rondeuitkomst.OPGELOST, True, True) in gezien
    assert wissels >= {"later", "buiten", "geplant 0", "geplant 1", "geplant 2", "geplant 3"}


def test_ronde_in_een_stap_laat_andere_paden_aan_de_ronde(monkeypatch):
    """Where `klein_op_rijen` would not take the one step, the round's step does not solve
    either (VERDER, with the pairs): weights that are not lexicographic, woningdelen, a solver
    asked for by name, a round too large for the small path, an objective past 2**52, the
    caller's look-ahead; and it refuses a round whose holders and own dwellings do not add up."""
    from matching.beleid import Doel
    from matching.oplossers import DICHT_CELLEN, Rondeuitkomst, klein_op_rijen, ronde_op_rijen
    rng = np.random.default_rng(7)

    def ronde_vrij(n_hh, n_w, **veranderd):
        r = _willekeurige_ronde(rng, n_hh, n_w, False, False)
        return dataclasses.replace(r, hh=dataclasses.replace(r.hh, blokkade=np.zeros(n_hh, np.int64), **veranderd))

    def stap(r, b, oplosser="auto", oplossen=True):
        (ht, hi), (wt, wi) = _in_tabellen(rng, r)
        uit = ronde_op_rijen(ht, hi, wt, wi, r.peildag, b, len(hi), len(wi), oplosser, oplossen, lambda: r)
        assert (uit.ok == toelaatbaar(r, b)).all() and uit.ok.any()
        klein = klein_op_rijen(ht.kolommen, hi, 0, wt.kolommen, wi, r.peildag, b, uit.ok, oplosser, lambda: r)
        # (the same answer as the step it stands for, where that step is taken)
        assert (uit.uitkomst is Rondeuitkomst.OPGELOST) == (oplossen and klein is not None)
        return uit.uitkomst

    beleid = BELEIDEN["flexibel"]
    r = ronde_vrij(12, 12)
    assert stap(r, beleid) is Rondeuitkomst.OPGELOST
    assert stap(r, beleid, oplossen=False) is Rondeuitkomst.VERDER  # look-ahead: the round solves
    assert stap(r, beleid.met(doel=Doel(lexicografisch=False))) is Rondeuitkomst.VERDER
    assert stap(r, beleid.met(woningdelen=True)) is Rondeuitkomst.VERDER
    assert stap(r, beleid, oplosser="scipy") is Rondeuitkomst.VERDER
    assert stap(r, beleid, oplosser="stroom") is Rondeuitkomst.VERDER
    # An objective past 2**52 (but with each arc's value well within 64 bits): longer waits.
    for wacht in (10 ** k for k in range(4, 16)):
        groot = dataclasses.replace(r, hh=dataclasses.replace(r.hh, koppeldag=r.hh.koppeldag - wacht))
        if 2 ** 53 <= bogen(groot, toelaatbaar(groot, beleid), beleid).grens < 2 ** 57:
            break
    else:
        raise AssertionError("geen ronde met een doel tussen 2**53 en 2**57")
    assert stap(groot, beleid) is Rondeuitkomst.VERDER
    n = int(np.sqrt(DICHT_CELLEN)) + 1
    assert stap(ronde_vrij(n, n), beleid) is Rondeuitkomst.VERDER
    (ht, hi), (wt, wi) = _in_tabellen(rng, r)
    for n_k, n_a in ((10, 11), (12, 11), (13, 12), (-1, -1)):
        with pytest.raises(ValueError):
            ronde_op_rijen(ht, hi, wt, wi, r.peildag, beleid, n_k, n_a, "auto", True, lambda: r)
