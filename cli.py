"""huisvesting: command line for matching, simulation, comparison and the province's table.

Bad input ends with one line per problem on stderr and exit code 2, never a traceback;
output files are written atomically, so an interrupted run leaves nothing half-written.

Each command lives in its own module and is imported only when it is used or listed
(`OPDRACHTEN`), and those modules import pandas, numpy, ortools, scipy, matplotlib and dask
only inside the command, so `--help` and the checking of options start in a fraction of a second.
"""

from __future__ import annotations

import sys

import click

from matching.bestanden.fouten import InvoerFout, InvoerFouten
from opdrachten.groep import LuieGroep
# What commands written in this file use (the modules under opdrachten/ import them from opdrachten.gemeen).
from opdrachten.gemeen import CSV_STIJL as _CSV_STIJL, FORMATEN, ZET as _ZET, uit as _uit, vandaag  # noqa: F401
from simulatie.voortgang import Voortgang as _Voortgang  # noqa: F401

# A new command is one line here: its name and "module:naam" of its click command (or group).
OPDRACHTEN = {
    "toewijzen": "opdrachten.toewijzen:toewijzen",
    "simuleer": "opdrachten.simuleer:simuleer",
    "prognose": "opdrachten.prognose:prognose",
    "vergelijk": "opdrachten.vergelijk:vergelijk",
    "controleer": "opdrachten.controleer:controleer",
    "scenario": "opdrachten.scenario:scenario",
    "rapport": "opdrachten.rapport:rapport",
    "optimaliseer": "simulatie.optimalisatie.commando:optimaliseer",
    "register": "register.commando:register",
}


@click.group(cls=LuieGroep, luie_opdrachten=OPDRACHTEN, context_settings={"help_option_names": ["-h", "--help"]})
@click.version_option(package_name="huisvesting", help="Toon de versie en stop.",
                      message="%(prog)s, versie %(version)s")
def huisvesting():
    """Huisvesting van vergunninghouders: toewijzen, simuleren, vergelijken en prognose."""


class Beeindigd(BaseException):
    """SIGTERM (the usual stop signal of schedulers) handled like Ctrl-C: unwind, write nothing."""


def _bij_sigterm(signum, frame):
    raise Beeindigd()


def main(argv: list[str] | None = None) -> int:
    import signal
    import threading

    if threading.current_thread() is threading.main_thread():
        vorige = signal.signal(signal.SIGTERM, _bij_sigterm)
    else:
        vorige = None
    try:
        return _main(argv)
    finally:
        if vorige is not None:
            signal.signal(signal.SIGTERM, vorige)


def _main(argv: list[str] | None) -> int:
    from matching.bestanden import SchrijfFout
    try:
        try:
            huisvesting.main(args=argv, standalone_mode=False, prog_name="huisvesting")
        except SystemError as e:
            # A stop (SIGTERM, Ctrl-C) that arrives while a compiled kernel runs (the extra snel)
            # comes back wrapped in a SystemError ("returned a result with an exception set"):
            # it is still the stop.
            # SimPy re-raises a process's error as a new SystemError caused by it: follow the chain.
            oorzaak = e
            while isinstance(oorzaak, SystemError):
                oorzaak = oorzaak.__cause__
            if isinstance(oorzaak, (Beeindigd, KeyboardInterrupt)):
                raise oorzaak from None
            raise
        return 0
    except Beeindigd:
        click.echo("beëindigd (SIGTERM): niets geschreven", err=True)
        return 143
    except SchrijfFout as e:
        click.echo(f"fout: {e}", err=True)
        return 1
    except InvoerFouten as e:
        for f in e.fouten:
            click.echo(f"fout: {f}", err=True)
        return 2
    except InvoerFout as e:
        click.echo(f"fout: {e}", err=True)
        return 2
    except click.exceptions.Abort:
        click.echo("afgebroken: niets geschreven", err=True)
        return 130
    except KeyboardInterrupt:
        click.echo("afgebroken: niets geschreven", err=True)
        return 130
    except click.ClickException as e:  # click's own messages in Dutch
        from matching.klik_nl import toon
        toon(e)
        return e.exit_code
    except click.exceptions.Exit as e:
        return e.exit_code
    except Exception as e:
        # A round too big for the exact lexicographic objective; matching.doel (numpy) is only
        # looked up when it was loaded, since only then can its error have been raised.
        doel = sys.modules.get("matching.doel")
        if doel is not None and isinstance(e, doel.DoelTeGroot):
            click.echo(f"fout: {e}", err=True)
            return 2
        raise


if __name__ == "__main__":
    sys.exit(main())


def run() -> None:
    """Console-script entry point."""
    sys.exit(main())
