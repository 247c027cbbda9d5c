"""The actors of the simulation: one SimPy process (or helper of one) per real actor.

- `vacatures`: the corporation offers a vacancy; a round follows.
- `koppelingen`: the COA links a household to the municipality (with doorstroom, TakeCareBnB, nareizigers).
- `nareizigers`: family members who follow later and may need a larger home.
- `takecarebnb`: a stay with a host family while waiting.
- `nidos`: AMV's (unaccompanied minors) leaving Nidos care.
- `doorstroom`: the doorstroomlocatie (temporary housing, counted at intake).
- `rondes`: the allocation rounds of the municipality (matching on the waiting list).
"""
