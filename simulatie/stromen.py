"""Common random numbers: one generator per (replication, stochastic source).

Keyed by name, not by draw order, so two policies see the same vacancies, koppelingen,
compositions, nareizigers, refusals and stays, whatever each does with them.

A world draws from 13 streams, a few numbers each, so seeding and numpy's per-call overhead cost
more than the numbers. Hence numpy's own steps redone where that is cheaper, each giving the
same numbers from the same stream (tests/test_simulatie_aanbod.py and test_simulatie_vraag.py
hold them against numpy itself, so a numpy that changed its algorithms would fail them):
`SeedSequence`'s hashing, the seed's part once per seed and the replication's and stream's part
for 64 replications at once, vectorised; and `Trekker`, which takes a stream's raw 64-bit words
in blocks and makes numpy's `random()`, `integers()`, `uniform()` and `choice(p=)` draws from
them without a numpy call each."""

from __future__ import annotations

import sys
from bisect import bisect_right
from functools import lru_cache

import numpy as np
from numpy.random import PCG64, Generator
from numpy.random.bit_generator import ISeedSequence

STROMEN = ("vacatures", "koppelingen", "samenstelling", "nareizigers", "weigeringen", "verblijf",
           "opleveringen", "renovaties", "nidos", "buitenland", "startlijst",
           "vervanging", "doorstroom", "kamers", "vooruitkijken")
_INDEX = {naam: i for i, naam in enumerate(STROMEN)}

# numpy/random/bit_generator.pyx (SeedSequence): hashmix, mix and generate_state's constants.
_M32 = 0xFFFFFFFF
_INIT_A, _MULT_A, _INIT_B, _MULT_B = 0x43B0D7E5, 0x931E8875, 0x8B51F9DD, 0x58F38DED
_MIX_L, _MIX_R = 0xCA01F9DD, 0x4973F715


def _woorden(n: int) -> list[int]:
    """An entropy int as uint32 words, lowest first (`_int_to_uint32_array`)."""
    if n == 0:
        return [0]
    uit = []
    while n > 0:
        uit.append(n & _M32)
        n >>= 32
    return uit


def _hashmix(v: int, h: int) -> tuple[int, int]:
    v ^= h
    h = (h * _MULT_A) & _M32
    v = (v * h) & _M32
    return v ^ (v >> 16), h


def _meng(pool: tuple[int, ...], h: int, woord: int) -> tuple[tuple[int, ...], int]:
    """One entropy word beyond the pool's size mixed into every pool word (`mix_entropy`)."""
    uit = []
    for x in pool:
        v, h = _hashmix(woord, h)
        r = (_MIX_L * x - _MIX_R * v) & _M32
        uit.append(r ^ (r >> 16))
    return tuple(uit), h


@lru_cache(maxsize=16)
def _na_seed(seed: int) -> tuple[tuple[int, ...], int]:
    """The pool and hash constant once the seed is mixed in: the same for every stream of a run.
    The seed is padded to the pool size because a spawn key follows (numpy >= 1.19)."""
    run = _woorden(seed)
    run += [0] * (4 - len(run))
    h = _INIT_A
    pool = []
    for w in run[:4]:
        v, h = _hashmix(w, h)
        pool.append(v)
    for s in range(4):
        for d in range(4):
            if s != d:
                v, h = _hashmix(pool[s], h)
                r = (_MIX_L * pool[d] - _MIX_R * v) & _M32
                pool[d] = r ^ (r >> 16)
    pool, h = tuple(pool), h
    for w in run[4:]:
        pool, h = _meng(pool, h, w)
    return pool, h


_laatste: list = [None]  # (seed, replicatie, pool, hash constant, seed words per stream): per world
_BLOK_REPS = 64
_blokken: dict = {}  # (seed, block) -> pools, hash constant, seed words of 64 replications


