import matching.regels as r; o = r.bezwaren
def f(rr, b):
    x = o(rr, b); x['huur_boven_aftoppingsgrens'] = x['huur_boven_aftoppingsgrens'] | (rr.w.huur[None, :] >= 647.19); return x
r.bezwaren = f
