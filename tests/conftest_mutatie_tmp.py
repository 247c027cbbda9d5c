import matching.regels as r; r.horizon_dag = lambda pd, m: pd + round(m * 30.4)