def _na_replicatie(seed: int, replicatie: int) -> tuple:
    """Pool and hash constant after the seed and the replication, and every stream's PCG64 seed
    words (row `_INDEX[naam]`): a world's streams share this. Worked out for 64 consecutive
    replications at once (a worker draws a run of them), for those that take one word."""
    l = _laatste[0]
    if l is not None and l[0] == seed and l[1] == replicatie:
        return l
    b, i = divmod(replicatie, _BLOK_REPS)
    if (b + 1) * _BLOK_REPS <= 2**32:
        blok = _blokken.get((seed, b))
        if blok is None:
            if len(_blokken) >= 8:
                _blokken.clear()
            blok = _blokken[seed, b] = _blok(seed, b)
        pools, h, zaden = blok
        l = (seed, replicatie, tuple(pools[i].tolist()), h, zaden[i])
    else:
        pool, h = _na_seed(seed)
        for w in _woorden(replicatie):
            pool, h = _meng(pool, h, w)
        l = (seed, replicatie, pool, h, _zaden(np.array([pool], np.uint64), h)[0])
    _laatste[0] = l
    return l


def _blok(seed: int, b: int) -> tuple[np.ndarray, int, np.ndarray]:
    """`_meng` of one replication word into the seed's pool, vectorised over 64 replications,
    then their streams' seed words."""
    pool, h = _na_seed(seed)
    hs = [h]
    for _ in range(4):
        hs.append((hs[-1] * _MULT_A) & _M32)
    reps = np.arange(b * _BLOK_REPS, (b + 1) * _BLOK_REPS, dtype=np.uint64)[:, None]
    v = ((reps ^ np.array(hs[:4], np.uint64)) * np.array(hs[1:], np.uint64)) & _M32_U
    v ^= v >> _16_U
    pools = np.array([((_MIX_L * p) & _M32) + _M32 + 1 for p in pool], np.uint64) - ((v * _MIX_R_U) & _M32_U)
    pools &= _M32_U
    pools ^= pools >> _16_U
    return pools, hs[4], _zaden(pools, hs[4])


def _gb_constanten() -> tuple[list[int], list[int]]:
    """generate_state's hash constant before and after each of its 8 steps."""
    h, voor, na = _INIT_B, [], []
    for _ in range(8):
        voor.append(h)
        h = (h * _MULT_B) & _M32
        na.append(h)
    return voor, na


_GB_VOOR, _GB_NA = (np.array(x, np.uint64) for x in _gb_constanten())
_STROOM_INDEX = np.arange(len(STROMEN), dtype=np.uint64)[:, None]
_POOLWOORD = np.array([0, 1, 2, 3, 0, 1, 2, 3])  # generate_state cycles through the pool
_M32_U, _MIX_L_U, _MIX_R_U = np.uint64(_M32), np.uint64(_MIX_L), np.uint64(_MIX_R)
_16_U, _32_U = np.uint64(16), np.uint64(32)


@lru_cache(maxsize=8)
def _index_gehasht(h: int) -> np.ndarray:
    """R x hashmix(stream index, hash constant) per stream and pool word, mod 2^32: it depends
    only on the hash constant after the seed and the replication (the same for all
    replications whose numbers take as many words), so it is made once."""
    hs = [h]
    for _ in range(4):
        hs.append((hs[-1] * _MULT_A) & _M32)
    v = ((_STROOM_INDEX ^ np.array(hs[:4], np.uint64)) * np.array(hs[1:], np.uint64)) & _M32_U
    v ^= v >> _16_U
    return (v * _MIX_R_U) & _M32_U


def _zaden(pools: np.ndarray, h: int) -> np.ndarray:
    """`generate_state(4, np.uint64)` of every stream of every pool (shape (..., 4) to
    (..., streams, 4)): the stream's index mixed into the 4 pool words (`_meng`), then 8 hashed
    words paired little-endian; C-contiguous, as PCG64 reads a row's memory (products of 32-bit
    words fit in uint64)."""
    x = (((pools * _MIX_L_U) & _M32_U) + np.uint64(_M32 + 1))[..., None, :] - _index_gehasht(h)
    x &= _M32_U
    x ^= x >> _16_U
    w = x[..., _POOLWOORD]
    w ^= _GB_VOOR
    w *= _GB_NA
    w &= _M32_U
    w ^= w >> _16_U
    uit = np.empty(x.shape, np.uint64)
    np.left_shift(w[..., 1::2], _32_U, out=uit)
    uit |= w[..., 0::2]
    return uit


