"""Simulatie: a SimPy model of a municipality's year of housing vergunninghouders."""
