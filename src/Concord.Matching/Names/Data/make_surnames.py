# Regenerates chinese-surname-spellings.tsv from testdata/eval/names/chinese-surnames.json.
import json, re, sys, unicodedata
src = sys.argv[1] if len(sys.argv) > 1 else 'testdata/eval/names/chinese-surnames.json'
rows = json.load(open(src, encoding='utf-8'))
cols = ['taiwan', 'hongkong', 'macao', 'singapore', 'malaysia']
out = set(); trad = set()
def clean(s):
    s = unicodedata.normalize('NFKD', s)
    return ''.join(c for c in s.lower() if 'a' <= c <= 'z')
for r in rows:
    py = clean(r['mainland'].split('/')[0])
    if not py:
        continue
    for c in cols:
        for v in re.split(r'[/,;]', r.get(c) or ''):
            v = clean(v)
            if v and v != py:
                out.add((v, py))
    s, t = r['zh_sim'], r['zh_tra']
    if len(s) == len(t):
        for a, b in zip(t, s):
            if a != b:
                trad.add((a, b))
with open('chinese-surname-spellings.tsv', 'w', encoding='utf-8', newline='\n') as f:
    f.write('# NOTICE: compiled from Matthewow/Chinese_surname_corpus corpus.json (facts from Chinese Wikipedia, CC BY-SA).\n')
    f.write('# spelling\tpinyin\n')
    for v, p in sorted(out):
        f.write(f'{v}\t{p}\n')
with open('traditional-simplified.tsv', 'w', encoding='utf-8', newline='\n') as f:
    f.write('# NOTICE: surname pairs compiled from Matthewow/Chinese_surname_corpus corpus.json (facts from Chinese Wikipedia, CC BY-SA); given-name pairs added by hand.\n')
    f.write('# traditional\tsimplified\n')
    for a, b in sorted(trad):
        f.write(f'{a}\t{b}\n')
