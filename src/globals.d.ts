// The few host APIs the core uses, present in every browser and in Node ≥ 18. Declared here
// rather than pulling in DOM or Node typings, so the type checker proves the core needs nothing else.
declare var crypto: { getRandomValues<T extends Uint8Array>(array: T): T };
declare function structuredClone<T>(value: T): T;
declare function queueMicrotask(callback: () => void): void;
declare var console: { error(...data: unknown[]): void; warn(...data: unknown[]): void };
declare function setTimeout(callback: () => void, ms?: number): unknown;
