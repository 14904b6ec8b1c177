export function buildReactExample(): Promise<unknown>;
