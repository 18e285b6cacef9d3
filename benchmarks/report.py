#!/usr/bin/env python3
"""Turns benchmarks/results/*.json (JMH) into the Markdown tables of docs/BENCHMARKS.md."""
import json, os, sys

OUT = os.path.join(os.path.dirname(__file__), 'results')

def load(name):
    p = os.path.join(OUT, name)
    return json.load(open(p)) if os.path.exists(p) else []

def rows(entries):
    r = {}
    for e in entries:
        p = e.get('params', {})
        key = (p.get('appender'), p.get('endpoint'))
        pm = e['primaryMetric']
        alloc = e.get('secondaryMetrics', {}).get('gc.alloc.rate.norm', {})
        r[key] = (pm['score'], pm['scoreError'], alloc.get('score'), alloc.get('scoreError'))
    return r

def fmt(v, e):
    return f"{v:,.0f} ± {e:,.0f}" if v is not None else "–"

def table(framework, order):
    t1, t2 = rows(load(f'{framework}-t1.json')), rows(load(f'{framework}-t2.json'))
    if not t1 and not t2:
        return f"(no results for {framework})\n"
    out = ["| appender | endpoint | 1 thread: ns/op | B/op | × floor | 2 threads: ns/op | B/op | × floor |",
           "|---|---|---:|---:|---:|---:|---:|---:|"]
    floor1, floor2 = t1.get(('floor', 'up')), t2.get(('floor', 'up'))
    for app in order:
        for ep in ('up', 'down', 'hang'):
            a, b = t1.get((app, ep)), t2.get((app, ep))
            if not a and not b:
                continue
            cells = [app, ep]
            for m, floor in ((a, floor1), (b, floor2)):
                if m:
                    cells += [fmt(m[0], m[1]), f"{m[2]:,.0f}" if m[2] is not None else "–",
                              f"{m[0] / floor[0]:.2f}" if floor else "–"]
                else:
                    cells += ["–", "–", "–"]
            out.append("| " + " | ".join(cells) + " |")
    return "\n".join(out) + "\n"

if __name__ == '__main__':
    print("### Logback\n")
    print(table('logback', ['floor', 'jahiz-telegram', 'jahiz-receiver', 'sentry', 'telegram-logback']))
    print("### Log4j2\n")
    print(table('log4j2', ['floor', 'jahiz-telegram', 'jahiz-receiver', 'sentry']))
    pieces = load('pieces.json')
    if pieces:
        print("### Parts of Jahiz's caller path\n")
        print("| benchmark | ns/op | B/op |\n|---|---:|---:|")
        for e in pieces:
            pm = e['primaryMetric']; al = e.get('secondaryMetrics', {}).get('gc.alloc.rate.norm', {})
            print(f"| {e['benchmark'].split('.')[-1]} | {fmt(pm['score'], pm['scoreError'])} | {al.get('score', 0):,.0f} |")
