// Under @web/dev-server plain `dexie` resolves to a wrapper around its UMD build that cannot load
// as a module, so the benches import Dexie's ES module file directly; it ships no types of its own.
declare module 'dexie/dist/modern/dexie.min.mjs' {
  export * from 'dexie';
  export { default } from 'dexie';
}
