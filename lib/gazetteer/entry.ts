/**
 * Gazetteer entries: their type, and the validation every entry passes, whether it comes from a TSV file, a
 * user's `createGazetteer(entries)` call or `gazetteer.add(entry)`.
 */
import { isLabel, type Label } from '../labels';

export interface GazetteerEntry {
  /** stable id, `<per|loc|org|unit>:<slug>` */
  id: string;
  label: Label;
  /** canonical Arabic name ('' when only Latin names are known) */
  ar: string;
  arVariants: string[];
  /** canonical Latin name ('' when only Arabic names are known: a romanisation is computed) */
  en: string;
  enAliases: string[];
  /** facts as strings (country, lat, lon, type, role, rank, parent, …); a null-prototype object */
  facts: Record<string, string>;
}

/** What users pass to `createGazetteer` / `gazetteer.add`: only `id`, `label` and one name are required. */
export interface EntryInput {
  id: string;
  label: Label;
  ar?: string;
  arVariants?: string[];
  en?: string;
  enAliases?: string[];
  facts?: Record<string, string | number>;
}

const ID = /^(per|loc|org|unit):[a-z0-9][a-z0-9._-]*$/;
const FACT_KEY = /^[a-z][a-z0-9_]*$/;
const ARABIC = /[\u0600-\u06FF\u0750-\u077F\u08A0-\u08FF\uFB50-\uFDFF\uFE70-\uFEFF]/;
const CONTROL = /[\u0000-\u001F\u007F|]/;

/** Validates one entry; returns the problem as a sentence, or null. */
export function entryProblem(e: EntryInput): string | null {
  if (e === null || typeof e !== 'object') return 'entry must be an object';
  if (typeof e.id !== 'string' || !ID.test(e.id)) return `id must look like 'loc:palmyra' (prefix per/loc/org/unit, then a-z 0-9 . _ -), got ${JSON.stringify(e.id)}`;
  if (!isLabel(e.label)) return `label must be one of PER, LOC, ORG, UNIT, got ${JSON.stringify(e.label)}`;
  if (e.id.slice(0, e.id.indexOf(':')) !== e.label.toLowerCase()) return `id prefix '${e.id.slice(0, e.id.indexOf(':'))}' does not match label ${e.label}`;
  for (const [field, v] of [['ar', e.ar], ['en', e.en]] as const) {
    if (v !== undefined && typeof v !== 'string') return `${field} must be a string`;
    if (v && (CONTROL.test(v) || v !== v.trim())) return `${field} has a control character, '|' or surrounding spaces: ${JSON.stringify(v)}`;
  }
  if (!e.ar && !e.en) return 'entry has neither an Arabic (ar) nor a Latin (en) name';
  if (e.ar && !ARABIC.test(e.ar)) return `ar must be in Arabic script, got ${JSON.stringify(e.ar)}`;
  for (const [field, list] of [['arVariants', e.arVariants], ['enAliases', e.enAliases]] as const) {
    if (list === undefined) continue;
    if (!Array.isArray(list)) return `${field} must be an array of strings`;
    for (const v of list) {
      if (typeof v !== 'string' || !v.trim()) return `${field} has an empty or non-string name`;
      if (CONTROL.test(v) || v !== v.trim()) return `${field} has a control character, '|' or surrounding spaces: ${JSON.stringify(v)}`;
      if (field === 'arVariants' && !ARABIC.test(v)) return `arVariants must be in Arabic script, got ${JSON.stringify(v)}`;
    }
  }
  if (e.facts !== undefined) {
    if (e.facts === null || typeof e.facts !== 'object' || Array.isArray(e.facts)) return 'facts must be an object';
    for (const [k, v] of Object.entries(e.facts)) {
      if (!FACT_KEY.test(k)) return `fact key must be lower-case letters, digits and _, got ${JSON.stringify(k)}`;
      if (typeof v !== 'string' && typeof v !== 'number') return `fact ${k} must be a string or number`;
      if (/[;=\t\n]/.test(String(v))) return `fact ${k} must not contain ; = or control characters`;
    }
    for (const k of ['lat', 'lon'] as const) {
      const v = e.facts[k];
      if (v !== undefined && !Number.isFinite(Number(v))) return `fact ${k} must be a number, got ${JSON.stringify(v)}`;
    }
  }
  return null;
}

/** A validated, normalised copy of the input (lists copied, facts in a null-prototype object). */
export function toEntry(e: EntryInput): GazetteerEntry {
  const facts: Record<string, string> = Object.create(null);
  if (e.facts) for (const [k, v] of Object.entries(e.facts)) facts[k] = String(v);
  return {
    id: e.id,
    label: e.label,
    ar: e.ar ?? '',
    arVariants: e.arVariants ? [...e.arVariants] : [],
    en: e.en ?? '',
    enAliases: e.enAliases ? [...e.enAliases] : [],
    facts,
  };
}

/** A generated entry (GeoNames, …) that is not a country, a capital or a city of 100,000 people or more. */
export function isMinorGenerated(e: GazetteerEntry): boolean {
  if (e.facts.source === undefined) return false;
  const type = e.facts.type;
  return !(type === 'country' || type === 'capital' || Number(e.facts.population) >= 100000);
}

/**
 * Does this one-word name stand on its own, so that ب/ل/و glued to it inside a longer name is a proclitic
 * (`isGluedProclitic`)? A place or organisation, but not a minor generated place.
 */
export function standsAlone(e: GazetteerEntry): boolean {
  return e.label !== 'PER' && !isMinorGenerated(e);
}