def _pcg_zaad(pool: tuple[int, ...]) -> np.ndarray:
    """`generate_state(4, np.uint64)` of one pool (a stream with further keys)."""
    w = []
    for i in range(8):
        v = ((pool[i & 3] ^ int(_GB_VOOR[i])) * int(_GB_NA[i])) & _M32
        w.append(v ^ (v >> 16))
    return np.array([w[0] | w[1] << 32, w[2] | w[3] << 32, w[4] | w[5] << 32, w[6] | w[7] << 32], np.uint64)


class _Zaad(ISeedSequence):
    """The seed words already worked out, handed to PCG64 as its seed sequence."""
    __slots__ = ("_staat",)

    def __init__(self, staat: np.ndarray):
        self._staat = staat

    def generate_state(self, n_words, dtype=np.uint32):
        if n_words != 4 or dtype is not np.uint64:
            raise ValueError("alleen PCG64's zaad: 4 woorden uint64")
        return self._staat


_KLEIN_EINDIG = sys.byteorder == "little"  # generate_state pairs words little-endian


def _bitgenerator(seed: int, replicatie: int, naam: str, sleutel: tuple[int, ...] = ()) -> PCG64:
    if not (_KLEIN_EINDIG and type(seed) is int and type(replicatie) is int and seed >= 0 and replicatie >= 0
            and all(type(k) is int and k >= 0 for k in sleutel)):
        return PCG64(np.random.SeedSequence(seed, spawn_key=(replicatie, STROMEN.index(naam), *sleutel)))
    _, _, pool, h, zaden = _na_replicatie(seed, replicatie)
    if not sleutel:
        return PCG64(_Zaad(zaden[_INDEX[naam]]))
    pool, h = _meng(pool, h, _INDEX[naam])
    for k in sleutel:
        for w in _woorden(k):
            pool, h = _meng(pool, h, w)
    return PCG64(_Zaad(_pcg_zaad(pool)))


def toevalsstroom(seed: int, replicatie: int, naam: str, *sleutel: int) -> np.random.Generator:
    """`sleutel`: further keys (a day), for draws that must not depend on what came before.
    The generator of `SeedSequence(seed, spawn_key=(replicatie, index of naam, *sleutel))`."""
    return Generator(_bitgenerator(seed, replicatie, naam, sleutel))


_NAAR_DOUBLE = 1.0 / 9007199254740992.0
_BLOK = 64


