import matching.wachtlijst as w, numpy as np; o = w.wachtlijst; w.wachtlijst = lambda r, ok: o(r, ok[:, ::-1]) 
