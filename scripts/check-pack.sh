#!/usr/bin/env bash
# Packs the library and uses the tarball from a separate throwaway project: CommonJS require, ESM import, types,
# and the CLI. Run after `npm run build`.
set -euo pipefail
root=$(cd "$(dirname "$0")/.." && pwd)
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT
tarball=$(cd "$root" && npm pack --silent --pack-destination "$tmp" | tail -1)
echo "packed $tarball ($(du -k "$tmp/$tarball" | cut -f1) KB)"
cd "$tmp"
npm init -y >/dev/null
npm install --no-audit --no-fund --silent "$tmp/$tarball"
node -e "
const { tag } = require('arabic-ner');
const d = tag('قصف التحالف مواقع لداعش في تدمر');
if (!Array.isArray(d.entities)) throw new Error('require: no entities array');
console.log('require ok:', d.entities.map(e => e.label + ' ' + e.text).join(', '));
"
cat > esm.mjs <<'JS'
import { tag, tokenize } from 'arabic-ner';
const d = tag('قصف التحالف مواقع لداعش في تدمر');
if (!Array.isArray(d.entities) || tokenize('بتدمر').length !== 1) throw new Error('import failed');
console.log('import ok:', d.entities.map((e) => e.label + ' ' + e.text).join(', '));
JS
node esm.mjs
cat > types.ts <<'TS'
import { tag, type Entity } from 'arabic-ner';
const ents: Entity[] = tag('تدمر').entities;
export const n: number = ents.length;
TS
"$root/node_modules/.bin/tsc" --noEmit --strict --module nodenext --moduleResolution nodenext --skipLibCheck false types.ts
echo 'types ok'
./node_modules/.bin/arabic-ner --version
echo 'بتدمر' | ./node_modules/.bin/arabic-ner tag