class Trekker:
    """A stream's draws as numpy's Generator makes them, from its PCG64's raw 64-bit words:
    `random()` is word >> 11 scaled to [0, 1); `integers` is Lemire's method on 32-bit halves,
    the second half kept for the next 32-bit draw as PCG64 keeps it; `uniform` is low + range x
    random(). The generator is made on the first draw (a stream that draws nothing costs
    nothing), and words are fetched ahead in blocks: the generator is private to the Trekker,
    so words fetched and not used are never seen. Start it on a generator whose 32-bit buffer is
    empty (fresh, or only double and 64-bit draws so far)."""
    __slots__ = ("_maak", "_bg", "_woorden", "_blokken", "_helft")

    def __init__(self, seed: int, replicatie: int, naam: str, *, rng: np.random.Generator | None = None):
        self._maak = (seed, replicatie, naam)  # with `rng`: only to name the stream, not to remake it
        self._bg = rng.bit_generator if rng is not None else None
        self._woorden = iter(())
        self._blokken = 0
        self._helft = -1  # the kept high half of the last 64-bit word split for 32-bit draws

    def _nieuw_blok(self) -> int:
        """The next word from a new block: a small first one (many streams draw a few numbers)."""
        if self._bg is None:
            self._bg = _bitgenerator(*self._maak)
        self._woorden = iter(self._bg.random_raw(_BLOK if self._blokken else _BLOK // 4).tolist())
        self._blokken += 1
        return next(self._woorden)

    def random(self) -> float:
        try:
            return (next(self._woorden) >> 11) * _NAAR_DOUBLE
        except StopIteration:
            return (self._nieuw_blok() >> 11) * _NAAR_DOUBLE

    def _u32(self) -> int:
        h = self._helft
        if h >= 0:
            self._helft = -1
            return h
        try:
            w = next(self._woorden)
        except StopIteration:
            w = self._nieuw_blok()
        self._helft = w >> 32
        return w & _M32

    def integers(self, lo: int, hi: int) -> int:
        """`int(Generator.integers(lo, hi))`: int64, hi - lo at most 2^32 - 1."""
        excl = hi - lo
        if excl <= 1:
            if excl < 1:
                raise ValueError("low >= high")
            return lo
        if excl > _M32:
            raise ValueError("Trekker: bereik te groot")
        h = self._helft  # _u32, inline: most draws take one 32-bit half
        if h >= 0:
            self._helft = -1
            m = h * excl
        else:
            try:
                w = next(self._woorden)
            except StopIteration:
                w = self._nieuw_blok()
            self._helft = w >> 32
            m = (w & _M32) * excl
        if (m & _M32) < excl:  # rejection, as numpy, to remove the bias
            drempel = (_M32 - excl + 1) % excl
            while (m & _M32) < drempel:
                m = self._u32() * excl
        return lo + (m >> 32)

    def paren(self, n: int, lo: int, hi: int) -> tuple[list[int], list[float]]:
        """n times (integers(lo, hi), random()), in that order, as two lists. On a fresh stream
        as one block of words: pairs 2g and 2g+1 take the low and the high half of word 3g
        for their integers (PCG64 keeps the high half for the next 32-bit draw) and words
        3g+1 and 3g+2 for their doubles; if Lemire's method would reject any draw (about
        width / 2^32 per draw), the stream is drawn again one call at a time."""
        excl = hi - lo
        if n > 0 and self._bg is None and 1 < excl <= _M32:
            self._bg = _bitgenerator(*self._maak)
            ruw = self._bg.random_raw((3 * n + 1) // 2)
            helften = ruw[0::3]
            u = np.empty(n, np.uint64)
            u[0::2] = helften[:(n + 1) // 2] & _M32_U
            u[1::2] = (helften >> _32_U)[:n // 2]
            m = u * np.uint64(excl)
            if not ((m & _M32_U) < excl).any():
                k = np.arange(n)
                dubbel = ((ruw[3 * (k // 2) + 1 + k % 2] >> np.uint64(11)).astype(np.float64) * _NAAR_DOUBLE).tolist()
                if n % 2:
                    self._helft = int(helften[n // 2] >> _32_U)
                self._blokken = 1
                return ((m >> _32_U).astype(np.int64) + lo).tolist(), dubbel
            self._bg = None  # made again from its seed: the same stream from its start
        getallen, dubbel = [], []
        for _ in range(n):
            getallen.append(self.integers(lo, hi))
            dubbel.append(self.random())
        return getallen, dubbel

    def uniform(self, lo: float, hi: float) -> float:
        lo, hi = float(lo), float(hi)
        bereik = hi - lo
        if bereik < 0:
            raise ValueError("high - low < 0")
        return lo + bereik * self.random()

    def kies(self, cdf: list[float]) -> int:
        """`Generator.choice(len(p), p=p)` given `kans_cdf(p)`: one double, searchsorted right."""
        return bisect_right(cdf, self.random())


def dubbels(seed: int, replicatie: int, naam: str, n: int) -> list[float]:
    """The stream's first n `random()` draws (none drawn, no generator made, when n is 0)."""
    return Generator(_bitgenerator(seed, replicatie, naam)).random(n).tolist() if n > 0 else []


def kans_cdf(p) -> list[float]:
    """The cumulative distribution `Generator.choice(n, p=p)` searches (p.cumsum(), divided by
    its last element), after the checks choice makes on p (same errors)."""
    Generator(PCG64(0)).choice(len(p), p=p)
    cdf = np.asarray(p, dtype=np.float64).cumsum()
    cdf /= cdf[-1]
    return cdf.tolist()
