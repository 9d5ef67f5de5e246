#!/usr/bin/env python3
# SPDX-License-Identifier: GPL-3.0-or-later
"""Offline comparison of orders for the errors queue (docs/RESULTS.md, "The errors queue on
planted flips"): reads a label_efficiency.sh seed folder's errors library (labels, held-out
scores) and its flips.csv, and prints precision@50 and flips in the top 200 for each order.
'A' is the queue's earlier self-confidence order; 'D ... (flagged)' on both directions is the
queue's order now (QueueRanking::labelErrors). Extra library folder names (copies of the
errors library cross-fitted with other seeds) are averaged into the held-out scores.

  /usr/bin/python3 scripts/experiments/errors_orders.py OUT/s1 [errors cf11 cf12]
Needs numpy (Debian: python3-numpy).
"""
import sqlite3, sys, csv, os, collections
import numpy as np
if len(sys.argv) < 2:
    sys.exit(__doc__)
S=sys.argv[1]; libs=sys.argv[2:] or ['errors']
flips=set((r['clip'],r['instrument']) for r in csv.DictReader(open(f'{S}/flips.csv')))
acc={}
for lib in libs:
    c=sqlite3.connect(f'{S}/{lib}/catalog.sqlite')
    for path,k,v,s in c.execute('''select t.path, i.key, l.value, h.score from label l join clip cl on cl.id=l.clip_id join track t on t.id=cl.track_id
     join instrument i on i.id=l.instrument_id join heldout_prediction h on h.clip_id=l.clip_id and h.instrument_id=l.instrument_id where cl.is_test=0'''):
        key=os.path.splitext(os.path.basename(path))[0]
        acc.setdefault((key,k,v),[]).append(s)
D=[(k,v,float(np.mean(ss)),(key,k) in flips) for (key,k,v),ss in acc.items()]
byk=collections.defaultdict(lambda: ([],[]))
for k,v,s,f in D: byk[k][v].append(s)
pos={k:np.sort(np.array(byk[k][1])) for k in byk}; neg={k:np.sort(np.array(byk[k][0])) for k in byk}
tp={k:(pos[k].mean() if len(pos[k]) else np.nan) for k in byk}; tn={k:(neg[k].mean() if len(neg[k]) else np.nan) for k in byk}
def ev(name,pri):
    L=sorted([p for p in pri if p[0] is not None], key=lambda x:-x[0])
    f50=sum(x[1] for x in L[:50]); f200=sum(x[1] for x in L[:200])
    print(f'{name:45s} entries {len(L):5d} p@50 {f50/50:.2f} flips@200 {f200}')
def pabs(k,s): return (len(neg[k])-np.searchsorted(neg[k],s,'left'))/max(1,len(neg[k]))
def ppres(k,s): return (np.searchsorted(pos[k],s,'right'))/max(1,len(pos[k]))
A=[]
for k,v,s,f in D:
    if v==1: A.append((1-s,f) if s<=tn[k] and s<tp[k] else (None,f))
    else: A.append((s,f) if s>=tp[k] and s>tn[k] else (None,f))
ev('A current',A)
ev('B absent only by s (flagged)',[((s,f) if v==0 and s>=tp[k] else (None,f)) for k,v,s,f in D])
ev('D both by 1-pvalue (flagged)',[((1-(pabs(k,s) if v==0 else ppres(k,s)),f) if ((v==0 and s>=tp[k]) or (v==1 and s<=tn[k])) else (None,f)) for k,v,s,f in D])
ev('D2 both by 1-pvalue (all)',[((1-(pabs(k,s) if v==0 else ppres(k,s)),f)) for k,v,s,f in D])
ev('B2 absent only by s (all)',[((s,f) if v==0 else (None,f)) for k,v,s,f in D])
def precision_at(k,s):
    a=len(pos[k])-np.searchsorted(pos[k],s,'left'); b=len(neg[k])-np.searchsorted(neg[k],s,'left')
    return a/(a+b) if a+b else 0
ev('C absent by P(present|score>=s) (flagged)',[((precision_at(k,s),f) if v==0 and s>=tp[k] else (None,f)) for k,v,s,f in D])
ev('C2 absent by P(present|score>=s) (all)',[((precision_at(k,s),f) if v==0 else (None,f)) for k,v,s,f in D])
ev('D3 absent only by 1-pvalue (all)',[((1-pabs(k,s),f) if v==0 else (None,f)) for k,v,s,f in D])
