/** The committed org catalogue (apionly discover): its bytes, its reading, its differences. Pure; IO is in src/io. */
export { renderCatalogue } from './renderCatalogue';
export { parseCatalogue } from './parseCatalogue';
export { diffCatalogues, type CatalogueDiff } from './diffCatalogues';
