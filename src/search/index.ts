/** In-memory, synchronous search indexes for clients and orders, kept current on every write. */
export { ClientSearchIndex, type ClientSearchOptions } from './client-index.ts';
export { OrderSearchIndex, type OrderSearchOptions } from './order-index.ts';
export { TextIndex, type Indexer, type SearchHit, type SearchIndexStats, type SearchOptions } from './text-index.ts';
export { Tag, addEmail, addWords, searchFold, taxTerm, wordsOf } from './terms.ts';
export { phoneKey, phonePrefixes } from './phone.ts';
