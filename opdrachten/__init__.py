"""The commands of `huisvesting`, one module per command (or group of commands).

cli.py names each command in its map `OPDRACHTEN` as "module:naam" and imports a module only
when its command is used or listed, so these modules import nothing heavy at the top: click,
`opdrachten.gemeen` and light parts of the project. pandas, numpy, ortools, scipy, matplotlib
and dask are imported inside the command functions, after the options have been checked.
"""
