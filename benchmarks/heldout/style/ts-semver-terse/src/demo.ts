import { satisfies, maxSatisfying } from './range';
import { v, cmp, fmt } from './version';

const cases: [string, string, boolean][] = [
  ['1.2.3', '^1.0.0', true],
  ['2.0.0', '^1.0.0', false],
  ['0.2.5', '^0.2.3', true],
  ['0.3.0', '^0.2.3', false],
  ['0.0.4', '^0.0.3', false],
  ['1.2.9', '~1.2.3', true],
  ['1.3.0', '~1.2.3', false],
  ['1.9.9', '1.x', true],
  ['2.0.0', '1.x', false],
  ['3.1.0', '*', true],
  ['1.5.0', '1.2.3 - 1.6', true],
  ['1.7.0', '1.2.3 - 1.6', false],
  ['1.2.0', '>=1.0.0 <1.2.0', false],
  ['1.1.9', '>=1.0.0 <1.2.0', true],
  ['5.0.0', '<2 || >=5', true],
  ['3.0.0', '<2 || >=5', false],
  ['1.2.3-beta.1', '^1.2.3-alpha', true],
  ['1.3.0-beta.1', '^1.2.3-alpha', false],
  ['2.0.0-rc.1', '<2.0.0', false],
  ['1.2.4', '> 1.2.3', true],
  ['1.2.3', '<=1.2', true],
  ['1.3.0', '<=1.2', false],
];

let bad = 0;
for (const [ver, r, want] of cases) {
  const got = satisfies(ver, r);
  if (got !== want) { bad++; console.log(`FAIL ${ver} ${r}: got ${got}`); }
}

const ord = ['1.0.0-alpha', '1.0.0-alpha.1', '1.0.0-alpha.beta', '1.0.0-beta', '1.0.0-beta.2',
  '1.0.0-beta.11', '1.0.0-rc.1', '1.0.0'];
for (let i = 1; i < ord.length; i++)
  if (cmp(v(ord[i - 1]), v(ord[i])) >= 0) { bad++; console.log(`FAIL order ${ord[i - 1]} < ${ord[i]}`); }

const best = maxSatisfying(['1.2.0', '1.4.2', '2.0.0', '1.9.0-rc.1'], '^1.2');
if (best !== '1.4.2') { bad++; console.log(`FAIL max: ${best}`); }

console.log(bad ? `${bad} failed` : `ok (${cases.length + ord.length} checks, ${fmt(v('v1.0.0-rc.1+b7'))})`);
process.exitCode = bad ? 1 : 0;
