# Regenerates mm-nrc-townships.tsv from testdata/eval/identifiers/mm-nrc-townships.json (wai-lin/mm-nrc, MIT, see mm-nrc-LICENSE).
import json, sys
src = sys.argv[1] if len(sys.argv) > 1 else 'testdata/eval/identifiers/mm-nrc-townships.json'
d = json.load(open(src, encoding='utf-8'))
seen = set()
with open('mm-nrc-townships.tsv', 'w', encoding='utf-8', newline='\n') as f:
    f.write('# NOTICE: compiled from wai-lin/mm-nrc src/assets/NRC_Data.json (MIT, see mm-nrc-LICENSE).\n')
    f.write('# state\tburmese_short\tlatin_short\n')
    for t in d['nrcTownships']:
        st, mm, en = t['stateCode'].strip(), t['short']['mm'].strip(), t['short']['en'].strip().upper()
        if not mm or not en or mm == '-' or en == '-' or (st, mm) in seen:
            continue
        seen.add((st, mm))
        f.write(f'{st}\t{mm}\t{en}\n')
