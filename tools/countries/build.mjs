// Builds src/Concord.Matching/Fields/Data/countries.tsv: every territory's name in English, Simplified Chinese,
// Traditional Chinese and Burmese, long and short forms, and in the territory's own main language, from the CLDR data that Node's ICU carries (Intl.DisplayNames).
// Run again when Node's CLDR version changes:  node tools/countries/build.mjs
import { readFileSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

const here = dirname(fileURLToPath(import.meta.url));
const codes = readFileSync(join(here, 'iso3166.tsv'), 'utf8').split('\n')
  .filter(l => l && !l.startsWith('#')).map(l => l.split('\t'));
const languages = ['en', 'zh-Hans', 'zh-Hant', 'my'];
const long = Object.fromEntries(languages.map(l => [l, new Intl.DisplayNames([l], { type: 'region', fallback: 'none' })]));
const short = Object.fromEntries(languages.map(l => [l, new Intl.DisplayNames([l], { type: 'region', style: 'short', fallback: 'none' })]));
const lines = [
  `# Territory names from CLDR ${process.versions.cldr} (Unicode, Inc. licence, see countries-LICENSE), built by tools/countries/build.mjs.`,
  '# iso3\tiso2\ten\tzh-Hans\tzh-Hant\tmy\tother forms (short names), separated by |',
];
for (const [iso2, iso3] of codes) {
  const names = languages.map(l => long[l].of(iso2) ?? '');
  // The name in the territory's own main language (ไทย, Việt Nam), as its citizens write it on a form.
  const own = new Intl.Locale(`und-${iso2}`).maximize().language;
  const native = own === 'und' ? undefined : new Intl.DisplayNames([own], { type: 'region', fallback: 'none' }).of(iso2);
  const others = [...new Set([...languages.map(l => short[l].of(iso2)), native].filter(s => s && !names.includes(s)))];
  lines.push([iso3, iso2, ...names, others.join('|')].join('\t'));
}
writeFileSync(join(here, '../../src/Concord.Matching/Fields/Data/countries.tsv'), lines.join('\n') + '\n');
console.log(`${codes.length} territories, CLDR ${process.versions.cldr}`);
