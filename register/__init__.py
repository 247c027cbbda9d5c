"""Register: the memory of a gemeente's allocation rounds, append-only.

Every proposal, offer, acceptance, refusal, nareizigers arrival and correction is a new entry;
nothing is updated in place. Realisatie is counted from the entries with the simulation's own
counting rule (`simulatie.telling`), so the register and the forecast agree by construction.
"""
